/**
 * Approve, Reject and Cancel buttons: the decision on the stored request (decisions.ts queues the
 * slow work — Graph, everyone's card, the thread reply — for after the answer), then the clicker's
 * own card at once. The route loaded the request and the filter allowed the verb on it.
 */
import type { Decisions } from '../approvals/decisions';
import type { Verdict } from '../approvals/revoke-request';
import type { CardViews } from '../teams/card-views';
import type { RequestClickHandler } from '../teams/route';
import { textInput } from './text-input';

export function decisionHandler(verdict: Verdict, deps: { decisions: Decisions; views: CardViews }): RequestClickHandler {
  return async ({ actor, request, isApprover, data, texts }) => {
    const result = await deps.decisions.decide(request.id, { id: actor.objectId!, name: actor.name }, verdict, textInput(data, 'reason'));
    if (!result.ok) return { message: texts.refusal(result.refusal, result.request ?? request) };
    return { card: await deps.views.forReader(result.request, actor, isApprover, texts.messages) };
  };
}
