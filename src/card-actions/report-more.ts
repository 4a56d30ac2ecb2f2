/** "Show more" on the hygiene report card: the next page, answered as the clicker's new copy of the card. */
import { hygieneReportAnswer, type ReportDeps } from '../commands/report-command';
import type { ClickHandler } from '../teams/route';

const MAX_PAGE = 10_000;

export function reportMoreHandler(deps: ReportDeps): ClickHandler {
  return async ({ data, texts }) => {
    const page = Number(data.page);
    if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE) return { message: texts.malformedAction() };
    const answer = await hygieneReportAnswer(deps, texts, page);
    return 'card' in answer ? { card: answer.card } : answer;
  };
}
