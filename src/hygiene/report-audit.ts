import type { AuditEntry } from '../approvals/audit-log';
import { HYGIENE_CATEGORIES } from './hygiene-report';
import type { HygieneReport } from './hygiene-report';

export interface ReportPosting {
  report: HygieneReport;
  /** The conversation it was posted in (a chat, a channel thread). */
  where: string;
  at: Date;
  /** The approver who asked; undefined: the schedule (actor 'system'). */
  askedBy?: { objectId: string; name?: string; tenantId?: string };
  /** The schedule slot it was posted for. */
  slot?: string;
}

/** The audit line of one posted hygiene report: when, where, its counts, and who asked (or the schedule). */
export function reportPostedEntry(posting: ReportPosting): AuditEntry {
  const { report, askedBy } = posting;
  const counts = HYGIENE_CATEGORIES.map((category) => `${category}=${report.counts[category]}`).join(' ');
  return {
    at: posting.at.toISOString(),
    action: 'report.posted',
    actorId: askedBy?.objectId ?? 'system',
    ...(askedBy?.name ? { actorName: askedBy.name } : {}),
    ...(askedBy?.tenantId ? { tenantId: askedBy.tenantId } : {}),
    outcome: askedBy ? 'asked' : 'scheduled',
    detail: `${report.rows.length} of ${report.activeTokens} active tokens listed (${counts}) in ${posting.where}` + (posting.slot ? ` for the slot ${posting.slot}` : ''),
  };
}
