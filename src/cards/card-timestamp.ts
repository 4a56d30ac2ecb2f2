/**
 * A timestamp in the only form Adaptive Cards' {{DATE(…)}} and {{TIME(…)}} accept: RFC 3339
 * to the second, without fractional seconds (`2024-05-01T10:00:00Z`). `toISOString()` adds
 * milliseconds, which makes clients show the raw `{{DATE(…)}}` text instead of a date.
 */
export function cardTimestamp(iso: string): string {
  const date = new Date(iso);
  // Never produced by the domain; shown as stored rather than failing the whole card.
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19)}Z`;
}
