/** Append-only record of every step: who, what, when, outcome, Graph request-id and client-request-id. */

export type AuditAction =
  | 'request.created'
  | 'request.approved'
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
  limit?: number;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}
