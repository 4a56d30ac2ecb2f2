import assert from 'node:assert/strict';
import { capacityRound, requestsPerCpuSecond } from '../../../test/bench/capacity';
import { cpuMilliseconds, scheduledMilliseconds, tickMilliseconds } from '../../../test/bench/cpu-time';
import { compare } from '../../../test/bench/interleaved-rounds';
import type { LoadResult } from '../../../test/bench/load-generator';

const load = (fields: Partial<LoadResult>): LoadResult => ({
  requests: 100,
  non2xx: 0,
  errors: 0,
  elapsedMs: 1000,
  requestsPerSecond: 100,
  p50Ms: 1,
  p99Ms: 2,
  maxMs: 3,
  exhausted: false,
  sampleFailures: [],
  botCpuMsPerRequest: 1,
  benchCpuMsPerRequest: 1,
  consumed: 125,
  ...fields,
});

/** A bot whose CPU clock the test moves: `spend(ms)` stands for work the bot did. */
function fakeBot() {
  let cpu = 1_000;
  return { cpuMs: () => cpu, spend: (ms: number) => void (cpu += ms) };
}

describe('bench: capacity (the bot\'s CPU per request)', () => {
  it('charges a round with the CPU its load and the work it left behind used, per request sent (warm-up included)', async () => {
    const bot = fakeBot();
    bot.spend(500); // before the round: not charged
    const round = await capacityRound(
      bot,
      async () => {
        bot.spend(200);
        return load({ requests: 100, consumed: 125 });
      },
      async () => bot.spend(50), // the background revokes the round caused
    );
    assert.equal(round.roundCpuMs, 250);
    assert.equal(round.cpuMsPerRequest, 2);
    assert.equal(requestsPerCpuSecond(round), 500);
    assert.equal(round.requestsPerSecond, 100, 'the load figures are kept');
  });

  it('gives no figure for a round that answered nothing or used no CPU, so the median skips it', async () => {
    const bot = fakeBot();
    const idle = await capacityRound(bot, async () => load({ requests: 0, consumed: 0 }));
    assert.ok(Number.isNaN(idle.cpuMsPerRequest));
    assert.ok(Number.isNaN(requestsPerCpuSecond(idle)));
    const free = await capacityRound(bot, async () => load({}));
    assert.ok(Number.isNaN(requestsPerCpuSecond(free)));
  });

  it('rates Token Guard against the baseline as requests per CPU-second, whatever each round\'s requests per second', async () => {
    const bot = fakeBot();
    const round = (cpuMs: number, requestsPerSecond: number) =>
      capacityRound(bot, async () => (bot.spend(cpuMs), load({ requests: 100, consumed: 100, requestsPerSecond })));
    // The second pair ran on a busy machine: both bots answered half as fast, at the same CPU cost.
    const pairs = [
      { baseline: await round(100, 1000), tokenGuard: await round(125, 700) },
      { baseline: await round(100, 500), tokenGuard: await round(125, 200) },
      { baseline: await round(100, 900), tokenGuard: await round(200, 800) },
    ];
    const capacity = compare(pairs, requestsPerCpuSecond);
    assert.deepEqual(capacity.ratios, [0.8, 0.8, 0.5]);
    assert.equal(capacity.ratio.median, 0.8);
    assert.deepEqual(capacity.tokenGuard, { median: 800, min: 500, max: 800 });
    assert.deepEqual(compare(pairs, (r) => r.requestsPerSecond).ratios.map((r) => r.toFixed(2)), ['0.70', '0.40', '0.89']);
  });
});

describe('bench: CPU time of a process', () => {
  it('reads the scheduler\'s exact account of every thread, which agrees with the kernel\'s tick count', () => {
    // Burn some CPU in this process so both counters move well past a tick.
    const started = Date.now();
    let x = 0;
    while (Date.now() - started < 300) x += Math.sqrt(x + 1);
    assert.ok(x > 0);
    const exact = scheduledMilliseconds(process.pid);
    const ticks = tickMilliseconds(process.pid);
    assert.ok(exact !== undefined, 'this Linux keeps schedstat');
    assert.ok(exact >= 250, `at least the CPU just burned: ${exact} ms`);
    // Ticks are sampled: they agree with the exact figure within a few ticks plus a small fraction.
    assert.ok(Math.abs(exact - ticks) < 50 + ticks * 0.1, `exact ${exact} ms vs ticks ${ticks} ms`);
    assert.equal(cpuMilliseconds(process.pid) >= exact, true, 'the exact figure is the one used, and it only grows');
    assert.equal(scheduledMilliseconds(2 ** 22 + 12345), undefined, 'no such process');
  });
});
