/**
 * `cancel <request>`: cancels a pending request. The route loads the request the text names and
 * the access filter has allowed it (its requester, or any approver) before this runs.
 */
import type { Decisions } from '../approvals/decisions';
import type { RequestCommandHandler } from '../teams/route';
import type { RequestIdArgument } from './parse-command';

export function cancelCommand(decisions: Decisions): RequestCommandHandler<RequestIdArgument> {
  return async ({ context, request, actor, texts }) => {
    const result = await decisions.decide(request.id, { id: actor.objectId!, name: actor.name }, 'cancel');
    await context.sendActivity(result.ok ? texts.requestCancelled(result.request) : texts.refusal(result.refusal, result.request ?? request));
  };
}
