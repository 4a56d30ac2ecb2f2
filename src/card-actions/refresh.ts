/** Universal Actions refresh: each reader gets the view for their role (requester, approver, others). */
import type { CardActionHandler } from './card-action';
import type { CardViews } from '../teams/card-views';

export function refreshHandler(views: CardViews): CardActionHandler {
  return {
    verb: 'refresh',
    action: 'view',
    async handle({ actor, request, texts }) {
      return { card: await views.forReader(request, actor, undefined, texts?.messages) };
    },
  };
}
