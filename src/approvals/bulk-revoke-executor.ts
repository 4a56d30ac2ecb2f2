/**
 * Carries out approved `revoke-matching` requests: every matched profile revoked exactly once, in
 * Graph JSON batches, within Intune's write limit, across instances, restarts and crashes.
 * - The request itself is leased (work-lease.ts) as a single revoke is: of any number of callers and
 *   instances exactly one drives a bulk at a time; when it dies another takes over once its lease expired.
 * - Each profile is a BulkItem with its own stored state; the driver claims the items of a batch by
 *   compare-and-set (pending → sending) right before sending them and stores each item's answer
 *   (revoked | failed, or pending again after its own 429) right after. A takeover resumes only the
 *   items not finished: finished ones are never sent again. Items a dead driver had sent without
 *   storing the answer are sent once more (revokeToken is idempotent), audited as retried.
 * - Every batch waits for the write limiter first (GRAPH_WRITES_PER_20S), so a healthy run gets no 429.
 * - One progress card in the thread is updated at most every `progressEveryMs`; the final tally
 *   replaces it. The audit has one line per profile.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditLog } from './audit-log';
import type { BatchRevokeResult, BatchRevokes } from './batch-revokes';
import { changedItem, tallyOf, type BulkItem, type BulkItemStore, type BulkTally } from './bulk-items';
import type { RequestStore } from './request-store';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import type { WriteSlots } from '../support/write-limiter';
import { about, SYSTEM_ACTOR } from './audit-fields';
import { notifySafely, type OutcomeNotifier } from './outcome-notifier';
import { applyEvent, canApply, isFinal, UNFINISHED_STATES, type RevokeFailure, type RevokeRequest } from './revoke-request';
import { RequestWork } from './request-work';
import { WorkLeases, type Heartbeat } from './work-lease';

/** What tells the thread how a bulk revoke goes. Implemented by the Teams layer; failures never change state. */
export interface BulkNotifier extends OutcomeNotifier {
  /**
   * Posts the progress card (no activity id yet) or replaces it: the tally so far, or the final
   * tally with each failure when `final`. Resolves with the card's activity id.
   */
  bulkProgress(request: RevokeRequest, items: readonly BulkItem[], final: boolean): Promise<string | undefined>;
  /** Replaces the approval card for everyone (its final state), with no reply: the progress card is the reply. */
  approvalCardChanged(request: RevokeRequest): Promise<void>;
}

export interface WriteBudget {
  readonly limit: number;
  acquire(count: number): Promise<WriteSlots>;
}

export interface BulkRevokeExecutorDeps {
  requests: RequestStore;
  items: BulkItemStore;
  audit: AuditLog;
  revokes: BatchRevokes;
  /** GRAPH_WRITES_PER_20S: every batch waits here for room. */
  writes: WriteBudget;
  notifier: BulkNotifier;
  clock: Clock;
  logger: Logger;
  instanceId?: string;
  leaseSeconds?: number;
  /** The progress card is updated at most this often (ms). Default 3000. */
  progressEveryMs?: number;
  /** A profile throttled this many times in a row fails as throttled. Default 8. */
  maxThrottledAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const BULK_OPERATION = 'revoke-matching';

export function isBulk(request: RevokeRequest): boolean {
  return request.operation === BULK_OPERATION;
}

const RECOVERY_SHARE_OF_LEASE = 1 / 2;
const RECOVERY_JITTER_MS = 250;
/** A Retry-After Graph did not give: wait this long before the item's next try. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;
const UNEXPECTED_FAILURE_MESSAGE = 'The batch call failed unexpectedly. See the service log.';

export class BulkRevokeExecutor {
  /** Bulk requests this instance works on: the recovery loop does not start them twice. */
  private readonly work: RequestWork;
  private readonly leases: WorkLeases<RevokeRequest>;
  private readonly sleep: (ms: number) => Promise<void>;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: BulkRevokeExecutorDeps) {
    this.work = new RequestWork(deps.logger, 'bulk revoke failed');
    this.leases = new WorkLeases({
      store: deps.requests,
      clock: deps.clock,
      owner: deps.instanceId ?? `instance-${randomUUID()}`,
      leaseMs: (deps.leaseSeconds ?? 30) * 1000,
    });
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  /** Runs an approved bulk request in the background (after the caller's answer). */
  schedule(requestId: string): void {
    this.deps.logger.info('bulk revoke scheduled', { requestId });
    this.work.run(requestId, () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute(requestId)));
  }

  /** Drives an approved bulk request to its end. Undefined when another caller has it. */
  async execute(requestId: string): Promise<RevokeRequest | undefined> {
    const current = await this.deps.requests.get(requestId);
    if (!current || !isBulk(current) || current.state !== 'approved') return undefined;
    return this.claimAndRun(current);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await Promise.all(await this.recoverOnce());
    const every = Math.max(100, Math.floor(this.leases.leaseMs * RECOVERY_SHARE_OF_LEASE));
    this.recoveryTimer = setInterval(() => void this.recoverInBackground(), every);
    this.recoveryTimer.unref();
  }

  /** SIGTERM: the batch in flight is finished and stored, then the lease is given back for another instance. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    await this.recovering?.catch(() => undefined);
    await this.drain();
  }

  async drain(): Promise<void> {
    await this.work.drain();
  }

  private recoverInBackground(): void {
    if (this.stopped || this.recovering) return;
    this.recovering = new Promise<void>((resolve) => setTimeout(resolve, Math.random() * RECOVERY_JITTER_MS))
      .then(() => this.recoverOnce())
      .then(
        () => undefined,
        (error: unknown) => this.deps.logger.warn('bulk recovery round failed; trying again', { error }),
      )
      .finally(() => (this.recovering = undefined));
  }

  private async recoverOnce(): Promise<Promise<void>[]> {
    if (this.stopped) return [];
    const unfinished = (await this.deps.requests.listByState(UNFINISHED_STATES)).filter(isBulk);
    const unposted = (await this.deps.requests.listResultsToPost()).filter(isBulk);
    const started: Promise<void>[] = [];
    for (const request of [...unfinished, ...unposted]) {
      if (!this.leases.isFree(request)) continue;
      const running = this.work.run(request.id, () => (isFinal(request.state) ? this.postRecovered(request) : this.claimAndRun(request)));
      if (running) started.push(running);
    }
    return started;
  }

  private async claimAndRun(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    if (this.stopped) return undefined;
    const claimed = await this.leases.claim(seen, (current, lease) => {
      if (current.state !== seen.state || (current.executionAttempts ?? 0) !== (seen.executionAttempts ?? 0) || !canApply(current, 'start-execution')) return undefined;
      const next: RevokeRequest = { ...applyEvent(current, { type: 'start-execution', at: this.nowIso() }), lease };
      const takeover = current.state === 'executing';
      const audit = this.entry(next, {
        action: takeover ? 'revoke.retried' : 'revoke.started',
        ...(takeover ? { detail: `attempt ${next.executionAttempts}: ${current.lease ? `the lease of ${current.lease.owner} expired` : 'its owner left no lease'}` } : {}),
      });
      return { next, audit: [audit] };
    });
    if (!claimed) return undefined;
    const heartbeat = this.leases.heartbeat(claimed.next, (error) => this.deps.logger.warn('could not renew a bulk lease; trying again', { requestId: seen.id, error }));
    try {
      return await this.run(claimed.next, heartbeat);
    } finally {
      await heartbeat.stop();
    }
  }

  private async run(claimed: RevokeRequest, heartbeat: Heartbeat<RevokeRequest>): Promise<RevokeRequest | undefined> {
    const takeover = (claimed.executionAttempts ?? 1) > 1;
    this.deps.logger.info('bulk revoke claimed', { requestId: claimed.id, attempt: claimed.executionAttempts, instanceId: this.leases.owner });
    if (!takeover) await notifySafely('requestDecided', claimed, this.deps);
    let request = claimed;
    let items = await this.deps.items.list(claimed.id);
    request = await this.showProgress(request, items, false);
    let lastProgressAt = this.deps.clock.now().getTime();
    const batchSize = Math.min(this.deps.revokes.maxBatchSize, this.deps.writes.limit);
    let batchNumber = 0;

    for (;;) {
      if (this.stopped || heartbeat.lost) return this.giveBack(request.id, 'stopping');
      const open = items.filter((item) => item.state === 'pending' || item.state === 'sending');
      if (open.length === 0) break;
      const now = this.deps.clock.now().getTime();
      const ready = open.filter((item) => !item.notBefore || Date.parse(item.notBefore) <= now);
      if (ready.length === 0) {
        const next = Math.min(...open.map((item) => Date.parse(item.notBefore!)));
        await this.sleep(Math.max(10, next - now));
        continue;
      }
      const wanted = ready.slice(0, batchSize);
      const slots = await this.deps.writes.acquire(wanted.length);
      let results: BatchRevokeResult[] = [];
      let sent: BulkItem[] = [];
      try {
        if (!(await heartbeat.renewNow())) {
          this.deps.logger.warn('bulk lease lost before a batch: another instance has the request', { requestId: request.id });
          return undefined;
        }
        sent = await this.claimItems(request, wanted);
        if (sent.length > 0) results = await this.send(request, sent);
      } finally {
        slots.done();
      }
      batchNumber++;
      const stored = await this.storeResults(request, sent, results);
      items = items.map((item) => stored.get(item.profileId) ?? item);
      // Items another writer changed meanwhile: read them again.
      if (stored.size < wanted.length) items = await this.deps.items.list(request.id);
      const tally = tallyOf(items);
      this.deps.logger.info(`bulk batch ${batchNumber} stored`, { requestId: request.id, sent: sent.length, ...tally });
      const at = this.deps.clock.now().getTime();
      if (at - lastProgressAt >= (this.deps.progressEveryMs ?? 3000)) {
        request = await this.showProgress(request, items, false);
        lastProgressAt = at;
      }
    }
    return this.finish(request, items);
  }

  /** pending|sending → sending (attempts + 1) for each item, by compare-and-set; the items this call claimed. */
  private async claimItems(request: RevokeRequest, wanted: readonly BulkItem[]): Promise<BulkItem[]> {
    const claimed: BulkItem[] = [];
    for (const item of wanted) {
      const next = changedItem(item, { state: 'sending', attempts: item.attempts + 1, notBefore: undefined });
      delete next.notBefore;
      if (await this.deps.items.replace(next, item.version)) {
        claimed.push(next);
        if (item.state === 'sending') {
          // A dead driver sent it without storing the answer: sent once more (revokeToken is idempotent).
          await this.auditItem(request, next, 'bulk.item.retried', { detail: `attempt ${next.attempts}: the answer of the previous attempt was not stored` });
        }
      }
    }
    return claimed;
  }

  private async send(request: RevokeRequest, items: readonly BulkItem[]): Promise<BatchRevokeResult[]> {
    try {
      return await this.deps.revokes.revokeBatch(items.map((item) => ({ profileId: item.profileId, ...(item.kind ? { kind: item.kind } : {}) })));
    } catch (error) {
      this.deps.logger.error('bulk batch call threw an unexpected error', { requestId: request.id, error });
      const failure: RevokeFailure = { kind: 'unknown', message: UNEXPECTED_FAILURE_MESSAGE };
      return items.map((item) => ({ profileId: item.profileId, ok: false, throttled: false, failure }));
    }
  }

  /** Each answered item: revoked, failed, or pending again after its own 429. Returns the stored items by profile id. */
  private async storeResults(request: RevokeRequest, sent: readonly BulkItem[], results: readonly BatchRevokeResult[]): Promise<Map<string, BulkItem>> {
    const stored = new Map<string, BulkItem>();
    const maxThrottled = this.deps.maxThrottledAttempts ?? 8;
    const at = this.nowIso();
    for (const [index, item] of sent.entries()) {
      const result = results[index];
      let next: BulkItem;
      if (result?.ok) {
        next = changedItem(item, { state: 'revoked', at, ...ids(result.graphRequestId, result.clientRequestId) });
      } else if (result && result.throttled && item.attempts < maxThrottled) {
        const seconds = result.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
        next = changedItem(item, { state: 'pending', notBefore: new Date(this.deps.clock.now().getTime() + seconds * 1000).toISOString() });
        this.deps.logger.info('bulk item throttled; retried alone after its Retry-After', { requestId: request.id, profileId: item.profileId, retryAfterSeconds: seconds });
      } else {
        const failure = result?.failure ?? { kind: 'unknown' as const, message: UNEXPECTED_FAILURE_MESSAGE };
        next = changedItem(item, { state: 'failed', at, failure, ...ids(failure.graphRequestId, failure.clientRequestId) });
      }
      if (!(await this.deps.items.replace(next, item.version))) continue;
      stored.set(next.profileId, next);
      if (next.state === 'revoked') await this.auditItem(request, next, 'bulk.item.revoked', { outcome: 'succeeded' });
      if (next.state === 'failed') await this.auditItem(request, next, 'bulk.item.failed', { outcome: next.failure!.kind, detail: next.failure!.message });
    }
    return stored;
  }

  /** The request's outcome (succeeded when every profile was revoked), then the final tally posted. */
  private async finish(request: RevokeRequest, items: readonly BulkItem[]): Promise<RevokeRequest | undefined> {
    const tally = tallyOf(items);
    const failure = tally.failed > 0 ? failureOfTally(items, tally) : undefined;
    const outcome = { at: this.nowIso(), attempts: request.executionAttempts ?? 1, ...(failure ? { failure } : {}) };
    const finished = await this.leases.whileHeld(request.id, (current) => {
      if (current.state !== 'executing') return undefined;
      const next: RevokeRequest = { ...applyEvent(current, { type: failure ? 'fail' : 'succeed', outcome }), resultToPost: true, lease: this.leases.newLease() };
      const audit = this.entry(next, {
        action: failure ? 'revoke.failed' : 'revoke.succeeded',
        outcome: failure ? 'partly-failed' : 'succeeded',
        detail: `${tally.revoked} of ${tally.total} revoked, ${tally.failed} failed`,
      });
      return { next, audit: [audit] };
    });
    if (!finished) {
      this.deps.logger.warn('bulk result not stored: the request was taken over by another instance', { requestId: request.id });
      return undefined;
    }
    this.deps.logger.info('bulk outcome stored', { requestId: finished.id, state: finished.state, ...tally });
    return this.postResult(finished, items);
  }

  private async postRecovered(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    if (this.stopped) return undefined;
    const claimed = await this.leases.claim(seen, (current, lease) =>
      current.resultToPost && isFinal(current.state) ? { next: { ...current, version: current.version + 1, lease } } : undefined,
    );
    if (!claimed) return undefined;
    return this.postResult(claimed.next, await this.deps.items.list(seen.id));
  }

  private async postResult(finished: RevokeRequest, items: readonly BulkItem[]): Promise<RevokeRequest> {
    const shown = await this.showProgress(finished, items, true);
    try {
      await this.deps.notifier.approvalCardChanged(shown);
    } catch (error) {
      this.deps.logger.warn('could not update the approval card of a bulk revoke', { requestId: finished.id, error });
    }
    const cleared = await this.leases.whileHeld(finished.id, (current) => {
      if (!current.resultToPost) return undefined;
      const { resultToPost: _posted, lease: _done, ...rest } = current;
      return { next: { ...rest, version: current.version + 1 } };
    });
    this.deps.logger.info('bulk result posted', { requestId: finished.id });
    return cleared ?? shown;
  }

  /** Posts or updates the progress card; the first post's activity id is stored on the request (under the lease). */
  private async showProgress(request: RevokeRequest, items: readonly BulkItem[], final: boolean): Promise<RevokeRequest> {
    let activityId: string | undefined;
    try {
      activityId = await this.deps.notifier.bulkProgress(request, items, final);
    } catch (error) {
      this.deps.logger.warn('could not show bulk progress', { requestId: request.id, error });
      return request;
    }
    if (!activityId || activityId === request.location.progressActivityId) return request;
    const stored = await this.leases.whileHeld(request.id, (current) => ({
      next: { ...current, version: current.version + 1, location: { ...current.location, progressActivityId: activityId } },
    }));
    return stored ?? request;
  }

  private async giveBack(requestId: string, why: string): Promise<undefined> {
    this.deps.logger.info('bulk revoke left for another instance', { requestId, why });
    await this.leases.release(requestId).catch(() => undefined);
    return undefined;
  }

  private async auditItem(request: RevokeRequest, item: BulkItem, action: AuditAction, extra: Partial<AuditEntry>): Promise<void> {
    try {
      await this.deps.audit.append({
        at: this.nowIso(),
        action,
        actorId: SYSTEM_ACTOR,
        tenantId: request.tenantId,
        requestId: request.id,
        profileId: item.profileId,
        ...ids(item.graphRequestId, item.clientRequestId),
        ...extra,
        detail: [item.displayName, extra.detail].filter(Boolean).join(': '),
      });
    } catch (error) {
      this.deps.logger.error('could not audit a bulk item', { requestId: request.id, profileId: item.profileId, error });
    }
  }


  private entry(request: RevokeRequest, entry: Omit<AuditEntry, 'at' | 'seq' | 'actorId'>): AuditEntry {
    return { at: this.nowIso(), actorId: SYSTEM_ACTOR, ...about(request), ...entry };
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

function ids(graphRequestId: string | undefined, clientRequestId: string | undefined) {
  return { ...(graphRequestId ? { graphRequestId } : {}), ...(clientRequestId ? { clientRequestId } : {}) };
}

function failureOfTally(items: readonly BulkItem[], tally: BulkTally): RevokeFailure {
  const first = items.find((item) => item.state === 'failed')?.failure;
  return { kind: first?.kind ?? 'unknown', message: `${tally.failed} of ${tally.total} profiles could not be revoked.` };
}
