/**
 * Baseline and Token Guard measured in alternating short rounds, so that both see the same machine:
 * on a 2-core machine shared with other work, the load changes within a minute, and a baseline
 * measured once before every Token Guard row turns those changes into ratio changes. Each round
 * pair gives one ratio; a row reports the median of those ratios and their spread. The order
 * alternates (baseline first, then Token Guard first) so that a steady drift favours neither.
 */
import type { LoadResult } from './load-generator';

export interface RoundPair<T extends LoadResult = LoadResult> {
  baseline: T;
  tokenGuard: T;
}

export interface Contenders<T extends LoadResult> {
  /** One measured round of the baseline. */
  baseline(): Promise<T>;
  /** One measured round of Token Guard. */
  tokenGuard(): Promise<T>;
  /** Unmeasured work before each round: e.g. waiting for Token Guard's background revokes to finish. */
  between?(): Promise<void>;
}

export async function interleave<T extends LoadResult>(rounds: number, contenders: Contenders<T>): Promise<RoundPair<T>[]> {
  const pairs: RoundPair<T>[] = [];
  for (let round = 0; round < rounds; round++) {
    const results: Partial<RoundPair<T>> = {};
    const order = round % 2 === 0 ? (['baseline', 'tokenGuard'] as const) : (['tokenGuard', 'baseline'] as const);
    for (const side of order) {
      await contenders.between?.();
      results[side] = await contenders[side]();
    }
    pairs.push(results as RoundPair<T>);
  }
  await contenders.between?.();
  return pairs;
}

/** Median and range of a set of figures. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return { median: NaN, min: NaN, max: NaN };
  const middle = finite.length >> 1;
  const median = finite.length % 2 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
  return { median, min: finite[0], max: finite[finite.length - 1] };
}

export interface Comparison {
  tokenGuard: Spread;
  baseline: Spread;
  /** Token Guard ÷ baseline, one ratio per round pair. */
  ratio: Spread;
  ratios: number[];
}

export function compare<T extends LoadResult>(pairs: RoundPair<T>[], pick: (result: T) => number): Comparison {
  const ratios = pairs.map((pair) => pick(pair.tokenGuard) / pick(pair.baseline));
  return {
    tokenGuard: spread(pairs.map((pair) => pick(pair.tokenGuard))),
    baseline: spread(pairs.map((pair) => pick(pair.baseline))),
    ratio: spread(ratios),
    ratios,
  };
}

/** "0.85× (0.81–0.88)": the median ratio and the range of the round ratios. */
export function formatRatio(ratio: Spread): string {
  if (!Number.isFinite(ratio.median)) return '—';
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
}
