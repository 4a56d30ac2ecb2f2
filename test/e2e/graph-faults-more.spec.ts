/**
 * More ways Graph's revokeToken can misbehave, each with what the thread is told and the final
 * state: throttling without Retry-After, 504, a dropped connection, no answer at all (the
 * per-attempt deadline; GRAPH_TIMEOUT_SECONDS is 2 here instead of the default 30 to keep the test
 * short), and a cached token Graph stopped accepting (a fresh one is fetched and the call repeated).
 */
import { strict as assert } from 'node:assert';
import { cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import type { GraphFault, RecordedGraphCall } from '../../tools/simulator';

describe('e2e: more Graph failures on revokeToken', function () {
  const world = useTokenGuard({ env: { GRAPH_TIMEOUT_SECONDS: '2' } });

  interface Outcome {
    sent: SentCard;
    replyText: string;
    calls: RecordedGraphCall[];
    cardText: string;
  }

  async function approveWithFault(profileName: string, fault?: Omit<GraphFault, 'method' | 'pathIncludes'>, beforeClick?: () => void): Promise<Outcome> {
    const { teams, sim } = world;
    const profileId = world.profileId(profileName);
    const sent = await teams.openRequest(alice, profileName, 'Token leaked in a vendor chat', channelThread(OUR_TENANT_ID));
    if (fault) sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, ...fault });
    beforeClick?.();
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver — revoking/);
    const reply = await teams.waitForReply(sent.conversation, /revoked at|failed at/, 20_000);
    const card = await teams.waitForCardUpdate(sent, (c) => /Token revoked|Revoke failed/.test(cardText(c)));
    return { sent, replyText: String(reply.activity.text), calls: sim.graph.revokeCalls(profileId), cardText: cardText(card) };
  }

  function assertFinal(outcome: Outcome, state: 'succeeded' | 'failed', kind?: string): void {
    const stored = readRequest(world.bot.dataDir, outcome.sent.requestId);
    assert.equal(stored?.state, state);
    assert.equal(stored?.outcome?.failure?.kind, kind);
    const audit = readAudit(world.bot.dataDir, outcome.sent.requestId).map((e) => e.action);
    assert.equal(audit.filter((a) => a === (state === 'succeeded' ? 'revoke.succeeded' : 'revoke.failed')).length, 1, audit.join(', '));
    if (state === 'failed') {
      assert.match(outcome.replyText, /Revoking the token of profile ".+" failed at/);
      assert.match(outcome.cardText, /Revoke failed/);
    } else {
      assert.match(outcome.replyText, /Token of profile ".+" revoked at/);
      assert.match(outcome.cardText, /Token revoked/);
    }
  }

  it('429 without Retry-After once: retried after the client\'s own back-off, then revoked', async function () {
    const outcome = await approveWithFault('Kiosk Porto', { status: 429, times: 1 });
    assert.deepEqual(outcome.calls.map((c) => c.status), [429, 204]);
    assertFinal(outcome, 'succeeded');
  });

  it('504 on every attempt: retried a bounded number of times, then unavailable', async function () {
    const outcome = await approveWithFault('COPE Sales', { status: 504, retryAfterSeconds: 1 });
    assert.ok(outcome.calls.length >= 2 && outcome.calls.length <= 4, `bounded retries (${outcome.calls.length} calls)`);
    assert.ok(outcome.calls.every((c) => c.status === 504));
    assertFinal(outcome, 'failed', 'unavailable');
    assert.match(outcome.replyText, /Microsoft Graph or Intune was unavailable/);
    assert.ok(outcome.replyText.includes(outcome.calls[outcome.calls.length - 1].requestId), 'the reply gives Graph\'s request-id');
  });

  it('the connection is reset: unavailable, and the thread is told', async function () {
    const outcome = await approveWithFault('Staging Lab', { reset: true });
    assert.equal(outcome.calls[0].fault, 'reset');
    assertFinal(outcome, 'failed', 'unavailable');
    assert.match(outcome.replyText, /Microsoft Graph or Intune was unavailable/);
    assert.doesNotMatch(outcome.replyText, /ECONNRESET|socket|fetch failed|at \w+ \(/, 'no transport internals in the reply');
  });

  it('Graph never answers: the per-attempt deadline ends the call as a timeout that says to check Intune', async function () {
    const outcome = await approveWithFault('Meeting Room Panels', { hang: true });
    assert.equal(outcome.calls.length, 1, 'a timed-out revoke is not retried blindly');
    assert.equal(outcome.calls[0].status, 0);
    assertFinal(outcome, 'failed', 'timeout');
    assert.match(outcome.replyText, /Intune gave no answer within the time limit\. The token may or may not have been revoked/);
  });

  it('401 after the cached token stopped working: a new token is fetched and the revoke succeeds', async function () {
    const { sim } = world;
    let tokensBefore = 0;
    const outcome = await approveWithFault('HR Tablets', undefined, () => {
      sim.entra.revokeIssuedTokens();
      tokensBefore = sim.entra.tokensIssued.filter((t) => t.scope === 'https://graph.microsoft.com/.default').length;
    });
    assert.deepEqual(outcome.calls.map((c) => c.status), [401, 204], 'the stale token is refused once, the fresh one works');
    assert.equal(outcome.calls[0].authorized, false);
    assert.equal(outcome.calls[1].authorized, true);
    const graphTokens = sim.entra.tokensIssued.filter((t) => t.scope === 'https://graph.microsoft.com/.default').length;
    assert.equal(graphTokens - tokensBefore, 1, 'exactly one new Graph token was fetched');
    assertFinal(outcome, 'succeeded');
  });
});
