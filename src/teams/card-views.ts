/**
 * Which copy of the approval card a reader gets. The card posted to the conversation is the
 * 'shared' view (status and every button, since some clients never refresh); Universal Actions
 * refresh then gives each listed reader the view for their role. The server authorizes every
 * click whatever view a reader has.
 */
import { buildApprovalCard as buildOneProfileCard, type ApprovalCardOptions, type CardViewer } from '../cards/approval-card-view';
import { buildBulkApprovalCard } from '../cards/bulk-approval-card-view';
import { isBulk } from '../approvals/bulk-revoke-executor';
import { hasApproved, type RevokeRequest } from '../approvals/revoke-request';
import type { Clock } from '../support/clock';
import { en, type Messages } from '../i18n/en';
import { messagesForLocale } from '../i18n/locale';
import { CardRenderCache } from './card-render-cache';
import type { TurnActor } from './turn-actor';

export class CardViews {
  private readonly rendered: CardRenderCache;

  constructor(private readonly deps: { clock: Clock; isApprover(objectId: string | undefined): Promise<boolean>; renders?: CardRenderCache }) {
    this.rendered = deps.renders ?? new CardRenderCache();
  }

  /** In the requester's language: everyone in the conversation sees the same card. */
  shared(request: RevokeRequest): object {
    return this.render(request, 'shared', messagesForLocale(request.location.locale));
  }

  async forReader(request: RevokeRequest, actor: TurnActor, knownApprover?: boolean, messages?: Messages): Promise<object> {
    if (actor.objectId && actor.objectId === request.requester.id) return this.render(request, 'requester', messages);
    const approver = knownApprover ?? (await this.deps.isApprover(actor.objectId));
    if (!approver) return this.render(request, 'observer', messages);
    // Each approver counts once: one who approved a request still waiting for others gets no Approve button.
    const approvedAlready = request.state === 'pending' && actor.objectId !== undefined && hasApproved(request, actor.objectId);
    return this.render(request, approvedAlready ? 'earlier-approver' : 'approver', messages);
  }

  /** Every card goes through the render cache (card-render-cache.ts: what makes two cards the same). */
  private render(request: RevokeRequest, viewer: CardViewer, messages: Messages = en): object {
    const options = { refreshUserIds: refreshUserIds(request), now: this.deps.clock.now(), messages };
    return this.rendered.card({ request, viewer, ...options }, () => buildApprovalCard(request, viewer, options));
  }
}

/**
 * In chats Teams refreshes the card for every member (up to 60) when the list is omitted; in a
 * channel it refreshes only for listed users, so we list the requester, whose view differs most.
 */
function refreshUserIds(request: RevokeRequest): string[] | undefined {
  if (request.location.conversationType !== 'channel') return undefined;
  return request.location.requesterTeamsId ? [request.location.requesterTeamsId] : [];
}

/** A revoke-matching request has its own card; every other request the one-profile card. */
function buildApprovalCard(request: RevokeRequest, viewer: CardViewer, options: ApprovalCardOptions): object {
  return isBulk(request) ? buildBulkApprovalCard(request, viewer, options) : buildOneProfileCard(request, viewer, options);
}
