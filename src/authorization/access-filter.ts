/**
 * The one filter in front of every command and card action (errbot style): it gathers the facts
 * (who, which tenant, which roles, which request), asks the pure policy, and audits every denial.
 * Fails closed: if the directory cannot answer, the answer is no, with its own reason.
 */
import { isEntraObjectId } from '../approvals/entra-object-id';
import { authorize, ROLE_FREE_ACTIONS, type ActionName, type DenialReason } from '../approvals/policy';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { AuditLog } from '../approvals/audit-log';
import type { Directory } from '../directory/directory';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';

export interface Actor {
  objectId?: string;
  name: string;
  tenantId?: string;
  /** Conversation the action came from (card clicks): checked against the request's conversations. */
  conversationKey?: string;
}

export type AccessDenialReason = DenialReason | 'directory-unavailable';
export type AccessDecision = { allowed: true; isApprover: boolean } | { allowed: false; reason: AccessDenialReason };

export class AccessFilter {
  constructor(
    private readonly deps: { directory: Directory; audit: AuditLog; clock: Clock; logger: Logger; tenantId: string },
  ) {}

  async check(actor: Actor, action: ActionName, request?: RevokeRequest): Promise<AccessDecision> {
    let isApprover = false;
    let isRequester = false;
    const outside = request !== undefined && actor.conversationKey !== undefined && !isRequestConversation(actor.conversationKey, request);
    // A role-free action from another conversation still needs to know whether the actor is an approver.
    // A malformed id is never looked up: the policy denies it with its own reason.
    if (isEntraObjectId(actor.objectId) && (!ROLE_FREE_ACTIONS.includes(action) || outside)) {
      try {
        [isApprover, isRequester] = await Promise.all([
          this.deps.directory.isApprover(actor.objectId),
          action === 'request' || action === 'inspect' ? this.deps.directory.isRequester(actor.objectId) : Promise.resolve(false),
        ]);
      } catch (error) {
        this.deps.logger.warn('directory lookup failed; denying', { action, error });
        return this.deny(actor, action, 'directory-unavailable', request);
      }
    }
    const decision = authorize(
      { objectId: actor.objectId, tenantId: actor.tenantId, isApprover, isRequester, outsideRequestConversation: outside },
      action,
      this.deps.tenantId,
      request,
    );
    if (!decision.allowed) return this.deny(actor, action, decision.reason, request);
    return { allowed: true, isApprover };
  }

  /** Both roles of a person, for telling them (whoami). Throws when the directory cannot answer. */
  async roles(objectId: string): Promise<{ isApprover: boolean; isRequester: boolean }> {
    const [isApprover, isRequester] = await Promise.all([this.deps.directory.isApprover(objectId), this.deps.directory.isRequester(objectId)]);
    return { isApprover, isRequester };
  }

  /** Role of a reader of a card, for choosing their view; never used to allow an action. */
  async isApprover(objectId: string | undefined): Promise<boolean> {
    if (!isEntraObjectId(objectId)) return false;
    try {
      return await this.deps.directory.isApprover(objectId);
    } catch {
      return false;
    }
  }

  private async deny(actor: Actor, action: ActionName, reason: AccessDenialReason, request?: RevokeRequest): Promise<AccessDecision> {
    try {
      await this.deps.audit.append({
        at: this.deps.clock.now().toISOString(),
        action: 'access.denied',
        actorId: actor.objectId ?? 'unknown',
        actorName: actor.name,
        tenantId: actor.tenantId,
        requestId: request?.id,
        profileId: request?.profile.id,
        outcome: reason,
        detail: action,
      });
    } catch (error) {
      this.deps.logger.error('could not audit a denial', { reason, error });
    }
    return { allowed: false, reason };
  }
}

/**
 * Whether a conversation is one where the request's card or replies were posted. Compared without
 * a channel thread's `;messageid=` part: everyone in a channel sees all its threads.
 */
function isRequestConversation(conversationKey: string, request: RevokeRequest): boolean {
  const base = (key: string) => key.split(';')[0];
  const own = [request.location.conversationKey, request.location.notifyAlso].filter((key): key is string => Boolean(key)).map(base);
  return own.includes(base(conversationKey));
}
