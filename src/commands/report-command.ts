/**
 * `report` (approvers: the route's 'report' action): the token hygiene report as a card in this
 * conversation, audited with its counts. The same card is posted on schedule (hygiene/report-scheduler.ts).
 */
import { CardFactory } from 'botbuilder';
import type { AuditLog } from '../approvals/audit-log';
import { GraphFailure } from '../approvals/enrollment-profiles';
import { buildHygieneCard, REPORT_PAGE_SIZE, type HygieneCardInput } from '../cards/hygiene-card-view';
import { buildHygieneReport, type HygieneReport, type HygieneThresholds } from '../hygiene/hygiene-report';
import { reportPostedEntry } from '../hygiene/report-audit';
import type { Texts } from '../i18n/texts';
import type { ProfileCatalog } from '../intune/profile-catalog';
import type { Clock } from '../support/clock';
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export interface ReportDeps {
  catalog: ProfileCatalog;
  clock: Clock;
  thresholds: HygieneThresholds;
}

/** The report over every profile now (the catalog's cached listing). Throws GraphFailure. */
export async function currentHygieneReport(deps: ReportDeps): Promise<HygieneReport> {
  return buildHygieneReport(await deps.catalog.list(), deps.clock.now(), deps.thresholds);
}

/** One page of the report as a card, or a sentence when Graph fails. */
export async function hygieneReportAnswer(
  deps: ReportDeps,
  texts: Texts,
  page: number,
  origin?: HygieneCardInput['origin'],
): Promise<{ card: object; report: HygieneReport } | { message: string }> {
  try {
    const report = await currentHygieneReport(deps);
    const lastPage = Math.max(0, Math.ceil(report.rows.length / REPORT_PAGE_SIZE) - 1);
    return { card: buildHygieneCard({ report, page: Math.min(page, lastPage), origin, messages: texts.messages }), report };
  } catch (error) {
    if (error instanceof GraphFailure) return { message: texts.lookupFailed(error.failure) };
    throw error;
  }
}

export function reportCommand(deps: ReportDeps & { audit: AuditLog }): CommandHandler<NoArguments> {
  return async ({ context, actor, texts }) => {
    await context.sendActivity({ type: 'typing' });
    const answer = await hygieneReportAnswer(deps, texts, 0, actor.name ? { askedBy: actor.name } : undefined);
    if (!('card' in answer)) return void (await context.sendActivity(answer.message));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(answer.card)] });
    await deps.audit.append(
      reportPostedEntry({
        report: answer.report,
        where: context.activity.conversation?.id ?? 'unknown',
        at: deps.clock.now(),
        askedBy: { objectId: actor.objectId!, name: actor.name, tenantId: actor.tenantId },
      }),
    );
  };
}
