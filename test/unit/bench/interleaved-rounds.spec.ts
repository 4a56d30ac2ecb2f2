import assert from 'node:assert/strict';
import { compare, formatRatio, interleave, spread } from '../../../test/bench/interleaved-rounds';
import type { LoadResult } from '../../../test/bench/load-generator';

const result = (requestsPerSecond: number): LoadResult => ({
  requests: requestsPerSecond,
  non2xx: 0,
  errors: 0,
  elapsedMs: 1000,
  requestsPerSecond,
  p50Ms: 1,
  p99Ms: 2,
  maxMs: 3,
  exhausted: false,
  sampleFailures: [],
  botCpuMsPerRequest: 1,
  benchCpuMsPerRequest: 1,
  consumed: requestsPerSecond,
});

describe('bench: interleaved rounds', () => {
  it('alternates which bot goes first, runs `between` before every round, and pairs each round', async () => {
    const calls: string[] = [];
    let n = 0;
    const pairs = await interleave(4, {
      baseline: async () => (calls.push('B'), result(100 + n++)),
      tokenGuard: async () => (calls.push('T'), result(50 + n++)),
      between: async () => void calls.push('-'),
    });
    assert.equal(calls.join(''), '-B-T-T-B-B-T-T-B-');
    assert.deepEqual(pairs.map((p) => [p.baseline.requestsPerSecond, p.tokenGuard.requestsPerSecond]), [[100, 51], [103, 52], [104, 55], [107, 56]]);
  });

  it('reports the median of the round ratios and their range, ignoring rounds without a figure', () => {
    assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3 });
    assert.deepEqual(spread([4, 1, 3, 2, NaN]), { median: 2.5, min: 1, max: 4 });
    const pairs = [0.5, 0.9, 0.7].map((ratio) => ({ baseline: result(1000), tokenGuard: result(1000 * ratio) }));
    const rates = compare(pairs, (r) => r.requestsPerSecond);
    assert.deepEqual(rates.ratio, { median: 0.7, min: 0.5, max: 0.9 });
    assert.equal(formatRatio(rates.ratio), '0.70× (0.50–0.90)');
    assert.equal(formatRatio(spread([])), '—');
  });
});
