/** "Show more" on the list card: the next page, answered as the clicker's new copy of the card. */
import { profileListAnswer, type ListDeps } from '../commands/list-command';
import type { ClickHandler } from '../teams/route';

const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 10_000;

export function listMoreHandler(deps: ListDeps): ClickHandler {
  return async ({ data, texts }) => {
    const query = typeof data.query === 'string' ? data.query.trim().slice(0, MAX_QUERY_LENGTH) : '';
    const page = Number(data.page);
    if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE) return { message: texts.malformedAction() };
    return profileListAnswer(deps, texts, query || undefined, page);
  };
}
