/** `pending`: the open requests, oldest first, on a card approvers can act from. */
import { CardFactory } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import { buildPendingCard } from '../cards/pending-card-view';
import type { Clock } from '../support/clock';
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export function pendingCommand(deps: { service: ApprovalService; clock: Clock }): CommandHandler<NoArguments> {
  return async ({ context, texts, actor }) => {
    const now = deps.clock.now();
    // Overdue requests still stored as pending are not open any more: the sweeper is about to expire them.
    const open = (await deps.service.listOpen(actor.tenantId ?? '')).filter(
      (request) => request.state !== 'pending' || Date.parse(request.expiresAt) > now.getTime(),
    );
    if (open.length === 0) return void (await context.sendActivity(texts.noPending()));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildPendingCard(open, now, texts.messages))] });
  };
}
