/**
 * Times in chat text. Text messages cannot localize time per reader (cards can, with DATE/TIME),
 * so text always says UTC explicitly and unambiguously.
 */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  // A stored timestamp we cannot read is still better shown as-is than hidden.
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
