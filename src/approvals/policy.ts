import { isEntraObjectId } from './entra-object-id';
import { hasApproved, type RevokeRequest } from './revoke-request';

/**
 * Who may do what: one pure filter in front of every command and card action, with a reason for
 * every denial (errbot's ACL style). It trusts only server-side facts: the Entra object id and tenant
 * from the activity, group membership resolved by the caller, and the stored request — never data
 * the card sends back.
 */
/**
 * What a route asks to do (src/routes.ts gives every command and card verb one of these):
 * 'anyone-in-tenant': needs no role, only a signed-in person of our tenant (help, whoami, stopping a question).
 * 'request': ask for a revoke. 'approve' / 'reject': decide on someone else's request.
 * 'cancel': withdraw a request (its requester, or any approver).
 * 'view': see a request's card as its reader (card refresh): anyone in the request's conversation.
 * 'inspect': read profiles, requests and the audit trail (list, show, pending, history): requesters and approvers.
 * 'export': take the whole audit trail away as a file (history export): approvers only.
 * 'diagnose': see the deployment checks (doctor), which name app ids, groups and settings: approvers only.
 * 'report': ask for the token hygiene report (report), a map of the tokens worth stealing: approvers only.
 */
export type ActionName = 'anyone-in-tenant' | 'request' | 'approve' | 'reject' | 'cancel' | 'view' | 'inspect' | 'export' | 'diagnose' | 'report';

/** Actions that need no role: answering them must not cost a directory lookup. */
export const ROLE_FREE_ACTIONS: readonly ActionName[] = ['anyone-in-tenant', 'view'];

export type DenialReason =
  | 'no-identity' // no aadObjectId: not a signed-in Entra user (or not Teams at all)
  | 'malformed-identity' // an aadObjectId that is not a GUID: forged or broken, never looked up
  | 'wrong-tenant' // another tenant than ours, or than the request's
  | 'not-requester' // not allowed to ask for revokes
  | 'not-approver' // not allowed to decide on revokes
  | 'self-approval' // deciding on one's own request (two-person rule)
  | 'already-approved' // approving again a request that waits for other approvers (each approver counts once)
  | 'not-your-request' // cancelling someone else's request without being an approver
  | 'not-member' // neither requester nor approver, reading what only they may read
  | 'other-conversation'; // a click on a request of another conversation by neither its requester nor an approver

export interface Subject {
  /** `from.aadObjectId` of the activity. */
  objectId?: string;
  /** Tenant of the activity (channelData.tenant.id / conversation.tenantId). */
  tenantId?: string;
  isApprover: boolean;
  isRequester: boolean;
  /**
   * True when the click came from another conversation than the request's (a forged or copied card):
   * only its requester and approvers (e.g. from the `pending` list) may act on it from there.
   */
  outsideRequestConversation?: boolean;
}

export type PolicyDecision = { allowed: true } | { allowed: false; reason: DenialReason };

const ALLOWED: PolicyDecision = { allowed: true };
const deny = (reason: DenialReason): PolicyDecision => ({ allowed: false, reason });

/**
 * Decides whether `subject` may take `action` (on `request`, for request-bound actions).
 * Request-bound actions without a request are judged fail-closed on what is known (approvers only).
 */
export function authorize(subject: Subject, action: ActionName, ourTenantId: string, request?: RevokeRequest): PolicyDecision {
  const actorId = subject.objectId;
  if (!actorId) return deny('no-identity');
  if (!isEntraObjectId(actorId)) return deny('malformed-identity');
  if (subject.tenantId !== ourTenantId) return deny('wrong-tenant');
  if (request && request.tenantId !== subject.tenantId) return deny('wrong-tenant');
  if (request && subject.outsideRequestConversation && request.requester.id !== actorId && !subject.isApprover) {
    return deny('other-conversation');
  }

  switch (action) {
    case 'anyone-in-tenant':
    case 'view':
      return ALLOWED;
    case 'request':
      return subject.isRequester ? ALLOWED : deny('not-requester');
    case 'inspect':
      return subject.isRequester || subject.isApprover ? ALLOWED : deny('not-member');
    case 'export':
    case 'diagnose':
    case 'report':
      return subject.isApprover ? ALLOWED : deny('not-approver');
    case 'approve':
    case 'reject':
      // Self-approval first: for the requester it is the true reason whatever their roles are.
      if (request && request.requester.id === actorId) return deny('self-approval');
      if (!subject.isApprover) return deny('not-approver');
      // A reject by someone who approved is allowed: anyone may still stop it.
      if (action === 'approve' && request?.state === 'pending' && hasApproved(request, actorId)) return deny('already-approved');
      return ALLOWED;
    case 'cancel':
      if (request && request.requester.id === actorId) return ALLOWED;
      return subject.isApprover ? ALLOWED : deny('not-your-request');
  }
}
