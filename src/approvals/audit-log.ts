/** Append-only record of every step: who, what, when, outcome, Graph request-id and client-request-id. */

export type AuditAction =
  | 'request.created'
  | 'request.approved'
  | 'request.approval-added' // one approval of several needed: the request keeps waiting for the others
  | 'request.rejected'
  | 'request.cancelled'
  | 'request.expired'
  | 'revoke.started'
  | 'revoke.retried' // re-run after a crash left the outcome unknown (revokeToken is idempotent)
  | 'revoke.succeeded'
  | 'revoke.failed'
  | 'notify.failed'
  | 'access.denied'
  | 'action.refused' // an authorized person's click that the request's state refused (finished, replayed…)
  | 'audit.exported' // an approver asked for the whole audit as a file (history export)
  | 'bulk.item.revoked' // one profile of a revoke-matching request revoked
  | 'bulk.item.failed' // one profile of a revoke-matching request not revoked (reason in outcome/detail)
  | 'bulk.item.retried' // one profile sent again: a dead driver sent it without storing the answer
  | 'report.posted' // a token hygiene report was posted (asked for by an approver, or on schedule by 'system')
  | 'rotate.revoked' // a rotation's revokeToken answered 204 (step stored)
  | 'rotate.created'; // a rotation's createToken answered 204 (step stored)

export interface AuditEntry {
  /** Assigned by the log: strictly increasing. */
  seq?: number;
  at: string;
  action: AuditAction;
  /** Entra object id of the person, or 'system'. */
  actorId: string;
  actorName?: string;
  tenantId?: string;
  requestId?: string;
  profileId?: string;
  /** Short machine-readable outcome or denial reason, e.g. 'self-approval', 'forbidden'. */
  outcome?: string;
  graphRequestId?: string;
  /** The client-request-id Token Guard sent with that Graph call (Intune's Activity ID). */
  clientRequestId?: string;
  /** Free text shown in history (justification, reason). Never secrets. */
  detail?: string;
}

export interface AuditQuery {
  requestId?: string;
  profileId?: string;
  /** Only entries with one of these actions (absent: all). */
  actions?: readonly AuditAction[];
  /** Only entries older than this seq (the next page of a history). */
  beforeSeq?: number;
  limit?: number;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}
