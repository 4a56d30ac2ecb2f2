/**
 * "Did you mean …": the candidates nearest to what someone typed, by edit distance over folded
 * text (case and accents ignored), with names that contain the typed text counted as near too.
 */
import { foldForSearch } from '../intune/search-text';

/**
 * Edit distance counting a swap of two neighbours as one edit ("lsit" → "list"), as people mistype;
 * stops early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The closest candidate to `typed` within a distance of about a third of its length, if any. */
export function closestWord(typed: string, candidates: readonly string[]): string | undefined {
  const word = foldForSearch(typed);
  if (!word) return undefined;
  const max = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, foldForSearch(candidate), max);
    if (distance <= max && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Up to `limit` items whose name is nearest `typed`: containing it first, then by edit distance. */
export function closestNames<T>(typed: string, items: readonly T[], nameOf: (item: T) => string, limit = 5): T[] {
  const query = foldForSearch(typed);
  if (!query) return [];
  const max = Math.max(2, Math.floor(query.length / 2));
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const name = foldForSearch(nameOf(item));
    if (name.includes(query) || query.includes(name)) {
      scored.push({ item, score: Math.abs(name.length - query.length) / 1000 });
      continue;
    }
    const distance = editDistance(query, name, max);
    if (distance <= max) scored.push({ item, score: distance });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.item);
}
