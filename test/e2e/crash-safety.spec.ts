/**
 * The bot process is SIGKILLed at each step of a revoke and started again on the same DATA_DIR.
 * Whatever step the crash hit, the request ends in a final state, the audit log shows each step
 * once (a repeated Graph call only as 'revoke.retried'), revokeToken is called once — twice only
 * where the crash left its outcome unknown — and the conversation gets exactly one result.
 * Crashes at a log line use the crash-at.ts preload; "while Graph is answering" and "while posting
 * the result" hold the call in the simulator and kill the process meanwhile. SIGTERM drains instead.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cardText } from '../support/adaptive-card-reading';
import { sleep } from '../support/bot-process';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { channelThread, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const CRASH_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-crash-')), 'crash-at');
writeFileSync(CRASH_FILE, '');
const CRASH_AT = path.resolve(__dirname, '../support/crash-at.js');
const RESULT = /revoked at|failed at/;

describe('e2e: crash safety (SIGKILL at every step, then restart)', function () {
  const world = useTokenGuard({ env: { NODE_OPTIONS: `--require ${CRASH_AT}`, TOKEN_GUARD_E2E_CRASH_FILE: CRASH_FILE } });

  beforeEach(() => writeFileSync(CRASH_FILE, ''));

  async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
      await sleep(25);
    }
  }

  /** Opens a request and has Bob approve it; the click may die with the process (then it throws: ignored). */
  async function openAndApprove(profileName: string, beforeClick?: (sent: SentCard, profileId: string) => void): Promise<SentCard> {
    const sent = await world.teams.openRequest(alice, profileName, 'Token visible in a screenshot', channelThread(OUR_TENANT_ID));
    beforeClick?.(sent, world.profileId(profileName));
    await world.teams.click(bob, 'approve', sent.requestId).catch(() => undefined);
    return sent;
  }

  /** Makes the bot kill itself when it logs the step `msg`. */
  function crashAtLogLine(msg: string): void {
    writeFileSync(CRASH_FILE, `"msg":"${msg}"`);
  }

  async function waitForSelfKill(fromLine: number): Promise<void> {
    await world.bot.waitForLog(/\[bot-process\] exited code=null signal=SIGKILL/, 15_000, fromLine);
  }

  /** Restart, wait for the result in the thread and on the card, then check every promise of the issue. */
  async function restartAndCheck(sent: SentCard, profileName: string, expected: { graphCalls: number; retried: boolean }): Promise<void> {
    const { teams, sim, bot } = world;
    const profileId = world.profileId(profileName);
    await bot.restart();
    await teams.waitForReply(sent.conversation, RESULT, 15_000);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)), 10_000);
    await sleep(300); // anything (wrongly) repeated would show now

    const stored = readRequest(bot.dataDir, sent.requestId);
    assert.equal(stored?.state, 'succeeded', 'the request ended in a final state');
    assert.equal((stored as { resultToPost?: boolean } | undefined)?.resultToPost, undefined, 'the result is recorded as posted');

    const calls = sim.graph.revokeCalls(profileId);
    assert.equal(calls.length, expected.graphCalls, `revokeToken calls: ${calls.map((c) => c.status).join(', ')}`);
    assert.equal(calls[calls.length - 1].status, 204);

    const audit = readAudit(bot.dataDir, sent.requestId).map((e) => e.action);
    const steps = ['request.created', 'request.approved', 'revoke.started', ...(expected.retried ? ['revoke.retried'] : []), 'revoke.succeeded'];
    assert.deepEqual(audit, steps, 'each step audited once; a repeated call only as a retry');
    if (expected.graphCalls > 1) assert.ok(expected.retried, 'a second revokeToken call is always audited as a retry');

    const results = teams.replies(sent.conversation, RESULT);
    assert.equal(results.length, 1, `exactly one result in the thread:\n${teams.transcript(sent.conversation)}`);
    assert.ok(String(results[0].activity.text).includes(calls[calls.length - 1].requestId), 'the result names the Graph request-id of the call that worked');
  }

  it('after the approval is stored, before the revoke is claimed', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('revoke scheduled');
    const sent = await openAndApprove('Kiosk Porto');
    await waitForSelfKill(from);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'approved');
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    await restartAndCheck(sent, 'Kiosk Porto', { graphCalls: 1, retried: false });
  });

  it('after the revoke is claimed, before Graph is called', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('revoke claimed');
    const sent = await openAndApprove('Kiosk Faro');
    await waitForSelfKill(from);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'executing');
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    // The next process cannot know whether Graph was called: it retries, and says so.
    await restartAndCheck(sent, 'Kiosk Faro', { graphCalls: 1, retried: true });
  });

  it('while Graph is answering', async function () {
    const { sim, bot } = world;
    const sent = await openAndApprove('COPE Sales', (_sent, profileId) =>
      sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, hang: true, times: 1 }),
    );
    await waitUntil(() => sim.graph.revokeCalls().length === 1, 10_000, 'revokeToken reached Graph');
    await sleep(200);
    await bot.kill();
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'executing');
    await restartAndCheck(sent, 'COPE Sales', { graphCalls: 2, retried: true });
  });

  it('after Graph answered, before the outcome is stored', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('graph answered');
    const sent = await openAndApprove('Staging Lab');
    await waitForSelfKill(from);
    assert.equal(world.sim.graph.revokeCalls()[0]?.status, 204, 'Graph did revoke');
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'executing', 'but the outcome was lost');
    await restartAndCheck(sent, 'Staging Lab', { graphCalls: 2, retried: true });
  });

  it('after the outcome is stored, before the result is posted', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('outcome stored');
    const sent = await openAndApprove('Meeting Room Panels');
    await waitForSelfKill(from);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'succeeded');
    assert.equal(world.teams.replies(sent.conversation, RESULT).length, 0, 'nothing told yet');
    await restartAndCheck(sent, 'Meeting Room Panels', { graphCalls: 1, retried: false });
  });

  it('while the result is being posted', async function () {
    const { sim, bot, teams } = world;
    const from = bot.output.length;
    const sent = await openAndApprove('HR Tablets', (card) =>
      // Teams never answers the result reply: the process dies with the post in flight.
      sim.graph.injectFault({ method: 'POST', pathIncludes: `${card.conversationId}/activities`, hang: true, times: 1 }),
    );
    await bot.waitForLog(/"msg":"posting result"/, 15_000, from);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)), 10_000);
    await sleep(300);
    await bot.kill();
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'succeeded');
    assert.equal(teams.replies(sent.conversation, RESULT).length, 0, 'the reply never arrived');
    await restartAndCheck(sent, 'HR Tablets', { graphCalls: 1, retried: false });
  });

  it('SIGTERM right after the click is answered: exits 0 only after the revoke finished and the result was posted', async function () {
    const { sim, bot, teams } = world;
    const profileId = world.profileId('Nurse Phones');
    const sent = await teams.openRequest(alice, 'Nurse Phones', 'Ward phone token in a photo', channelThread(OUR_TENANT_ID));
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, delayMs: 2000, times: 1 });
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    const code = await bot.stop('SIGTERM');
    assert.equal(code, 0, 'a drained stop exits 0');
    assert.deepEqual(sim.graph.revokeCalls(profileId).map((c) => c.status), [204], 'the delayed call was finished, once');
    assert.equal(teams.replies(sent.conversation, /revoked at/).length, 1, 'the result was posted before the exit');
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'succeeded');
    await bot.restart();
    await sleep(500);
    assert.equal(sim.graph.revokeCalls(profileId).length, 1, 'nothing is repeated after a drained stop');
    assert.equal(teams.replies(sent.conversation, /revoked at/).length, 1);
  });
});
