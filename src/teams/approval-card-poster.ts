/** Posts a new request's approval card in the conversation it was asked in, and remembers the card's id. */
import { CardFactory, type TurnContext } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { CardViews } from './card-views';

export class ApprovalCardPoster {
  constructor(private readonly deps: { service: ApprovalService; views: CardViews }) {}

  async post(context: TurnContext, request: RevokeRequest): Promise<void> {
    const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.shared(request))] });
    if (sent?.id) await this.deps.service.setCardActivityId(request.id, sent.id);
  }
}
