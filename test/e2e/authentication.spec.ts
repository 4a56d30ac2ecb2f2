/**
 * Only the Bot Framework channel may talk to the bot: every request without a valid channel token
 * is a 401 (never a 500) and has no effect at all; a body that is not an activity is a 400.
 * (A genuine token of another channel than Teams is a 403: hostile-identity.spec.ts.)
 */
import { strict as assert } from 'node:assert';
import { linesLeakingSecrets } from '../support/bot-process';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readRequest } from '../support/stored-records';
import { channelThread } from '../support/teams-client';
import { BOT_APP, GRAPH_APP, useTokenGuard } from '../support/token-guard-world';

describe('e2e: authentication of inbound requests', function () {
  const world = useTokenGuard();

  const badTokens: [string, () => string | null][] = [
    ['no Authorization header', () => null],
    ['a garbage bearer token', () => 'Bearer not-a-jwt'],
    ['an empty bearer token', () => 'Bearer '],
    ['a Basic credential', () => `Basic ${Buffer.from(`${BOT_APP.id}:${BOT_APP.secret}`).toString('base64')}`],
    ['an expired token', () => bearer({ expiresInSeconds: -3600 })],
    ['a token not valid yet', () => bearer({ notBeforeOffsetSeconds: 3600, expiresInSeconds: 7200 })],
    ['a token for another bot (audience)', () => bearer({ audience: '00000000-0000-4000-8000-0000000000aa' })],
    ['a token from another issuer', () => bearer({ issuer: 'https://sts.evil.example/' })],
    ['a token signed with an unknown key id', () => bearer({ kid: 'kid-nobody-published' })],
    ['a token with a forged signature (known key id)', () => bearer({ forgeSignature: true })],
    ['a token whose serviceurl claim is another service', () => bearer({ serviceUrl: 'https://smba.evil.example/teams/' })],
  ];

  function bearer(options: Record<string, unknown>): string {
    return `Bearer ${world.sim.botFramework.signToken({ appId: BOT_APP.id, serviceUrl: world.sim.botFramework.serviceUrl, ...options })}`;
  }

  it('a valid channel token is accepted (control)', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const answer = await world.teams.post(world.teams.messageActivity(alice, 'help', thread));
    assert.equal(answer.status, 200);
    assert.equal(world.teams.replies(thread).length, 1, 'the bot answered in the conversation');
  });

  for (const [what, authorization] of badTokens) {
    it(`${what} → 401, nothing sent, nothing changed`, async function () {
      const { teams, sim } = world;
      const thread = channelThread(OUR_TENANT_ID);
      const message = await teams.post(teams.messageActivity(alice, 'revoke "Kiosk Porto" stolen', thread), { authorization: authorization() });
      assert.equal(message.status, 401, `message: ${JSON.stringify(message.body)}`);
      assert.doesNotMatch(JSON.stringify(message.body), /at \w+ \(|node_modules|eyJ/, 'the answer shows no stack trace or token');

      const sent = await teams.openRequest(alice, 'Kiosk Porto', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
      const connectorBefore = sim.connector.activities.length;
      const graphBefore = sim.graph.calls.length;
      const click = await teams.post(teams.invokeActivity(bob, 'approve', sent.requestId, sent.conversation, { replyToId: sent.activityId }), {
        authorization: authorization(),
      });
      assert.equal(click.status, 401, `invoke: ${JSON.stringify(click.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(sim.connector.activities.length, connectorBefore, 'nothing sent to the connector');
      assert.equal(sim.graph.calls.length, graphBefore, 'no Graph call');
      assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending', 'the request is untouched');
      assert.equal(teams.replies(thread).length, 0, 'the rejected message got no answer');

      // Clean up for the next case (the same profile is used again), and let the notice go out now.
      await teams.click(alice, 'cancel', sent.requestId);
      await teams.waitForReply(sent.conversation, /cancelled the request/);
    });
  }

  it('the rejected tokens and the app secrets never reach the log', function () {
    assert.deepEqual(linesLeakingSecrets(world.bot.output, [BOT_APP.secret, GRAPH_APP.secret, 'not-a-jwt']), []);
  });

  const badBodies: [string, string][] = [
    ['malformed JSON', '{"type": "message", "text": '],
    ['a JSON array', '[{"type":"message"}]'],
    ['a JSON string', '"message"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an object without a type', '{"text":"help"}'],
    ['an activity whose conversation is a string', '{"type":"message","text":"help","conversation":"19:abc"}'],
  ];

  for (const [what, rawBody] of badBodies) {
    it(`${what} as the body → 400, never 500`, async function () {
      const before = world.sim.connector.activities.length;
      const answer = await world.teams.post(undefined, { rawBody });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.doesNotMatch(JSON.stringify(answer.body), /at \w+ \(|node_modules/, 'no stack trace in the answer');
      assert.equal(world.sim.connector.activities.length, before, 'nothing sent to the connector');
    });
  }
});
