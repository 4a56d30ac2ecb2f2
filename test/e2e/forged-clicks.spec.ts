/**
 * Clicks nobody should be able to make count: a request id carried into another conversation, data
 * fields claiming to be another approver, invented verbs, and clicks on requests decided long ago.
 * Each is refused with a message (HTTP 200, as Teams expects), changes nothing, and is audited.
 * Identity comes from the activity's `from.aadObjectId` only, never from the card's data.
 */
import { strict as assert } from 'node:assert';
import { alice, bob, carol, dave, erin, OUR_TENANT_ID, type TeamsUser } from '../support/cast';
import { readAudit, readRequest, settledRequest } from '../support/stored-records';
import { answerText, channelThread, groupChat, type Conversation, type InvokeBody, type SentCard } from '../support/teams-client';
import { BOT_APP, useTokenGuard } from '../support/token-guard-world';

const MESSAGE = 'application/vnd.microsoft.activity.message';
const CARD = 'application/vnd.microsoft.card.adaptive';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('e2e: forged clicks', function () {
  const world = useTokenGuard({ bot: { shiftableClock: true } });

  async function pendingRequest(profileName: string): Promise<SentCard> {
    return world.teams.openRequest(alice, profileName, 'QR code posted on a public wiki', channelThread(OUR_TENANT_ID));
  }

  /** A refusal: a 200 message matching `expected`, nothing sent anywhere, the request not written. */
  async function expectRefusal(sent: SentCard, click: () => Promise<{ status: number; body: InvokeBody }>, expected: RegExp): Promise<void> {
    const { sim } = world;
    const connectorBefore = sim.connector.activities.length;
    const before = await settledRequest(world.bot.dataDir, sent.requestId);
    const answer = await click();
    assert.equal(answer.status, 200);
    assert.equal(answer.body.type, MESSAGE, `a refusal is a message: ${JSON.stringify(answer.body)}`);
    assert.match(answerText(answer.body), expected);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(sim.connector.activities.length, connectorBefore, 'nothing sent to any conversation');
    assert.equal(sim.graph.revokeCalls().length, 0, 'no revoke');
    const after = readRequest(world.bot.dataDir, sent.requestId);
    assert.deepEqual([after?.state, after?.version], [before?.state, before?.version], 'the request was not written');
  }

  function clickFrom(user: TeamsUser, verb: string, sent: SentCard, conversation: Conversation, inputs?: Record<string, unknown>) {
    return world.teams.click(user, verb, sent.requestId, { conversation, replyToId: sent.activityId, ...(inputs ? { inputs } : {}) });
  }

  function auditOutcomes(requestId: string, action: string): [string, string | undefined][] {
    return readAudit(world.bot.dataDir, requestId)
      .filter((e) => e.action === action)
      .map((e) => [e.actorId, e.outcome]);
  }

  it("a request id of another conversation: refused for people who are neither its requester nor an approver", async function () {
    const sent = await pendingRequest('Kiosk Porto');
    const elsewhere = groupChat(OUR_TENANT_ID);
    await expectRefusal(sent, () => clickFrom(dave, 'refresh', sent, elsewhere), /belongs to a request of another conversation/);
    await expectRefusal(sent, () => clickFrom(carol, 'cancel', sent, elsewhere), /belongs to a request of another conversation/);
    await expectRefusal(sent, () => clickFrom(carol, 'approve', sent, elsewhere), /belongs to a request of another conversation/);
    assert.deepEqual(auditOutcomes(sent.requestId, 'access.denied'), [
      [dave.aadObjectId, 'other-conversation'],
      [carol.aadObjectId, 'other-conversation'],
      [carol.aadObjectId, 'other-conversation'],
    ]);

    // Controls: the same people in the request's own thread, and an approver from anywhere.
    const inThread = await world.teams.click(dave, 'refresh', sent.requestId);
    assert.equal(inThread.body.type, CARD, 'anyone in the thread may refresh its card');
    const approverElsewhere = await clickFrom(bob, 'refresh', sent, elsewhere);
    assert.equal(approverElsewhere.body.type, CARD, 'an approver may act from another chat (e.g. the pending list)');
    const approved = await clickFrom(bob, 'approve', sent, elsewhere);
    assert.match(answerText(approved.body), /Approved by Bob Approver/);
    await world.teams.waitForReply(sent.conversation, /revoked at/);
  });

  it('data fields claiming another approver are ignored: identity is from.aadObjectId only', async function () {
    const sent = await pendingRequest('Kiosk Faro');
    const claimsBob = {
      approverId: bob.aadObjectId,
      actorId: bob.aadObjectId,
      aadObjectId: bob.aadObjectId,
      from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
      decidedBy: { id: bob.aadObjectId, name: bob.name },
      isApprover: true,
    };
    await expectRefusal(sent, () => clickFrom(alice, 'approve', sent, sent.conversation, claimsBob), /a different approver must decide it/);
    await expectRefusal(sent, () => clickFrom(dave, 'approve', sent, sent.conversation, claimsBob), /not allowed to approve or reject/);
    assert.deepEqual(auditOutcomes(sent.requestId, 'access.denied'), [
      [alice.aadObjectId, 'self-approval'],
      [dave.aadObjectId, 'not-approver'],
    ]);

    const approved = await clickFrom(erin, 'approve', sent, sent.conversation, claimsBob);
    assert.match(answerText(approved.body), /Approved by Erin Approver/);
    await world.teams.waitForReply(sent.conversation, /revoked at/);
    const approvals = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'request.approved');
    assert.deepEqual(approvals.map((e) => e.actorId), [erin.aadObjectId], 'the decision is Erin\'s, not the claimed Bob\'s');
  });

  it('invented verbs are refused and audited', async function () {
    const sent = await pendingRequest('COPE Sales');
    for (const verb of ['delete-everything', 'approveAll', '__proto__', 'constructor', 'x'.repeat(500)]) {
      await expectRefusal(sent, () => clickFrom(bob, verb, sent, sent.conversation), /I don't know that button's action/);
    }
    const refused = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'action.refused');
    assert.deepEqual(refused.map((e) => [e.actorId, e.outcome]), Array(5).fill([bob.aadObjectId, 'unknown-verb']));
    assert.ok(refused.every((e) => (e.detail ?? '').length <= 40), 'the audit keeps only a short prefix of an invented verb');
  });

  // Last in this file: it moves the bot's clock forward for good.
  it('requests decided long ago are refused as not pending, and audited', async function () {
    const { teams, sim, bot } = world;
    const sent = await pendingRequest('Staging Lab');
    const rejected = await teams.click(bob, 'reject', sent.requestId, { inputs: { reason: 'Not leaked after all' } });
    assert.match(answerText(rejected.body), /Rejected by\nBob Approver/);
    await teams.waitForReply(sent.conversation, /rejected/i);

    await bot.advanceClock(90 * DAY_MS);
    // The channel signs with the (shifted) bot's view of time in mind: a token valid 100 days.
    const authorization = `Bearer ${sim.botFramework.signToken({ appId: BOT_APP.id, serviceUrl: sim.botFramework.serviceUrl, expiresInSeconds: 100 * 86_400 })}`;
    const lateClick = async (user: TeamsUser, verb: string, inputs?: Record<string, unknown>) => {
      const answer = await teams.post(teams.invokeActivity(user, verb, sent.requestId, sent.conversation, { replyToId: sent.activityId, ...(inputs ? { inputs } : {}) }), { authorization });
      return { status: answer.status, body: answer.body as InvokeBody };
    };
    await expectRefusal(sent, () => lateClick(erin, 'approve'), /is already rejected \(decided by Bob Approver at .*\)\. Nothing was changed/);
    await expectRefusal(sent, () => lateClick(alice, 'cancel'), /is already rejected/);
    assert.deepEqual(auditOutcomes(sent.requestId, 'action.refused'), [
      [erin.aadObjectId, 'not-pending'],
      [alice.aadObjectId, 'not-pending'],
    ]);
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'rejected');
  });
});
