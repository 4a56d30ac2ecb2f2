/**
 * Clicks the bot must refuse. Each refusal is a 200 answer with a clear message to the clicker
 * (Teams shows it; a non-200 would make Teams retry or show an error), and nothing else happens:
 * no card update, no thread reply, no Graph call, the request keeps its state.
 */
import { strict as assert } from 'node:assert';
import { alice, bob, carol, dave, erin, OTHER_TENANT_ID, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest, settledRequest } from '../support/stored-records';
import { answerText, channelThread, type InvokeBody, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const MESSAGE = 'application/vnd.microsoft.activity.message';

describe('e2e: refused card clicks', function () {
  const world = useTokenGuard();

  /** Asserts a refusal answer and that the click changed nothing anywhere. */
  async function expectRefusal(
    click: () => Promise<{ status: number; body: InvokeBody }>,
    expected: RegExp,
    sent?: SentCard,
  ): Promise<string> {
    const { sim } = world;
    const connectorBefore = sim.connector.activities.length;
    const graphBefore = sim.graph.calls.length;
    const stateBefore = sent && (await settledRequest(world.bot.dataDir, sent.requestId));
    const answer = await click();
    assert.equal(answer.status, 200, 'a refusal is still an HTTP 200 (Teams shows the message)');
    assert.equal(answer.body.statusCode, 200);
    assert.equal(answer.body.type, MESSAGE, `a refusal is a message, not a card: ${JSON.stringify(answer.body)}`);
    const text = answerText(answer.body);
    assert.match(text, expected);
    // Give any (wrongly) scheduled background work a moment to show itself.
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(sim.connector.activities.slice(connectorBefore).map((a) => `${a.method} ${a.activity.text ?? '[card]'}`), [], 'nothing sent to the conversation');
    assert.equal(sim.graph.calls.length - graphBefore, 0, 'no Graph call');
    if (sent && stateBefore) {
      const stateAfter = readRequest(world.bot.dataDir, sent.requestId);
      assert.equal(stateAfter?.state, stateBefore.state, 'the request kept its state');
      assert.equal(stateAfter?.version, stateBefore.version, 'the request was not written');
    }
    return text;
  }

  async function pendingRequest(profileName: string): Promise<SentCard> {
    return world.teams.openRequest(alice, profileName, 'QR code posted on a public wiki', channelThread(OUR_TENANT_ID));
  }

  it('the requester cannot approve her own request', async function () {
    const sent = await pendingRequest('Kiosk Porto');
    await expectRefusal(() => world.teams.click(alice, 'approve', sent.requestId), /You asked for this revoke, so a different approver must decide it/, sent);
    const denied = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'access.denied');
    assert.deepEqual(denied.map((e) => [e.actorId, e.outcome]), [[alice.aadObjectId, 'self-approval']], 'the attempt is audited');
    // …and she cannot reject it either.
    await expectRefusal(() => world.teams.click(alice, 'reject', sent.requestId, { inputs: { reason: 'changed my mind' } }), /different approver must decide it/, sent);
  });

  it('someone who is not an approver cannot approve', async function () {
    const sent = await pendingRequest('Kiosk Faro');
    await expectRefusal(() => world.teams.click(carol, 'approve', sent.requestId), /You are not allowed to approve or reject revokes/, sent);
    await expectRefusal(() => world.teams.click(dave, 'approve', sent.requestId), /You are not allowed to approve or reject revokes/, sent);
    // The request is still open for a real approver.
    const ok = await world.teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(ok.body), /Approved by Bob Approver/);
    await world.teams.waitForReply(sent.conversation, /revoked/i);
  });

  it('a click from another tenant is dropped (403, nothing happens), even by an approver\'s object id', async function () {
    const sent = await pendingRequest('COPE Sales');
    const before = await settledRequest(world.bot.dataDir, sent.requestId);
    const elsewhere = channelThread(OTHER_TENANT_ID);
    const sameThreadOtherTenant = { ...sent.conversation, tenantId: OTHER_TENANT_ID, channelData: { ...sent.conversation.channelData, tenant: { id: OTHER_TENANT_ID } } };
    const connectorBefore = world.sim.connector.activities.length;
    for (const conversation of [elsewhere, sameThreadOtherTenant]) {
      const answer = await world.teams.post(world.teams.invokeActivity(bob, 'approve', sent.requestId, conversation, { replyToId: sent.activityId }));
      assert.equal(answer.status, 403);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(world.sim.connector.activities.length, connectorBefore, 'nothing sent');
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.version, before?.version, 'the request was not written');
  });

  it('a click on an unknown request id is refused', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const text = await expectRefusal(
      () => world.teams.click(bob, 'approve', '00000000-dead-4bee-8f00-000000000000', { conversation: thread }),
      /I have no request `00000000-dead-4bee-8f00-000000000000`/,
    );
    assert.match(text, /revoke <profile> <justification>/);
  });

  it('a click on a finished request is refused, and a replayed approval does nothing', async function () {
    const { teams, sim } = world;
    const sent = await pendingRequest('Staging Lab');
    const approval = teams.invokeActivity(bob, 'approve', sent.requestId, sent.conversation, { replyToId: sent.activityId });
    const approved = await teams.post(approval);
    assert.match(answerText(approved.body as InvokeBody), /Approved by Bob Approver/);
    await teams.waitForReply(sent.conversation, /revoked/i);
    await teams.waitForCardUpdate(sent, (card) => JSON.stringify(card).includes('Token revoked'));
    assert.equal(sim.graph.revokeCalls().length, 1);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'succeeded');

    // The very same invoke again (Teams retries after a slow answer), then other clicks on the finished request.
    await expectRefusal(
      async () => {
        const replay = await teams.post(approval);
        return { status: replay.status, body: replay.body as InvokeBody };
      },
      /is already done: the token was revoked \(decided by Bob Approver/,
      sent,
    );
    await expectRefusal(() => teams.click(erin, 'approve', sent.requestId), /is already done: the token was revoked \(decided by Bob Approver/, sent);
    await expectRefusal(() => teams.click(alice, 'cancel', sent.requestId), /is already done: the token was revoked/, sent);
    await expectRefusal(() => teams.click(bob, 'reject', sent.requestId, { inputs: { reason: 'too late' } }), /already done/, sent);
  });

  it('malformed clicks (no request id, invented verb, junk value) are refused', async function () {
    const sent = await pendingRequest('Meeting Room Panels');
    const { teams } = world;
    await expectRefusal(() => teams.click(bob, 'approve', undefined, { conversation: sent.conversation }), /That button sent nothing I can use/, sent);
    await expectRefusal(() => teams.click(bob, 'approve', sent.requestId, { data: { requestId: 42 } }), /That button sent nothing I can use/, sent);
    await expectRefusal(() => teams.click(bob, 'approve', sent.requestId, { data: { requestId: "'; DROP TABLE requests; --" } }), /That button sent nothing I can use/, sent);
    await expectRefusal(() => teams.click(bob, 'approve', sent.requestId, { value: { action: { type: 'Action.Submit', verb: 'approve', data: { requestId: sent.requestId } } } }), /That button sent nothing I can use/, sent);
    // A value that is not even an object is not an activity Teams sends: the server rejects the body.
    const junk = await teams.click(bob, 'approve', sent.requestId, { value: 'approve' });
    assert.equal(junk.status, 400);
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    await expectRefusal(() => teams.click(bob, 'delete-everything', sent.requestId), /I don't know that button's action/, sent);
    await expectRefusal(() => teams.click(bob, 'Approve', sent.requestId), /I don't know that button's action/, sent);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
  });
});
