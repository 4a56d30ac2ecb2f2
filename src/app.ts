/**
 * The composition root: the only file that wires concrete pieces together. Everything else
 * receives what it needs through its constructor.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PrivateConversationState } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { ApprovalService } from './approvals/approval-service';
import { ExpirySweeper } from './approvals/expiry-sweeper';
import { RevokeExecutor } from './approvals/revoke-executor';
import { BulkRevokeExecutor, isBulk } from './approvals/bulk-revoke-executor';
import type { BatchRevokes } from './approvals/batch-revokes';
import { GraphBatchRevokes } from './intune/graph-batch-revokes';
import { WriteLimiter } from './support/write-limiter';
import type { RevokeRequest } from './approvals/revoke-request';
import { Decisions } from './approvals/decisions';
import { AccessFilter } from './authorization/access-filter';
import { EXPORT_LINK_MINUTES } from './commands/history-export';
import { readChatText } from './commands/parse-command';
import { suggestProfiles } from './commands/profile-lookup';
import { RevokeDialog } from './commands/revoke-dialog';
import type { Config } from './config';
import { ConfiguredDirectory } from './directory/configured-directory';
import { GraphGroupMembership } from './directory/graph-group-membership';
import { Texts } from './i18n/texts';
import { createGraphClient } from './intune/graph-client';
import { withGraphCause } from './intune/graph-correlation';
import { createGraphCredential } from './intune/graph-credential';
import { CachedProfileCatalog } from './intune/cached-profile-catalog';
import { GraphProfileSource } from './intune/graph-profile-source';
import { OneTimeDownloads } from './exports/one-time-downloads';
import { createServer } from './server';
import { routeTable } from './routes';
import { createDoctorRunner } from './doctor/doctor-runner';
import { publicReport } from './doctor/format-report';
import { openConfiguredStorage } from './storage/open-configured-storage';
import { buildHygieneCard } from './cards/hygiene-card-view';
import { currentHygieneReport } from './commands/report-command';
import { ReportScheduler } from './hygiene/report-scheduler';
import { BackgroundTasks } from './support/background-tasks';
import { systemClock, type Clock } from './support/clock';
import type { Logger } from './support/logger';
import { meteredAuditLog } from './telemetry/metered-audit-log';
import { observedTurn } from './telemetry/observed-turn';
import { noTelemetry, type Telemetry } from './telemetry/telemetry';
import { createAdapter } from './teams/adapter';
import { ApprovalCardPoster } from './teams/approval-card-poster';
import { ApprovalsChannel } from './teams/approvals-channel';
import { CardViews } from './teams/card-views';
import { ConversationNotifier } from './teams/conversation-notifier';
import { PrivateNotifier, withPrivateOutcome } from './teams/private-notifier';
import { TeamsAppInstaller } from './teams/teams-app-installer';
import { TokenGuardBot } from './teams/token-guard-bot';
import { TurnRouter } from './teams/turn-router';

export interface App {
  server: Server;
  /** Finish what a previous process left unfinished, start the expiry sweeper. */
  start(): Promise<void>;
  /** Stop taking work, wait for in-flight revokes and notifications, close storage. */
  stop(): Promise<void>;
}

export function createApp(config: Config, logger: Logger, clock: Clock = systemClock, telemetry: Telemetry = noTelemetry): App {
  const texts = new Texts();

  const credential = createGraphCredential({ ...config.graph });
  // STORAGE=sqlite (default) or azure; Azure storage addressed by URL uses the same app credential.
  const storage = openConfiguredStorage(config.storage, { clock, logger, credential });
  // Request metrics are counted from the audit trail (each step is appended exactly once).
  storage.audit = meteredAuditLog(storage.audit, telemetry);
  const graph = createGraphClient({ credential, graphBaseUrl: config.graph.baseUrl, timeoutMs: config.graph.timeoutMs, logger, telemetry });
  // One cached listing serves list, show, revoke and suggestions; a revoke through it forgets it.
  const profiles = new CachedProfileCatalog(new GraphProfileSource(graph), { clock });
  const directory = new ConfiguredDirectory({
    ...config.access,
    membership: new GraphGroupMembership(graph),
    cacheTtlMs: config.access.groupCacheMs,
    clock,
  });
  const filter = new AccessFilter({ directory, audit: storage.audit, clock, logger, tenantId: config.tenantId });
  const service = new ApprovalService({
    requests: storage.requests,
    bulkItems: storage.bulkItems,
    audit: storage.audit,
    clock,
    ttlMinutes: config.requestTtlMinutes,
    quorumDeviceThreshold: config.quorumDeviceThreshold,
  });

  const adapter = createAdapter(config.bot, texts, logger, { tenantId: config.tenantId });
  const views = new CardViews({ clock, isApprover: (id) => filter.isApprover(id) });
  const owner = instanceId();
  const background = new BackgroundTasks(logger);
  // Private 1:1 notifications: approvers when a request opens, the requester when it has finished.
  const privately = new PrivateNotifier({
    adapter,
    appId: config.bot.appId ?? '',
    references: storage.conversations,
    approvers: directory,
    texts,
    audit: storage.audit,
    clock,
    logger,
    background,
    settings: config.notify,
    ...(config.notify.install && config.notify.teamsAppCatalogId ? { installer: new TeamsAppInstaller(graph, config.notify.teamsAppCatalogId) } : {}),
  });
  const conversationNotifier = new ConversationNotifier({ adapter, appId: config.bot.appId ?? '', references: storage.conversations, views, texts });
  const notifier = withPrivateOutcome(conversationNotifier, privately);
  const executor = new RevokeExecutor({
    requests: storage.requests,
    audit: storage.audit,
    profiles,
    notifier,
    clock,
    logger,
    maxConcurrentRevokes: config.revokeConcurrency,
    instanceId: owner,
    leaseSeconds: config.leaseSeconds,
    rotateTokenDays: config.rotateTokenDays,
  });
  // revoke-matching: $batch revokes no faster than Intune's write limit (GRAPH_WRITES_PER_20S), one driver per request.
  const bulkExecutor = new BulkRevokeExecutor({
    requests: storage.requests,
    items: storage.bulkItems,
    audit: storage.audit,
    revokes: forgettingProfilesAfter(new GraphBatchRevokes(graph, { graphBaseUrl: config.graph.baseUrl }), profiles),
    writes: new WriteLimiter({ limit: config.graphWritesPer20s, windowMs: 20_000 }),
    // The outcome goes to the thread and 1:1 like any other; the bulk cards only to the thread.
    notifier: {
      ...notifier,
      bulkProgress: (request, items, final) => conversationNotifier.bulkProgress(request, items, final),
      approvalCardChanged: (request) => conversationNotifier.approvalCardChanged(request),
    },
    clock,
    logger,
    instanceId: executor.instanceId,
    leaseSeconds: config.leaseSeconds,
  });
  const sweeper = new ExpirySweeper({ service, notifier, logger, intervalMs: config.expirySweepMs, audit: storage.audit, clock });

  const dialogState = new PrivateConversationState(storage.botState);
  const dialogs = new DialogSet(dialogState.createProperty('dialogState'));
  // APPROVAL_CHANNEL_ID: where requests typed in personal chat are posted for approvers.
  const approvalsChannel = new ApprovalsChannel({ adapter, appId: config.bot.appId ?? '', channelId: config.approvalChannelId, references: storage.conversations, logger });
  const poster = new ApprovalCardPoster({
    service,
    views,
    channel: approvalsChannel,
    texts,
    logger,
    approverIds: config.access.approverIds,
    posted: (request) => privately.requestOpened(request),
  });
  dialogs.add(
    new RevokeDialog({
      profiles,
      service,
      texts,
      postApprovalCard: (context, request) => poster.post(context, request),
      suggestProfiles: (query) => suggestProfiles(profiles, query),
    }),
  );

  // HYGIENE_REPORT_SCHEDULE: the hygiene report in the approvals channel, once per slot across instances.
  const hygiene = { expiringDays: config.hygiene.expiringDays, longLivedDays: config.hygiene.longLivedDays, oldTokenDays: config.hygiene.oldTokenDays };
  const reportScheduler =
    config.hygiene.schedule && approvalsChannel.configured
      ? new ReportScheduler({
          slots: storage.slots,
          audit: storage.audit,
          clock,
          logger,
          owner,
          leaseMs: config.leaseSeconds * 1000,
          pattern: config.hygiene.schedule,
          buildReport: () => currentHygieneReport({ catalog: profiles, clock, thresholds: hygiene }),
          post: async (report) => (await approvalsChannel.startThread(buildHygieneCard({ report, page: 0, origin: { scheduled: true }, messages: texts.messages })))?.conversationKey,
        })
      : undefined;
  if (config.hygiene.schedule && !approvalsChannel.configured) {
    logger.info('HYGIENE_REPORT_SCHEDULE is set but APPROVAL_CHANNEL_ID is not: the hygiene report is posted only when asked for (report)');
  }

  // history export: one-time links to the audit file, valid for EXPORT_LINK_MINUTES.
  const downloads = new OneTimeDownloads({ clock, ttlMs: EXPORT_LINK_MINUTES * 60_000, store: storage.exports });
  const decisions = new Decisions({
    service,
    execute: (request) => (isBulk(request) ? bulkExecutor.schedule(request.id) : executor.schedule(request.id)),
    tellConversation: (request: RevokeRequest) => background.run(`notify ${request.id}`, () => notifier.requestDecided(request)),
  });
  // The doctor's checks for the `doctor` command and /healthz?deep=1: cached, one run at a time.
  const doctor = createDoctorRunner(config, { clock, storage });
  const routes = routeTable({
    catalog: profiles,
    service,
    decisions,
    bulk: {
      items: storage.bulkItems,
      maxProfiles: config.bulk.maxProfiles,
      approvals: config.bulk.approvals,
      postApprovalCard: (context, request) => poster.post(context, request),
    },
    audit: storage.audit,
    views,
    downloads,
    publicBaseUrl: config.publicBaseUrl,
    rolesOf: (objectId) => filter.roles(objectId),
    diagnose: () => doctor.diagnose(),
    clock,
    hygiene,
  });

  const bot = new TokenGuardBot({
    router: new TurnRouter({ routes, readText: readChatText, filter, requests: service, dialogs, dialogState, audit: storage.audit, texts, clock, logger }),
    references: storage.conversations,
    tenantId: config.tenantId,
    texts,
    logger,
  });

  const server = createServer({
    deepHealth: async () => {
      const { status, ...details } = publicReport(await doctor.diagnose());
      return { ok: status === 'ok', details: { doctor: status, ...details } };
    },
    adapter,
    // Graph calls of a turn (and revokes it schedules) are logged with its activity id; each turn is traced.
    logic: observedTurn((context) => withGraphCause({ activityId: context.activity.id }, () => bot.run(context)), telemetry),
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
      await executor.start(); // finishes what dead instances left, then keeps looking (leases)
      await bulkExecutor.start();
      sweeper.start();
      reportScheduler?.start(); // looks at once: a slot missed while every instance was down is posted now
    },
    async stop() {
      sweeper.stop();
      await reportScheduler?.stop();
      await background.drain();
      await Promise.all([executor.stop(), bulkExecutor.stop()]);
      storage.close();
    },
  };
}

/** Lease owner id: which machine and process holds a piece of work (for operators), unique per run. */
function instanceId(): string {
  return `${process.env.WEBSITE_INSTANCE_ID?.slice(0, 12) ?? hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/** Batch revokes change token states the catalog caches (list and details): it forgets them after each batch, as after a single revoke. */
function forgettingProfilesAfter(revokes: BatchRevokes, catalog: { invalidate(): void }): BatchRevokes {
  return {
    maxBatchSize: revokes.maxBatchSize,
    async revokeBatch(targets) {
      try {
        return await revokes.revokeBatch(targets);
      } finally {
        catalog.invalidate();
      }
    },
  };
}
