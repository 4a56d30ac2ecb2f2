/**
 * Hostile input: forged identity. Only Teams vouches for `from.aadObjectId` and the tenant, so an
 * activity from any other channel (Direct Line, Web Chat), signed with a key not endorsed for
 * msteams, from another tenant, without a serviceUrl, or with an identity that is not an Entra
 * object id, changes nothing: no request, no decision, no audit entry, no message, no Graph call.
 */
import { strict as assert } from 'node:assert';
import { alice, bob, carol, erin, OTHER_TENANT_ID, OUR_TENANT_ID, type TeamsUser } from '../support/cast';
import { countRequests, readAudit, readRequest, settledRequest } from '../support/stored-records';
import { answerText, channelThread, type Conversation, type SentCard } from '../support/teams-client';
import { BOT_APP, useTokenGuard, type TokenGuardWorld } from '../support/token-guard-world';

/** What the bot has stored, sent and asked Graph so far: compared before and after an attack. */
function footprint(world: TokenGuardWorld) {
  return {
    requests: countRequests(world.bot.dataDir),
    audit: readAudit(world.bot.dataDir).length,
    connector: world.sim.connector.activities.length,
    graph: world.sim.graph.calls.length,
  };
}

async function expectNoEffect(world: TokenGuardWorld, before: ReturnType<typeof footprint>): Promise<void> {
  // Give any (wrongly) started background work a moment to show itself.
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(footprint(world), before, 'nothing stored, audited, sent or asked of Graph');
}

function bearer(world: TokenGuardWorld, options: Record<string, unknown> = {}): string {
  return `Bearer ${world.sim.botFramework.signToken({ appId: BOT_APP.id, serviceUrl: world.sim.botFramework.serviceUrl, ...options })}`;
}

describe('e2e hostile: identity from another channel than Teams', function () {
  const world = useTokenGuard();

  async function pending(profileName: string): Promise<SentCard> {
    const sent = await world.teams.openRequest(alice, profileName, 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    await settledRequest(world.bot.dataDir, sent.requestId);
    return sent;
  }

  const forgeries: [string, string, Record<string, unknown>][] = [
    ['Direct Line with a key endorsed for directline', 'directline', { keyEndorsedForOtherChannel: true }],
    ['Web Chat with a key endorsed for webchat', 'webchat', { keyEndorsedForOtherChannel: true }],
    ['msteams with a key endorsed only for directline/webchat', 'msteams', { keyEndorsedForOtherChannel: true }],
    ['Direct Line with the msteams key', 'directline', {}],
  ];

  for (const [what, channelId, tokenOptions] of forgeries) {
    it(`${what}: a request "as Alice" → 403, nothing happens`, async function () {
      const before = footprint(world);
      const activity = { ...world.teams.messageActivity(alice, 'revoke "Kiosk Porto" stolen', channelThread(OUR_TENANT_ID)), channelId };
      const answer = await world.teams.post(activity, { authorization: bearer(world, tokenOptions) });
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      assert.doesNotMatch(JSON.stringify(answer.body), /at \w+ \(|node_modules|eyJ/, 'no stack trace or token in the answer');
      await expectNoEffect(world, before);
    });

    it(`${what}: an approval "as Bob" → 403, the request stays pending, no revoke`, async function () {
      const sent = await pending('Kiosk Faro');
      const before = footprint(world);
      const click = { ...world.teams.invokeActivity(bob, 'approve', sent.requestId, sent.conversation, { replyToId: sent.activityId }), channelId };
      const answer = await world.teams.post(click, { authorization: bearer(world, tokenOptions) });
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      await expectNoEffect(world, before);
      assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
      assert.equal(world.sim.graph.revokeCalls().length, 0);
      await world.teams.click(alice, 'cancel', sent.requestId);
      await world.teams.waitForReply(sent.conversation, /cancelled the request/);
    });
  }

  it('the same request from Teams works (control)', async function () {
    const sent = await pending('COPE Sales');
    const answer = await world.teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(answer.body), /Approved by Bob Approver/);
    await world.teams.waitForReply(sent.conversation, /revoked/i);
  });
});

describe('e2e hostile: activities from another tenant, or none', function () {
  const world = useTokenGuard();

  const strangers: [string, (c: Conversation) => unknown][] = [
    ['another tenant', (c) => c],
    ['no tenant at all', (c) => ({ ...c, tenantId: undefined, channelData: { ...c.channelData, tenant: undefined } })],
  ];

  for (const [what, shape] of strangers) {
    it(`${what}: a message gets no reply, nothing is stored or audited`, async function () {
      const before = footprint(world);
      const base = channelThread(OTHER_TENANT_ID);
      const conversation = shape(base) as unknown as Conversation;
      const activity = world.teams.messageActivity(alice, 'revoke "Kiosk Porto" I think it leaked', conversation);
      if (conversation.tenantId === undefined) delete (activity.conversation as Record<string, unknown>).tenantId;
      const answer = await world.teams.post(activity);
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      await expectNoEffect(world, before);
    });
  }

  it('another tenant: a click on our request changes nothing and is not audited', async function () {
    const sent = await world.teams.openRequest(alice, 'Kiosk Faro', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    await settledRequest(world.bot.dataDir, sent.requestId);
    const before = footprint(world);
    const elsewhere = channelThread(OTHER_TENANT_ID);
    const answer = await world.teams.post(world.teams.invokeActivity(bob, 'approve', sent.requestId, elsewhere, { replyToId: sent.activityId }));
    assert.equal(answer.status, 403, JSON.stringify(answer.body));
    const sameThread = { ...sent.conversation, tenantId: OTHER_TENANT_ID, channelData: { ...sent.conversation.channelData, tenant: { id: OTHER_TENANT_ID } } };
    const again = await world.teams.post(world.teams.invokeActivity(bob, 'approve', sent.requestId, sameThread, { replyToId: sent.activityId }));
    assert.equal(again.status, 403, JSON.stringify(again.body));
    await expectNoEffect(world, before);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
  });

  it('many drops are one log line (rate-limited), not one each', async function () {
    const from = world.bot.output.length;
    for (let i = 0; i < 8; i++) await world.teams.post(world.teams.messageActivity(carol, `help ${i}`, channelThread(OTHER_TENANT_ID)));
    const lines = world.bot.output.slice(from).filter((line) => /dropped an activity from another tenant/.test(line));
    assert.ok(lines.length <= 1, `at most one line per minute, got ${lines.length}:\n${lines.join('\n')}`);
    // The first drop of the file was logged, the later ones only counted.
    assert.ok(world.bot.output.some((line) => /dropped an activity from another tenant/.test(line)), 'the drop is logged');
  });

  it('from.name and other free text are stored capped', async function () {
    const longName: TeamsUser = { ...erin, name: `Erin ${'x'.repeat(20_000)}` };
    const sent = await world.teams.openRequest(longName, 'Staging Lab', 'lost in transit', channelThread(OUR_TENANT_ID));
    await world.teams.click({ ...bob, name: `Bob ${'z'.repeat(20_000)}` }, 'reject', sent.requestId, { inputs: { reason: 'r'.repeat(20_000) } });
    await world.teams.waitForReply(sent.conversation, /rejected the revoke/);
    const stored = readRequest(world.bot.dataDir, sent.requestId) as unknown as { requester: { name: string }; decision?: { by: { name: string }; reason?: string } };
    assert.ok(stored.requester.name.length <= 256, `requester name stored with ${stored.requester.name.length} characters`);
    assert.ok((stored.decision?.by.name ?? '').length <= 256, `decider name stored with ${stored.decision?.by.name.length} characters`);
    assert.ok((stored.decision?.reason ?? '').length <= 500, `reason stored with ${stored.decision?.reason?.length} characters`);
    for (const entry of readAudit(world.bot.dataDir) as unknown as { actorName?: string }[]) {
      assert.ok(String(entry.actorName ?? '').length <= 256, `audit actorName of ${String(entry.actorName).length} characters`);
    }
  });
});

describe('e2e hostile: activities without a usable serviceUrl', function () {
  const world = useTokenGuard();

  it('a message without serviceUrl → 400, no reply, nothing stored', async function () {
    const before = footprint(world);
    const activity = world.teams.messageActivity(alice, 'revoke "Kiosk Porto" leaked', channelThread(OUR_TENANT_ID));
    delete activity.serviceUrl;
    const answer = await world.teams.post(activity);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.match(JSON.stringify(answer.body), /serviceUrl/);
    await expectNoEffect(world, before);
  });

  it('an invoke without serviceUrl → 400, the request is unchanged', async function () {
    const sent = await world.teams.openRequest(alice, 'Kiosk Faro', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    await settledRequest(world.bot.dataDir, sent.requestId);
    const before = footprint(world);
    const click = world.teams.invokeActivity(bob, 'approve', sent.requestId, sent.conversation, { replyToId: sent.activityId });
    delete click.serviceUrl;
    const answer = await world.teams.post(click);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    await expectNoEffect(world, before);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
  });

  it('with authentication on, a plain-http serviceUrl (signed as such) → 400: the bot never sends its token over http', async function () {
    const before = footprint(world);
    const serviceUrl = 'http://127.0.0.1:9/teams/';
    const activity = { ...world.teams.messageActivity(alice, 'help', channelThread(OUR_TENANT_ID)), serviceUrl };
    const answer = await world.teams.post(activity, { authorization: bearer(world, { serviceUrl }) });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.match(JSON.stringify(answer.body), /https/);
    await expectNoEffect(world, before);
  });
});

const APPROVER_GROUP = '9a0b0000-0000-4000-8000-0000000a99e0';

describe('e2e hostile: identities that are not Entra object ids', function () {
  const world = useTokenGuard({
    env: { APPROVER_IDS: undefined, APPROVER_GROUP_ID: APPROVER_GROUP, REQUESTER_IDS: alice.aadObjectId, GROUP_CACHE_SECONDS: '0' },
    simulator: { groups: { [APPROVER_GROUP]: [bob.aadObjectId] } },
  });

  const forged = ['.', '..', '%2e', '../../users', `${bob.aadObjectId}/..`, `${bob.aadObjectId}?x=1`, 'not-a-guid', ' '];

  for (const objectId of forged) {
    it(`aadObjectId ${JSON.stringify(objectId)} cannot approve, is told why, and never reaches Graph`, async function () {
      const sent = await world.teams.openRequest(alice, 'Kiosk Porto', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
      await settledRequest(world.bot.dataDir, sent.requestId);
      // Opening the request lists the approver group for the private notifications, in the background: let it end first.
      await world.bot.waitForLog(new RegExp(`(?=.*${sent.requestId})(?=.*private notification)`), 10_000);
      const graphBefore = world.sim.graph.calls.length;
      const intruder: TeamsUser = { id: '29:1intruder', name: 'Intruder', aadObjectId: objectId };
      const answer = await world.teams.click(intruder, 'approve', sent.requestId);
      assert.equal(answer.status, 200);
      const text = answerText(answer.body);
      assert.match(text, /not a valid Microsoft Entra object id/, text);
      const groupCalls = world.sim.graph.calls.slice(graphBefore).filter((c) => /\/groups\//i.test(c.path));
      assert.deepEqual(groupCalls.map((c) => `${c.method} ${c.path} ${c.status}`), [], 'no membership lookup for a forged id');
      assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
      assert.equal(world.sim.graph.revokeCalls().length, 0);
      const denied = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'access.denied');
      assert.deepEqual(denied.map((e) => e.outcome), ['malformed-identity'], 'the attempt is audited with its own reason');
      await world.teams.click(alice, 'cancel', sent.requestId);
      await world.teams.waitForReply(sent.conversation, /cancelled the request/);
    });
  }

  it('a real group member still approves (control)', async function () {
    const sent = await world.teams.openRequest(alice, 'Kiosk Faro', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    const answer = await world.teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(answer.body), /Approved by Bob Approver/);
    await world.teams.waitForReply(sent.conversation, /revoked/i);
  });
});

describe('e2e hostile: a flood of unauthenticated requests', function () {
  const world = useTokenGuard();

  it('50 rejected tokens → 50 × 401, and the log holds one line for them, not fifty', async function () {
    const from = world.bot.output.length;
    const activity = world.teams.messageActivity(alice, 'help', channelThread(OUR_TENANT_ID));
    for (let i = 0; i < 50; i++) {
      const answer = await world.teams.post(activity, { authorization: i % 2 ? 'Bearer not-a-jwt' : bearer(world, { forgeSignature: true }) });
      assert.equal(answer.status, 401);
    }
    const lines = world.bot.output.slice(from).filter((line) => /unauthenticated/i.test(line));
    assert.ok(lines.length >= 1 && lines.length <= 2, `rate-limited: ${lines.length} lines`);
  });
});
