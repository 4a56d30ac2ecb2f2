/**
 * "Show more" on the history card: the next page, answered as the clicker's new copy of the card.
 * The button's data only says where the page starts; it is checked like any input, and the
 * policy action is the one `history` needs.
 */
import { historyPageAnswer, type HistoryDeps } from '../commands/history-command';
import { MAX_HISTORY_LIMIT } from '../commands/parse-command';
import type { ClickHandler } from '../teams/route';

const MAX_PROFILE_ID_LENGTH = 200;

export function historyMoreHandler(deps: HistoryDeps): ClickHandler {
  return async ({ data, texts }) => {
    const beforeSeq = Number(data.beforeSeq);
    const shown = Number(data.shown);
    const limit = Number(data.limit);
    const profileId = typeof data.profileId === 'string' ? data.profileId.trim() : '';
    if (
      !Number.isSafeInteger(beforeSeq) ||
      beforeSeq < 1 ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_HISTORY_LIMIT ||
      !Number.isInteger(shown) ||
      shown < 1 ||
      shown >= limit ||
      profileId.length > MAX_PROFILE_ID_LENGTH
    ) {
      return { message: texts.malformedAction() };
    }
    return historyPageAnswer(deps, texts, { ...(profileId ? { profileId } : {}), beforeSeq, shown, limit });
  };
}
