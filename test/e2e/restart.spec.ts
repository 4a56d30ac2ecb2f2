/**
 * The bot process dies or is stopped while a revoke is in flight. Requests and conversation
 * references live in DATA_DIR, so the next process finishes the work: a crash mid-call is retried
 * (revokeToken is idempotent) and the thread still gets exactly one result; a graceful stop
 * (SIGTERM) waits for the call and tells the thread before exiting.
 */
import { strict as assert } from 'node:assert';
import { cardText } from '../support/adaptive-card-reading';
import { sleep } from '../support/bot-process';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

describe('e2e: restart with a revoke in flight', function () {
  const world = useTokenGuard();

  async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
      await sleep(25);
    }
  }

  it('SIGKILL while Graph is answering: the restarted bot retries and finishes the request once', async function () {
    const { teams, sim, bot } = world;
    const profileId = world.profileId('Kiosk Porto');
    const sent = await teams.openRequest(alice, 'Kiosk Porto', 'Kiosk token photographed', channelThread(OUR_TENANT_ID));
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, delayMs: 3000, times: 1 });

    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver — revoking/);
    await waitUntil(() => sim.graph.revokeCalls(profileId).length === 1, 5_000, 'revokeToken reached Graph');
    assert.equal(sim.graph.revokeCalls(profileId)[0].status, 0, 'Graph has not answered yet');

    await bot.kill();
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'executing', 'the crash left the request executing');
    assert.equal(teams.replies(sent.conversation, /revoked at|failed at/).length, 0, 'no result was told before the crash');

    await bot.restart();
    const reply = await teams.waitForReply(sent.conversation, /revoked at/, 15_000);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));
    await sleep(300);

    const calls = sim.graph.revokeCalls(profileId);
    assert.equal(calls.length, 2, 'revokeToken called again after the restart (idempotent retry), and only once');
    assert.equal(calls[1].status, 204);
    assert.ok(String(reply.activity.text).includes(calls[1].requestId), 'the reply gives the request-id of the retried call');
    assert.equal(teams.replies(sent.conversation, /revoked at|failed at/).length, 1, 'exactly one result in the thread');

    const stored = readRequest(bot.dataDir, sent.requestId);
    assert.equal(stored?.state, 'succeeded');
    assert.equal(stored?.executionAttempts, 2);
    const audit = readAudit(bot.dataDir, sent.requestId).map((e) => e.action);
    assert.equal(audit.filter((a) => a === 'revoke.retried').length, 1, `the retry is audited: ${audit.join(', ')}`);
    assert.equal(audit.filter((a) => a === 'revoke.succeeded').length, 1, 'one success is audited');
    assert.equal(audit.filter((a) => a === 'request.approved').length, 1);
  });

  it('SIGTERM while Graph is answering: the bot finishes the call and tells the thread before it exits', async function () {
    const { teams, sim, bot } = world;
    const profileId = world.profileId('Nurse Phones');
    const sent = await teams.openRequest(alice, 'Nurse Phones', 'Ward phone token in a photo', channelThread(OUR_TENANT_ID));
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, delayMs: 1500, times: 1 });
    await teams.click(bob, 'approve', sent.requestId);
    await waitUntil(() => sim.graph.revokeCalls(profileId).length === 1, 5_000, 'revokeToken reached Graph');

    const code = await bot.stop('SIGTERM');
    assert.equal(code, 0, 'a drained stop exits 0');
    assert.equal(teams.replies(sent.conversation, /revoked at/).length, 1, 'the result was told before the process exited');
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'succeeded');

    await bot.restart();
    await sleep(500);
    assert.equal(sim.graph.revokeCalls(profileId).length, 1, 'nothing is repeated after a clean stop');
  });

  it('a request opened before a restart can be approved after it, and the result reaches its thread', async function () {
    const { teams, sim, bot } = world;
    const sent = await teams.openRequest(alice, 'HR Tablets', 'HR tablet token shared by mistake', channelThread(OUR_TENANT_ID));
    await bot.stop('SIGTERM');
    await bot.restart();
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver/);
    const reply = await teams.waitForReply(sent.conversation, /revoked at/);
    assert.equal(reply.conversationId, sent.conversationId);
    assert.equal(sim.graph.revokeCalls(world.profileId('HR Tablets')).length, 1);
  });
});
