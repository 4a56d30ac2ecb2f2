/**
 * Exactly once across processes: two Token Guard processes with STORAGE=azure share one Azurite.
 * 100 concurrent Approve clicks from five approvers spread over both processes revoke exactly once,
 * every clicker gets a truthful answer and the card ends in one final state (20 rounds, reusing the
 * two processes). Both expiry sweepers run, yet each overdue request is expired once. Storage that
 * is unreachable at start-up delays readiness (503 on /healthz) instead of crashing; an outage
 * mid-flight answers the click "try again" and writes nothing.
 */
import { strict as assert } from 'node:assert';
import { cardText } from '../support/adaptive-card-reading';
import { sleep, startBot } from '../support/bot-process';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { approveRace, describeBots, RACE_PROFILES, startMultiInstanceRig, type MultiInstanceRig } from '../support/multi-instance-rig';
import { answerText, channelThread } from '../support/teams-client';

const ROUNDS = 20;

describe('e2e: two bot processes on one Azure storage', function () {
  let rig: MultiInstanceRig | undefined;

  before(async function () {
    this.timeout(120_000);
    rig = await startMultiInstanceRig({
      env: { EXPIRY_SWEEP_SECONDS: '1', REQUEST_TTL_MINUTES: '10' },
      bot: { shiftableClock: true },
    });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') process.stderr.write(`\n${describeBots(rig)}\n`);
    rig?.proxies.blob.restore();
    rig?.proxies.table.restore();
  });

  after(async function () {
    this.timeout(60_000);
    await rig?.stop();
  });

  it(`100 concurrent Approve clicks from five approvers over both processes revoke exactly once (${ROUNDS} rounds)`, async function () {
    this.timeout(ROUNDS * 60_000);
    const timings: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const result = await approveRace(rig!, round);
      timings.push(result.clickMs);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    process.stderr.write(`      (100 clicks answered in ${sorted[0]}–${sorted[sorted.length - 1]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms)\n`);
  });

  it('a storage outage mid-flight: the click is answered "try again", nothing is written, and a later click works', async function () {
    this.timeout(90_000);
    const { teams, proxies, storage, sim } = rig!;
    sim.reset();
    const sent = await teams[0].openRequest(alice, 'AOSP Smart Glasses', 'Outage test', channelThread(OUR_TENANT_ID));
    const auditBefore = (await storage.audit.list({ requestId: sent.requestId })).length;

    proxies.table.cut();
    proxies.blob.cut();
    const health = await fetch(`${rig!.bots[1].url}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { storage?: string }).storage, 'unavailable');
    const during = await teams[1].click(bob, 'approve', sent.requestId, { conversation: sent.conversation, replyToId: sent.activityId });
    assert.equal(during.status, 200, 'the click is still answered');
    assert.match(answerText(during.body), /try again/i);
    proxies.table.restore();
    proxies.blob.restore();

    const stored = await storage.requests.get(sent.requestId);
    assert.equal(stored?.state, 'pending', 'nothing was half-written');
    assert.equal((await storage.audit.list({ requestId: sent.requestId })).length, auditBefore);
    assert.equal(sim.graph.revokeCalls().length, 0);
    assert.equal((await fetch(`${rig!.bots[1].url}/healthz`)).status, 200, 'healthy again');

    const after = await teams[1].click(bob, 'approve', sent.requestId, { conversation: sent.conversation, replyToId: sent.activityId });
    assert.match(answerText(after.body), /Approved by Bob Approver/);
    await teams[0].waitForReply(sent.conversation, /revoked at/, 20_000);
    assert.equal(sim.graph.revokeCalls().length, 1);
  });

  it('both expiry sweepers run, yet each overdue request is expired exactly once', async function () {
    this.timeout(90_000);
    const { teams, bots, storage, sim } = rig!;
    sim.reset();
    const names = RACE_PROFILES.slice(0, 5);
    const sent = [];
    for (const [i, name] of names.entries()) sent.push(await teams[i % 2].openRequest(alice, name, 'Expiry race', channelThread(OUR_TENANT_ID)));

    // Both clocks jump past the 10-minute TTL; both sweepers (every second) then see every request overdue.
    await Promise.all(bots.map((bot) => bot.advanceClock(11 * 60_000)));
    for (const [i, card] of sent.entries()) {
      await teams[i % 2].waitForCardUpdate(card, (c) => /expired/i.test(cardText(c)), 20_000);
    }
    await sleep(3_000); // several more sweeps by both processes

    for (const card of sent) {
      const audit = await storage.audit.list({ requestId: card.requestId });
      assert.equal(audit.filter((e) => e.action === 'request.expired').length, 1, `one request.expired for ${card.requestId}`);
      assert.equal((await storage.requests.get(card.requestId))?.state, 'expired');
      assert.equal(teams[0].replies(card.conversation, /expired at/).length, 1, 'one expiry message in the thread');
    }
    assert.equal(sim.graph.revokeCalls().length, 0);
  });
});

describe('e2e: Azure storage unreachable at start-up', function () {
  it('the bot stays up, answers /healthz 503 "storage unavailable" and becomes healthy once storage is back', async function () {
    this.timeout(120_000);
    const rig = await startMultiInstanceRig({ instances: 0 });
    try {
      const { proxies, env } = rig;
      proxies.table.cut();
      proxies.blob.cut();
      // While storage is cut, the new bot never gets healthy; the harness reports the last /healthz answer.
      const failed = await startBot(env, { readyTimeoutMs: 10_000 }).then(
        () => undefined,
        (error: Error) => error.message,
      );
      assert.ok(failed, 'the bot did not report healthy without storage');
      assert.match(failed, /not healthy within/, 'it did not exit (no crash loop)');
      assert.match(failed, /HTTP 503 .*"storage":"unavailable"/);
      assert.match(failed, /storage unavailable; retrying/);

      // Restore once the new bot's first start-up attempt (6 tables × 3 tries, in parallel) failed and a retry began.
      const rejectedBefore = proxies.table.rejected;
      const restored = (async () => {
        while (proxies.table.rejected < rejectedBefore + 21) await sleep(20);
        proxies.table.restore();
        proxies.blob.restore();
      })();
      const bot = await startBot(env, { readyTimeoutMs: 60_000 });
      await restored;
      try {
        assert.ok(bot.output.some((line) => /storage unavailable; retrying/.test(line)), 'it retried');
        await bot.waitForLog(/storage is available/, 10_000);
        await bot.waitForLog(/Token Guard started/, 10_000);
      } finally {
        await bot.kill();
      }
    } finally {
      await rig.stop();
    }
  });
});
