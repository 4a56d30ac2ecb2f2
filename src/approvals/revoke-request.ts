/**
 * A request to revoke one enrollment profile's token, and the only legal ways it can change.
 * Pure data and pure functions: no I/O, no botbuilder, no restify.
 */
import type { Lease } from './work-lease';

export type RequestState =
  | 'pending'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired';

export const FINAL_STATES: readonly RequestState[] = ['succeeded', 'failed', 'rejected', 'cancelled', 'expired'];
/** States the executor must drive to an end, also after a restart. */
export const UNFINISHED_STATES: readonly RequestState[] = ['approved', 'executing'];

export function isFinal(state: RequestState): boolean {
  return FINAL_STATES.includes(state);
}

/** The shape of a request id (ours are UUIDs): anything else typed or clicked names no request and is not looked up. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

export function isRequestId(text: unknown): text is string {
  return typeof text === 'string' && REQUEST_ID.test(text);
}

/** A person as Teams identifies them. `id` is the Entra object id (aadObjectId): the only identity we trust. */
export interface Person {
  id: string;
  name: string;
}

/**
 * Which Intune collection a profile lives in: androidDeviceOwnerEnrollmentProfiles ('device-owner')
 * or androidForWorkEnrollmentProfiles ('work-profile'). Both have revokeToken and createToken.
 */
export type ProfileKind = 'device-owner' | 'work-profile';

/** What we show of a profile. Never the token value, QR code or Wi-Fi password. */
export interface ProfileSnapshot {
  id: string;
  /** Absent on requests stored before work-profile support: those are 'device-owner'. */
  kind?: ProfileKind;
  displayName: string;
  enrollmentMode: string;
  tokenExpirationDateTime: string | null;
  enrolledDeviceCount: number;
}

/** Why a revoke failed, in terms a person can act on. */
export type FailureKind =
  | 'forbidden' // app lacks DeviceManagementConfiguration.ReadWrite.All (403)
  | 'not-found' // profile gone (404)
  | 'not-applicable' // tenant without Intune / MDM authority (400)
  | 'throttled' // 429 after the client's retries
  | 'unavailable' // 5xx after retries, connection refused/reset
  | 'timeout' // no answer in time
  | 'unauthorized' // Graph refused our token (401): credentials/consent problem
  | 'intune-refused' // Intune itself refused the app (401 UnknownError): permission or Intune role assignment, not the secret
  | 'unknown';

export interface RevokeFailure {
  kind: FailureKind;
  status?: number;
  code?: string;
  /** Graph's plain message, already scrubbed of secrets. */
  message: string;
  graphRequestId?: string;
  /** The client-request-id we sent (Intune calls it the Activity ID): support asks for it with the request-id. */
  clientRequestId?: string;
  /** The application permissions Graph said the app must have (any one of them), when it named them. */
  requiredPermissions?: string[];
  retryAfterSeconds?: number;
}

export interface RevokeOutcome {
  at: string;
  graphRequestId?: string;
  /** The client-request-id of the revokeToken call (also on failure). */
  clientRequestId?: string;
  failure?: RevokeFailure;
  /** How many times revokeToken was called for this request (more than 1 only after a crash mid-call). */
  attempts: number;
}

export interface Decision {
  by: Person;
  at: string;
  reason?: string;
}

/** Where the request lives in Teams, so results reach the thread even after a restart. */
export interface RequestLocation {
  /** Key of the stored conversation reference (conversation id incl. thread for channels). */
  conversationKey: string;
  conversationType: string;
  /** Id of the approval card activity, once it has been sent. */
  cardActivityId?: string;
  /** The requester's Teams user id (MRI, `29:…`): the card's refresh list needs it. */
  requesterTeamsId?: string;
  /** The requester's Teams locale (e.g. "pt-BR"): the language of the shared card and thread replies. */
  locale?: string;
  /**
   * Key of another stored conversation reference that gets the decision and outcome replies too:
   * the requester's personal chat when the card went to the approvals channel.
   */
  notifyAlso?: string;
  /** A revoke-matching request's progress card (one per request, updated while it runs). */
  progressActivityId?: string;
}

/**
 * What an approved request does: revoke one profile's token, rotate it (revoke, then create a new
 * one), or revoke every profile whose name matched a text.
 */
export type RequestOperation = 'revoke' | 'rotate' | 'revoke-matching';

/**
 * What a revoke-matching request covers, for its card: the profiles themselves are stored one by
 * one (bulk-items.ts), each with its own state.
 */
export interface MatchingSet {
  /** The text every covered profile's display name contains (case-insensitive), as typed. */
  text: string;
  count: number;
  /** Sum of the covered profiles' enrolled devices. */
  enrolledDevices: number;
  /** The first names (sorted), for the card. */
  firstNames: string[];
  /** Matching profiles left out because they had an open request of their own, and the first of their names. */
  leftOut: number;
  leftOutNames: string[];
}

/** One finished step of a rotation: when, and the ids of its Graph call. */
export interface RotationStep {
  at: string;
  graphRequestId?: string;
  clientRequestId?: string;
}

/**
 * How far a rotation got. Each step is stored (compare-and-set, with its audit line) as soon as its
 * Graph call answered, so an executor that takes over after a crash resumes at the first step that
 * is not here and never repeats one that is.
 */
export interface RotationProgress {
  /** revokeToken answered 204: the old token is dead. */
  revoked?: RotationStep;
  /** createToken answered 204: a new token exists (Token Guard never reads it). */
  created?: RotationStep & { validitySeconds: number };
  /** The new token's expiry from the one GET after createToken (stored with the outcome); null when it could not be read. */
  newTokenExpiresAt?: string | null;
}

export interface RevokeRequest {
  id: string;
  /** Incremented by every stored change: the compare-and-set token. */
  version: number;
  state: RequestState;
  /** Absent on requests stored before rotate and bulk: those are 'revoke'. */
  operation?: RequestOperation;
  /**
   * How many distinct approvers (never the requester) must approve before it runs: 1 normally, more
   * for bulk requests and high-impact profiles (quorum). Absent means 1.
   */
  approvalsRequired?: number;
  /** The approvals given so far, in order; the request is approved when there are approvalsRequired of them. */
  approvals?: Decision[];
  /** revoke-matching only: the set it covers. */
  matching?: MatchingSet;
  tenantId: string;
  profile: ProfileSnapshot;
  requester: Person;
  justification: string;
  createdAt: string;
  expiresAt: string;
  location: RequestLocation;
  /** Set on approve, reject or cancel (cancel: by requester or an approver). */
  decision?: Decision;
  /** Set when the executor finishes (succeeded | failed). */
  outcome?: RevokeOutcome;
  /** operation 'rotate' only: the steps done so far. */
  rotation?: RotationProgress;
  /** Set when the executor claims the request (executing). */
  executionStartedAt?: string;
  /**
   * How many times the executor has claimed the request (1 normally, more after a re-claim
   * following a crash). Kept on the request, not only in `outcome`, because a crash mid-call
   * leaves no outcome behind.
   */
  executionAttempts?: number;
  /**
   * Set together with the outcome and cleared once the conversation was told (or refused to be):
   * a process that dies in between leaves it set, and the next one posts the result at start-up.
   */
  resultToPost?: boolean;
  /**
   * Who is working on the request right now (executing the revoke, posting the result) and until
   * when; see work-lease.ts. Absent when nobody is.
   */
  lease?: Lease;
}

export type Verdict = 'approve' | 'reject' | 'cancel';

/** Events that move a request. Each maps to exactly one legal source state set. */
export type RequestEvent =
  | { type: 'approve'; by: Person; at: string; reason?: string }
  | { type: 'reject'; by: Person; at: string; reason: string }
  | { type: 'cancel'; by: Person; at: string; reason?: string }
  | { type: 'expire'; at: string }
  | { type: 'start-execution'; at: string }
  | { type: 'succeed'; outcome: RevokeOutcome }
  | { type: 'fail'; outcome: RevokeOutcome };

const TRANSITIONS: Record<RequestEvent['type'], { from: readonly RequestState[]; to: RequestState }> = {
  // An approval short of the quorum keeps the request pending (see applyEvent).
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending'], to: 'cancelled' },
  expire: { from: ['pending'], to: 'expired' },
  // 'executing' → 'executing' lets an executor take over a request whose owner's lease expired mid-call.
  'start-execution': { from: ['approved', 'executing'], to: 'executing' },
  succeed: { from: ['executing'], to: 'succeeded' },
  fail: { from: ['executing'], to: 'failed' },
};

export class IllegalTransition extends Error {
  constructor(
    readonly from: RequestState,
    readonly event: RequestEvent['type'],
  ) {
    super(`A ${from} request cannot take '${event}'.`);
  }
}

/** Thrown by applyEvent for a second approval by the same person: each approver counts once. */
export class DuplicateApproval extends Error {
  constructor(
    readonly requestId: string,
    readonly approverId: string,
  ) {
    super(`Request ${requestId} already has an approval by ${approverId}.`);
  }
}

/** How many distinct approvals the request needs before it runs (absent: 1). */
export function approvalsNeeded(request: RevokeRequest): number {
  return request.approvalsRequired ?? 1;
}

/** The approvals given so far (none on requests stored before several approvals existed). */
export function approvalsOf(request: RevokeRequest): readonly Decision[] {
  return request.approvals ?? [];
}

/** Whether this person has already approved the request. */
export function hasApproved(request: RevokeRequest, personId: string): boolean {
  return approvalsOf(request).some((approval) => approval.by.id === personId);
}

export function canApply(request: RevokeRequest, event: RequestEvent['type']): boolean {
  return TRANSITIONS[event].from.includes(request.state);
}

/**
 * The next version of a request after an event, or IllegalTransition.
 * Storing it is the caller's job, as a compare-and-set on `request.version`.
 */
export function applyEvent(request: RevokeRequest, event: RequestEvent): RevokeRequest {
  const rule = TRANSITIONS[event.type];
  if (!rule.from.includes(request.state)) throw new IllegalTransition(request.state, event.type);
  const next: RevokeRequest = { ...request, state: rule.to, version: request.version + 1 };
  switch (event.type) {
    case 'approve': {
      if (hasApproved(request, event.by.id)) throw new DuplicateApproval(request.id, event.by.id);
      const approval: Decision = { by: event.by, at: event.at, ...(event.reason ? { reason: event.reason } : {}) };
      next.approvals = [...approvalsOf(request), approval];
      // Short of the quorum the request keeps waiting; the approval that completes it is the decision.
      if (next.approvals.length < approvalsNeeded(request)) next.state = 'pending';
      else next.decision = approval;
      break;
    }
    case 'reject':
    case 'cancel':
      next.decision = { by: event.by, at: event.at, ...(event.reason ? { reason: event.reason } : {}) };
      break;
    case 'expire':
      next.decision = undefined;
      break;
    case 'start-execution':
      next.executionStartedAt = event.at;
      next.executionAttempts = (request.executionAttempts ?? 0) + 1;
      break;
    case 'succeed':
    case 'fail':
      next.outcome = event.outcome;
      break;
  }
  return next;
}
