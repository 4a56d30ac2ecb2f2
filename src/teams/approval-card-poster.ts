/**
 * Posts a new request's approval card and remembers where it is. A request typed in a channel or
 * group chat is approved in that conversation. One typed in personal chat goes to the approvals
 * channel (APPROVAL_CHANNEL_ID) as a new thread, where approvers see it; the request then lives in
 * that thread and the requester's personal chat also gets the result. Without a reachable approvals
 * channel the card stays in the personal chat and the requester is told approvers cannot see it.
 */
import { CardFactory, type TurnContext } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { Texts } from '../i18n/texts';
import type { Logger } from '../support/logger';
import type { ApprovalsChannel } from './approvals-channel';
import type { CardViews } from './card-views';

export interface ApprovalCardPosterDeps {
  service: ApprovalService;
  views: CardViews;
  channel: ApprovalsChannel;
  texts: Texts;
  logger: Logger;
  /** APPROVER_IDS: @mentioned in the approvals thread (an Entra group's members are not). */
  approverIds: readonly string[];
  /**
   * Called once the card is posted, with the request as stored then (where its card is): every
   * request, whatever its operation, passes here (private notifications start from it). Must not throw.
   */
  posted?(request: RevokeRequest): void;
}

export class ApprovalCardPoster {
  constructor(private readonly deps: ApprovalCardPosterDeps) {}

  async post(context: TurnContext, request: RevokeRequest): Promise<void> {
    const texts = this.deps.texts.forLocale(context.activity.locale);
    const personal = request.location.conversationType === 'personal';
    const inChannel = personal && this.deps.channel.configured ? await this.postInApprovalsChannel(request, texts) : undefined;
    if (inChannel) {
      await context.sendActivity(texts.approvalsChannelPosted(request.id));
      this.deps.posted?.(inChannel);
      return;
    }
    const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.shared(request))] });
    const stored = sent?.id ? await this.deps.service.setCardActivityId(request.id, sent.id) : undefined;
    if (personal) await context.sendActivity(texts.approvalsChannelMissing(this.deps.channel.configured ? 'unknown' : 'unset'));
    this.deps.posted?.(stored ?? request);
  }

  /** The request as it lives now, in a new approvals thread with its card; undefined: the card was not posted there. */
  private async postInApprovalsChannel(request: RevokeRequest, texts: Texts): Promise<RevokeRequest | undefined> {
    const location = { ...request.location, conversationType: 'channel', notifyAlso: request.location.conversationKey };
    const inChannel: RevokeRequest = { ...request, location };
    const mentionIds = this.deps.approverIds.filter((id) => id !== request.requester.id);
    let thread;
    try {
      thread = await this.deps.channel.startThread(this.deps.views.shared(inChannel), {
        objectIds: mentionIds,
        text: (mentions) => texts.approversAsked(mentions, request),
      });
    } catch (error) {
      this.deps.logger.warn('could not post in the approvals channel; the card stays in the personal chat', { requestId: request.id, error });
      return undefined;
    }
    if (!thread) return undefined;
    const moved = { ...location, conversationKey: thread.conversationKey, cardActivityId: thread.activityId };
    return (await this.deps.service.relocate(request.id, moved)) ?? { ...inChannel, location: moved };
  }
}
