/**
 * THE ROUTE TABLE: every chat command and every card verb Token Guard answers, the policy action
 * each needs (approvals/policy.ts says who may take it), what is loaded before the access filter
 * judges it, and its handler. The router (teams/turn-router.ts) calls the filter once per turn with
 * what the route loaded, then the handler; handlers never check permissions themselves.
 *
 * Adding a chat command: one `command({...})` entry below plus one handler file in commands/.
 * Adding a card verb: one entry in `verbs` plus one handler file in card-actions/.
 * Words are matched lower-cased, English first, then Portuguese; for one word the first entry
 * whose `parse` accepts the rest wins (so a sub-command like `history export` comes first).
 */
import type { ApprovalService } from './approvals/approval-service';
import type { AuditLog } from './approvals/audit-log';
import type { Decisions } from './approvals/decisions';
import { decisionHandler } from './card-actions/decision-handler';
import { historyMoreHandler } from './card-actions/history-more';
import { listMoreHandler } from './card-actions/list-more';
import { reportMoreHandler } from './card-actions/report-more';
import { refreshHandler } from './card-actions/refresh';
import { requestRevokeHandler } from './card-actions/request-revoke';
import { cancelCommand } from './commands/cancel-command';
import { answerQuestion, emptyMessage, tooLongMessage, unknownCommand } from './commands/fallback-commands';
import { doctorCommand, type DoctorCommandDeps } from './commands/doctor-command';
import { helpCommand } from './commands/help-command';
import { historyCommand } from './commands/history-command';
import { historyExportCommand } from './commands/history-export';
import { listCommand } from './commands/list-command';
import {
  exactly,
  noArguments,
  parseHistoryArguments,
  parseListArguments,
  parseProfileArgument,
  parseRequestIdArgument,
  parseRevokeArguments,
  parseRevokeMatchingArguments,
} from './commands/parse-command';
import { pendingCommand } from './commands/pending-command';
import { reportCommand } from './commands/report-command';
import { revokeCommand } from './commands/revoke-command';
import { revokeMatchingCommand, type RevokeMatchingDeps } from './commands/revoke-matching-command';
import { rotateCommand } from './commands/rotate-command';
import { showCommand } from './commands/show-command';
import { stopQuestionCommand } from './commands/stop-question-command';
import { whoamiCommand, type WhoamiDeps } from './commands/whoami-command';
import type { OneTimeDownloads } from './exports/one-time-downloads';
import type { HygieneThresholds } from './hygiene/hygiene-report';
import type { ProfileCatalog } from './intune/profile-catalog';
import type { Clock } from './support/clock';
import type { CardViews } from './teams/card-views';
import { command, commandWords, type CommandRoute, type RouteTable, type VerbRoute } from './teams/route';

export interface RouteDeps {
  catalog: ProfileCatalog;
  service: ApprovalService;
  decisions: Decisions;
  audit: AuditLog;
  views: CardViews;
  downloads: OneTimeDownloads;
  /** PUBLIC_BASE_URL: where export links point; undefined, `history export` says what to set. */
  publicBaseUrl?: string;
  rolesOf: WhoamiDeps['rolesOf'];
  /** The deployment checks (the same as `npm run doctor`), for the `doctor` command. */
  diagnose: DoctorCommandDeps['diagnose'];
  clock: Clock;
  /** revoke-matching: where its profiles are stored, BULK_MAX_PROFILES, BULK_APPROVALS, and how its card is posted. */
  bulk: Pick<RevokeMatchingDeps, 'items' | 'maxProfiles' | 'approvals' | 'postApprovalCard'>;
  /** HYGIENE_*_DAYS: what the `report` card lists. */
  hygiene: HygieneThresholds;
}

const HISTORY_WORDS = ['history', 'historico', 'histórico'];
const CANCEL_WORDS = ['cancel', 'cancelar'];

export function routeTable(deps: RouteDeps): RouteTable {
  const { catalog, service, decisions, audit, views, clock } = deps;

  const commands: CommandRoute[] = [
    command({ words: ['help', '?', 'ajuda'], action: 'anyone-in-tenant', parse: noArguments, run: helpCommand() }),
    command({ words: ['revoke', 'revogar'], action: 'request', parse: parseRevokeArguments, run: revokeCommand() }),
    command({ words: ['rotate', 'rotacionar'], action: 'request', parse: parseRevokeArguments, run: rotateCommand() }),
    command({
      words: ['revoke-matching', 'revogar-varios', 'revogar-vários'],
      action: 'request',
      parse: parseRevokeMatchingArguments,
      run: revokeMatchingCommand({ catalog, service, ...deps.bulk }),
    }),
    command({
      words: CANCEL_WORDS,
      action: 'cancel',
      parse: parseRequestIdArgument,
      loads: { requestIdIn: (args) => args.requestId },
      dialog: 'keeps',
      run: cancelCommand(decisions),
    }),
    command({ words: CANCEL_WORDS, action: 'anyone-in-tenant', parse: noArguments, dialog: 'keeps', run: stopQuestionCommand() }),
    command({ words: ['list', 'listar'], action: 'inspect', parse: parseListArguments, run: listCommand({ catalog, clock }) }),
    command({ words: ['show', 'mostrar'], action: 'inspect', parse: parseProfileArgument, run: showCommand({ catalog, service, audit, clock }) }),
    command({ words: ['pending', 'pendentes'], action: 'inspect', parse: noArguments, run: pendingCommand({ service, clock }) }),
    command({
      words: HISTORY_WORDS,
      action: 'export',
      parse: exactly('export', 'exportar'),
      denied: (reason, texts) => (reason === 'not-approver' ? texts.exportApproversOnly() : undefined),
      run: historyExportCommand({ audit, downloads: deps.downloads, publicBaseUrl: deps.publicBaseUrl, clock }),
    }),
    command({ words: HISTORY_WORDS, action: 'inspect', parse: parseHistoryArguments, run: historyCommand({ catalog, service, audit }) }),
    command({ words: ['whoami', 'quemsoueu'], action: 'anyone-in-tenant', parse: noArguments, run: whoamiCommand({ rolesOf: deps.rolesOf }) }),
    command({
      words: ['doctor', 'diagnostico', 'diagnóstico'],
      action: 'diagnose',
      parse: noArguments,
      denied: (reason, texts) => (reason === 'not-approver' ? texts.doctorApproversOnly() : undefined),
      run: doctorCommand({ diagnose: deps.diagnose }),
    }),
    command({
      words: ['report', 'relatorio', 'relatório'],
      action: 'report',
      parse: noArguments,
      denied: (reason, texts) => (reason === 'not-approver' ? texts.reportApproversOnly() : undefined),
      run: reportCommand({ catalog, clock, thresholds: deps.hygiene, audit }),
    }),
  ];

  const verbs: VerbRoute[] = [
    { verb: 'approve', action: 'approve', loads: 'request-in-card', answer: decisionHandler('approve', { decisions, views }) },
    { verb: 'reject', action: 'reject', loads: 'request-in-card', answer: decisionHandler('reject', { decisions, views }) },
    { verb: 'cancel', action: 'cancel', loads: 'request-in-card', answer: decisionHandler('cancel', { decisions, views }) },
    { verb: 'refresh', action: 'view', loads: 'request-in-card', answer: refreshHandler(views) },
    { verb: 'list-more', action: 'inspect', answer: listMoreHandler({ catalog, clock }) },
    { verb: 'request-revoke', action: 'request', answer: requestRevokeHandler({ profiles: catalog }) },
    // The same policy action as `history`.
    { verb: 'history-more', action: 'inspect', answer: historyMoreHandler({ catalog, service, audit }) },
    {
      verb: 'report-more',
      action: 'report',
      denied: (reason, texts) => (reason === 'not-approver' ? texts.reportApproversOnly() : undefined),
      answer: reportMoreHandler({ catalog, clock, thresholds: deps.hygiene }),
    },
  ];

  return {
    commands,
    verbs,
    otherMessages: {
      empty: { action: 'anyone-in-tenant', run: emptyMessage() },
      tooLong: { action: 'anyone-in-tenant', run: tooLongMessage() },
      unknown: { action: 'anyone-in-tenant', run: unknownCommand(commandWords(commands)) },
      // The answer to "which profile?" / "why?" asked by the revoke dialog: as much as asking.
      answer: { action: 'request', run: answerQuestion() },
    },
  };
}
