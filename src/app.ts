/**
 * The composition root: the only file that wires concrete pieces together. Everything else
 * receives what it needs through its constructor.
 */
import { PrivateConversationState } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { ApprovalService } from './approvals/approval-service';
import { ExpirySweeper } from './approvals/expiry-sweeper';
import { RevokeExecutor } from './approvals/revoke-executor';
import type { RevokeRequest } from './approvals/revoke-request';
import { AccessFilter } from './authorization/access-filter';
import type { CardActionHandler } from './card-actions/card-action';
import { decisionHandler } from './card-actions/decision-handler';
import { refreshHandler } from './card-actions/refresh';
import { listMoreHandler } from './card-actions/list-more';
import { requestRevokeHandler } from './card-actions/request-revoke';
import { cancelCommand } from './commands/cancel-command';
import type { CommandTable } from './commands/command';
import { emptyCommand, tooLongCommand, unknownCommand } from './commands/fallback-commands';
import { helpCommand } from './commands/help-command';
import { historyCommand } from './commands/history-command';
import { EXPORT_LINK_MINUTES, historyExport } from './commands/history-export';
import { listCommand } from './commands/list-command';
import { pendingCommand } from './commands/pending-command';
import { suggestProfiles } from './commands/profile-lookup';
import { revokeCommand } from './commands/revoke-command';
import { RevokeDialog } from './commands/revoke-dialog';
import { showCommand } from './commands/show-command';
import { whoamiCommand } from './commands/whoami-command';
import type { Config } from './config';
import { ConfiguredDirectory } from './directory/configured-directory';
import { GraphGroupMembership } from './directory/graph-group-membership';
import { Texts } from './i18n/texts';
import { createGraphClient } from './intune/graph-client';
import { createGraphCredential } from './intune/graph-credential';
import { CachedProfileCatalog } from './intune/cached-profile-catalog';
import { GraphProfileSource } from './intune/graph-profile-source';
import { OneTimeDownloads } from './exports/one-time-downloads';
import { createServer } from './server';
import { openConfiguredStorage } from './storage/open-configured-storage';
import { BackgroundTasks } from './support/background-tasks';
import { systemClock, type Clock } from './support/clock';
import type { Logger } from './support/logger';
import { createAdapter } from './teams/adapter';
import { ApprovalCardPoster } from './teams/approval-card-poster';
import { ApprovalsChannel } from './teams/approvals-channel';
import { CardActionTurn } from './teams/card-action-turn';
import { CardViews } from './teams/card-views';
import { ConversationNotifier } from './teams/conversation-notifier';
import { MessageTurn } from './teams/message-turn';
import { TokenGuardBot } from './teams/token-guard-bot';

export interface App {
  server: Server;
  /** Finish what a previous process left unfinished, start the expiry sweeper. */
  start(): Promise<void>;
  /** Stop taking work, wait for in-flight revokes and notifications, close storage. */
  stop(): Promise<void>;
}

export function createApp(config: Config, logger: Logger, clock: Clock = systemClock): App {
  const texts = new Texts();

  const credential = createGraphCredential({ ...config.graph });
  // STORAGE=sqlite (default) or azure; Azure storage addressed by URL uses the same app credential.
  const storage = openConfiguredStorage(config.storage, { clock, logger, credential });
  const graph = createGraphClient({ credential, graphBaseUrl: config.graph.baseUrl, timeoutMs: config.graph.timeoutMs });
  // One cached listing serves list, show, revoke and suggestions; a revoke through it forgets it.
  const profiles = new CachedProfileCatalog(new GraphProfileSource(graph), { clock });
  const directory = new ConfiguredDirectory({
    ...config.access,
    membership: new GraphGroupMembership(graph),
    cacheTtlMs: config.access.groupCacheMs,
    clock,
  });
  const filter = new AccessFilter({ directory, audit: storage.audit, clock, logger, tenantId: config.tenantId });
  const service = new ApprovalService({ requests: storage.requests, audit: storage.audit, clock, ttlMinutes: config.requestTtlMinutes });

  const adapter = createAdapter(config.bot, texts, logger, { tenantId: config.tenantId });
  const views = new CardViews({ clock, isApprover: (id) => filter.isApprover(id) });
  const notifier = new ConversationNotifier({ adapter, appId: config.bot.appId ?? '', references: storage.conversations, views, texts });
  const executor = new RevokeExecutor({
    requests: storage.requests,
    audit: storage.audit,
    profiles,
    notifier,
    clock,
    logger,
    maxConcurrentRevokes: config.revokeConcurrency,
  });
  const sweeper = new ExpirySweeper({ service, notifier, logger, intervalMs: config.expirySweepMs, audit: storage.audit, clock });
  const background = new BackgroundTasks(logger);

  const dialogState = new PrivateConversationState(storage.botState);
  const dialogs = new DialogSet(dialogState.createProperty('dialogState'));
  // APPROVAL_CHANNEL_ID: where requests typed in personal chat are posted for approvers.
  const approvalsChannel = new ApprovalsChannel({ adapter, appId: config.bot.appId ?? '', channelId: config.approvalChannelId, references: storage.conversations, logger });
  const poster = new ApprovalCardPoster({ service, views, channel: approvalsChannel, texts, logger, approverIds: config.access.approverIds });
  dialogs.add(
    new RevokeDialog({
      profiles,
      service,
      texts,
      postApprovalCard: (context, request) => poster.post(context, request),
      suggestProfiles: (query) => suggestProfiles(profiles, query),
    }),
  );

  // history export: one-time links to the audit file, valid for EXPORT_LINK_MINUTES.
  const downloads = new OneTimeDownloads({ clock, ttlMs: EXPORT_LINK_MINUTES * 60_000 });
  const tellConversation = (request: RevokeRequest) => background.run(`notify ${request.id}`, () => notifier.requestDecided(request));
  const commands: CommandTable = {
    help: helpCommand(),
    revoke: revokeCommand(),
    cancel: cancelCommand({ service, filter, tellConversation }),
    list: listCommand({ catalog: profiles, clock }),
    show: showCommand({ catalog: profiles, service, audit: storage.audit, clock }),
    pending: pendingCommand({ service, clock }),
    history: historyCommand({
      catalog: profiles,
      service,
      audit: storage.audit,
      exportAudit: historyExport({ audit: storage.audit, filter, downloads, publicBaseUrl: config.publicBaseUrl, clock }),
    }),
    whoami: whoamiCommand({ filter }),
    empty: emptyCommand(),
    unknown: unknownCommand(),
    'too-long': tooLongCommand(),
  };
  const cardCommands = [listMoreHandler({ catalog: profiles, clock }), requestRevokeHandler({ dialogs, dialogState, profiles })];
  const decisionDeps = { service, texts, views, tellConversation };
  const cardActions: CardActionHandler[] = [
    decisionHandler('approve', { ...decisionDeps, afterDecision: (request) => executor.schedule(request.id) }),
    decisionHandler('reject', { ...decisionDeps, afterDecision: tellConversation }),
    decisionHandler('cancel', { ...decisionDeps, afterDecision: tellConversation }),
    refreshHandler(views),
  ];

  const bot = new TokenGuardBot({
    messages: new MessageTurn({ dialogs, dialogState, filter, commands, texts }),
    cardActions: new CardActionTurn({
      handlers: new Map(cardActions.map((h) => [h.verb, h])),
      commands: new Map(cardCommands.map((h) => [h.verb, h])),
      service,
      filter,
      audit: storage.audit,
      texts,
      clock,
      logger,
    }),
    references: storage.conversations,
    tenantId: config.tenantId,
    texts,
    logger,
  });

  const server = createServer({
    adapter,
    logic: bot.run,
    logger,
    downloads,
    health: async () => {
      const storageUp = storage.isReady && (await storage.requests.listByState(['pending'], 1).then(() => true, () => false));
      if (!storageUp) return { ok: false, details: { storage: 'unavailable' } };
      // Nothing about authentication here: /healthz is public, and must not point anyone at a local bot.
      return { ok: true, details: { storage: 'ok' } };
    },
  });

  return {
    server,
    async start() {
      await storage.ready(); // retries with backoff while storage is unreachable; /healthz says 503 meanwhile
      await sweeper.sweepOnce();
      await executor.resumeUnfinished();
      sweeper.start();
    },
    async stop() {
      sweeper.stop();
      await background.drain();
      await executor.stop();
      storage.close();
    },
  };
}
