/** Universal Actions refresh: each reader gets the view for their role (requester, approver, others). */
import type { CardViews } from '../teams/card-views';
import type { RequestClickHandler } from '../teams/route';

export function refreshHandler(views: CardViews): RequestClickHandler {
  return async ({ actor, request, texts }) => ({ card: await views.forReader(request, actor, undefined, texts.messages) });
}
