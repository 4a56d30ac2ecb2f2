/**
 * What each parameterized message needs. Shared by every language file so that a translation
 * gets the same facts as English and the compiler holds them to the same shape.
 */
import type { DenialReason } from '../approvals/policy';
import type { RequestState, RevokeFailure } from '../approvals/revoke-request';

/** Every reason an action can be denied for: the policy's reasons plus a directory that did not answer. */
export type DenialKey = DenialReason | 'directory-unavailable';

/** Why a permitted action on a request was refused (its state, its input, or a concurrent change). */
export type RefusalKey = 'unknown-request' | 'not-pending' | 'expired' | 'reason-required' | 'busy' | 'already-approved';

/** One candidate when several profiles match what the requester typed. */
export interface ProfileChoice {
  id: string;
  displayName: string;
  /** Graph's enrollmentMode value; the message turns it into a human label. */
  enrollmentMode: string;
}

export interface OpenRequestFacts {
  requestId: string;
  profileName: string;
  requesterName: string;
  /** ISO timestamps. */
  createdAt: string;
  expiresAt: string;
}

export interface CreatedRequestFacts {
  requestId: string;
  profileName: string;
  expiresAt: string;
}

export interface NotPendingFacts {
  requestId: string;
  state: RequestState;
  decidedBy?: string;
  decidedAt?: string;
}

export interface SucceededFacts {
  requestId: string;
  profileName: string;
  revokedAt: string;
  approverName: string;
  graphRequestId?: string;
  clientRequestId?: string;
}

export interface FailedFacts {
  requestId: string;
  profileName: string;
  failedAt: string;
  failure: RevokeFailure;
}

/** A reject, cancel or expiry told to the conversation. */
export interface ClosedRequestFacts {
  requestId: string;
  profileName: string;
  /** Who decided; absent for an expiry. */
  byName?: string;
  at: string;
  reason?: string;
}

/** An approval of several needed, told in the thread. */
export interface ApprovalAddedFacts {
  requestId: string;
  profileName: string;
  approverName: string;
  given: number;
  required: number;
}

/** What the card's badge may say: who approved, and for a request that needs several approvers how far it is. */
export interface BadgeFacts {
  approverName?: string;
  approvalsGiven?: number;
  approvalsRequired?: number;
}

/** A finished rotation told to the conversation. Never the new token or its QR code: only its expiry. */
export interface RotatedFacts {
  requestId: string;
  profileName: string;
  profileKind: string;
  rotatedAt: string;
  approverName: string;
  /** ISO; null when the GET after createToken could not read it. */
  newTokenExpiresAt: string | null;
  revokeGraphRequestId?: string;
  createGraphRequestId?: string;
  clientRequestId?: string;
}

export interface RotateFailedFacts extends FailedFacts {
  profileKind: string;
  /** Set when the old token was revoked before the rotation failed (so no new token exists yet). */
  revokedAt?: string;
}
