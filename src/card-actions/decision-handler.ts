/**
 * Approve, Reject and Cancel share one shape: a compare-and-set decision on the stored request,
 * then the clicker's card at once and the slow work (Graph, everyone's card, thread reply) after.
 */
import type { ApprovalService, DecideResult } from '../approvals/approval-service';
import type { RevokeRequest, Verdict } from '../approvals/revoke-request';
import type { ActionName } from '../approvals/policy';
import type { Texts } from '../i18n/texts';
import type { CardActionAnswer, CardActionHandler, CardActionInput } from './card-action';
import { textInput } from './card-action';
import type { CardViews } from '../teams/card-views';

export interface DecisionDeps {
  service: ApprovalService;
  texts: Texts;
  views: CardViews;
  /** Runs after the invoke is answered: revoke for approvals, notifications for the rest. */
  afterDecision(request: RevokeRequest): void;
  /** Updates everyone's card in the background (a click on an overdue request just expired it). */
  tellConversation(request: RevokeRequest): void;
}

export function decisionHandler(verb: Verdict, deps: DecisionDeps): CardActionHandler {
  const action: ActionName = verb;
  return {
    verb,
    action,
    async handle(input: CardActionInput): Promise<CardActionAnswer> {
      const { actor, request } = input;
      const result: DecideResult = await deps.service.decide(
        request.id,
        { id: actor.objectId!, name: actor.name },
        verb,
        textInput(input.inputs, 'reason'),
      );
      if (!result.ok) {
        if (result.refusal === 'expired' && result.request) deps.tellConversation(result.request);
        return { message: (input.texts ?? deps.texts).refusal(result.refusal, result.request ?? request) };
      }
      deps.afterDecision(result.request);
      return { card: await deps.views.forReader(result.request, actor, input.isApprover, input.texts?.messages) };
    },
  };
}
