/**
 * `cancel` alone stops a question the bot is asking; `cancel <request>` cancels a pending request,
 * for its requester or any approver (the access filter decides on the stored request).
 */
import type { ApprovalService } from '../approvals/approval-service';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { AccessFilter } from '../authorization/access-filter';
import type { CommandHandler } from './command';

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface CancelDeps {
  service: ApprovalService;
  filter: AccessFilter;
  /** Updates the request's card and tells its conversation (in the background). */
  tellConversation(request: RevokeRequest): void;
}

export function cancelCommand(deps: CancelDeps): CommandHandler<'cancel'> {
  return {
    name: 'cancel',
    action: 'help',
    async run({ context, dialogs, command, texts, actor }) {
      if (!command.requestId) {
        const asking = Boolean(dialogs.activeDialog);
        if (asking) await dialogs.cancelAllDialogs();
        await context.sendActivity(asking ? texts.dialogCancelled() : texts.nothingToCancel());
        return;
      }
      const request = REQUEST_ID.test(command.requestId) ? await deps.service.get(command.requestId) : undefined;
      if (!request) return void (await context.sendActivity(texts.unknownRequest(command.requestId.slice(0, 64))));
      const access = await deps.filter.check(actor, 'cancel', request);
      if (!access.allowed) return void (await context.sendActivity(texts.denied(access.reason)));
      const result = await deps.service.decide(request.id, { id: actor.objectId!, name: actor.name }, 'cancel');
      if (!result.ok) {
        if (result.refusal === 'expired' && result.request) deps.tellConversation(result.request);
        return void (await context.sendActivity(texts.refusal(result.refusal, result.request ?? request)));
      }
      deps.tellConversation(result.request);
      await context.sendActivity(texts.requestCancelled(result.request));
    },
  };
}
