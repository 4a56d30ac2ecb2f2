/**
 * When Graph's revokeToken fails, the thread is told in plain words what happened and what to do,
 * with Graph's request-id for support; the request ends failed. Throttling is retried (honouring
 * Retry-After) and succeeds when Graph recovers.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import type { GraphFault, RecordedGraphCall } from '../../tools/simulator';

describe('e2e: Graph failures on revokeToken', function () {
  const world = useTokenGuard();

  interface Outcome {
    sent: SentCard;
    replyText: string;
    calls: RecordedGraphCall[];
    finalCard: Record<string, unknown>;
  }

  /** Opens a request for the profile, makes Graph's revokeToken misbehave, approves, and waits for the outcome. */
  async function approveWithFault(profileName: string, fault: Omit<GraphFault, 'method' | 'pathIncludes'>, timeoutMs = 10_000): Promise<Outcome> {
    const { teams, sim } = world;
    const profileId = world.profileId(profileName);
    const sent = await teams.openRequest(alice, profileName, 'Token leaked in a vendor chat', channelThread(OUR_TENANT_ID));
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, ...fault });
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    assert.match(answerText(click.body), /Approved by Bob Approver — revoking/, 'the click is answered at once, before Graph');
    const reply = await teams.waitForReply(sent.conversation, /revoked at|failed at/, timeoutMs);
    const finalCard = await teams.waitForCardUpdate(sent, (card) => /Token revoked|Revoke failed/.test(cardText(card)));
    return { sent, replyText: String(reply.activity.text), calls: sim.graph.revokeCalls(profileId), finalCard };
  }

  function assertFailed(outcome: Outcome, kind: string, explanation: RegExp): void {
    const last = outcome.calls[outcome.calls.length - 1];
    assert.match(outcome.replyText, /Revoking the token of profile ".+" failed at/);
    assert.match(outcome.replyText, explanation);
    assert.ok(outcome.replyText.includes(last.requestId), `the reply gives Graph's request-id ${last.requestId}:\n${outcome.replyText}`);
    assert.ok(outcome.replyText.includes(outcome.sent.requestId), 'the reply gives the request id');
    assert.doesNotMatch(outcome.replyText, /manage\.microsoft\.com|Operation ID|_version/, 'no raw Intune error JSON in the reply');
    assert.match(cardText(outcome.finalCard), /Revoke failed/);
    assert.match(cardText(outcome.finalCard), explanation);
    assert.deepEqual(cardButtons(outcome.finalCard), [], 'a failed request has no buttons');
    const stored = readRequest(world.bot.dataDir, outcome.sent.requestId);
    assert.equal(stored?.state, 'failed');
    assert.equal(stored?.outcome?.failure?.kind, kind);
    const audit = readAudit(world.bot.dataDir, outcome.sent.requestId).filter((e) => e.action === 'revoke.failed');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].outcome, kind);
    assert.equal(audit[0].graphRequestId, last.requestId, 'the audit keeps the Graph request-id');
  }

  it('403: the app lacks the permission', async function () {
    const outcome = await approveWithFault('Kiosk Porto', { status: 403 });
    assert.equal(outcome.calls.length, 1, '403 is not retried');
    assertFailed(outcome, 'forbidden', /lacks the Graph application permission DeviceManagementConfiguration\.ReadWrite\.All/);
  });

  it('404: the profile is gone', async function () {
    const outcome = await approveWithFault('Kiosk Faro', { status: 404 });
    assert.equal(outcome.calls.length, 1);
    assertFailed(outcome, 'not-found', /no longer exists in Intune/);
  });

  it('400: a tenant without Intune', async function () {
    const outcome = await approveWithFault('COPE Sales', { status: 400, code: 'BadRequest', message: 'Request not applicable to target tenant.' });
    assert.equal(outcome.calls.length, 1);
    assertFailed(outcome, 'not-applicable', /no Intune MDM authority/);
  });

  it('429 with Retry-After 1 once: retried after the wait, then revoked', async function () {
    const outcome = await approveWithFault('Fully Managed Executives', { status: 429, retryAfterSeconds: 1, times: 1 });
    assert.deepEqual(outcome.calls.map((c) => c.status), [429, 204], 'one retry after the throttled call');
    assert.ok(outcome.calls[1].at - outcome.calls[0].at >= 900, `the retry waited for Retry-After (${outcome.calls[1].at - outcome.calls[0].at} ms)`);
    assert.match(outcome.replyText, /Token of profile "Fully Managed Executives" revoked at/);
    assert.ok(outcome.replyText.includes(outcome.calls[1].requestId), 'the reply gives the request-id of the call that worked');
    assert.match(cardText(outcome.finalCard), /Token revoked/);
    assert.equal(readRequest(world.bot.dataDir, outcome.sent.requestId)?.state, 'succeeded');
  });

  it('429 on every attempt: a bounded number of retries, then a throttled failure', async function () {
    const outcome = await approveWithFault('Point of Sale Coimbra', { status: 429, retryAfterSeconds: 1 }, 20_000);
    assert.ok(outcome.calls.length >= 2 && outcome.calls.length <= 4, `retried a few times, not forever (${outcome.calls.length} calls)`);
    assert.ok(outcome.calls.every((c) => c.status === 429));
    assertFailed(outcome, 'throttled', /Intune throttled the request even after retries/);
    assert.match(outcome.replyText, /Wait 1 s, then ask again/);
  });

  it('429 with a long Retry-After: fails fast and says how long to wait', async function () {
    const outcome = await approveWithFault('Quiosque Recife', { status: 429, retryAfterSeconds: 600 });
    assert.equal(outcome.calls.length, 1, 'a Retry-After beyond the bound is not waited for');
    assertFailed(outcome, 'throttled', /Wait 600 s, then ask again/);
  });

  it('503 on every attempt: the service is unavailable', async function () {
    const outcome = await approveWithFault('New Hires Onboarding', { status: 503, retryAfterSeconds: 1 }, 20_000);
    assert.ok(outcome.calls.length >= 2 && outcome.calls.length <= 4, `503 is retried a bounded number of times (${outcome.calls.length} calls)`);
    assertFailed(outcome, 'unavailable', /Microsoft Graph or Intune was unavailable, even after retries/);
  });
});
