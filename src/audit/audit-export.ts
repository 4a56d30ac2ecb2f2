/**
 * The audit trail as JSON Lines: one entry per line, oldest first, only the audit's own fields
 * (which never hold tokens or secrets: see AuditEntry).
 */
import type { AuditEntry } from '../approvals/audit-log';

export const EXPORT_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

/** The fields an exported line has, in this order. */
const FIELDS = ['seq', 'at', 'action', 'actorId', 'actorName', 'tenantId', 'requestId', 'profileId', 'outcome', 'graphRequestId', 'clientRequestId', 'detail'] as const;

/** `entries` in any order → JSON Lines oldest first (by seq, else by time). */
export function auditAsJsonLines(entries: readonly AuditEntry[]): string {
  const oldestFirst = [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.at.localeCompare(b.at));
  return oldestFirst.map((entry) => JSON.stringify(pick(entry)) + '\n').join('');
}

/** token-guard-audit-20240501T100000Z.jsonl */
export function exportFileName(now: Date): string {
  return `token-guard-audit-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}.jsonl`;
}

function pick(entry: AuditEntry): Record<string, unknown> {
  const line: Record<string, unknown> = {};
  for (const field of FIELDS) if (entry[field] !== undefined && entry[field] !== null) line[field] = entry[field];
  return line;
}
