import type { AuditEntry, AuditLog } from './audit-log';
import { GraphFailure, type EnrollmentProfiles } from './enrollment-profiles';
import type { RequestStore } from './request-store';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../support/clock';
import { ConcurrencyLimit } from '../support/concurrency-limit';
import { RequestWork } from './request-work';
import type { Logger } from '../support/logger';
import { about, SYSTEM_ACTOR } from './audit-fields';
import { notifySafely, type OutcomeNotifier } from './outcome-notifier';
import {
  applyEvent,
  canApply,
  isFinal,
  UNFINISHED_STATES,
  type ProfileKind,
  type RevokeFailure,
  type RevokeOutcome,
  type RevokeRequest,
  type RotationProgress,
} from './revoke-request';
import type { RevokeCall } from './enrollment-profiles';
import { WorkLeases, type Heartbeat } from './work-lease';

export type { OutcomeNotifier } from './outcome-notifier';

export interface RevokeExecutorDeps {
  requests: RequestStore;
  audit: AuditLog;
  profiles: EnrollmentProfiles;
  notifier: OutcomeNotifier;
  clock: Clock;
  logger: Logger;
  /**
   * How many revokes call Graph at once. Approvals are answered at once whatever this is; the
   * limit keeps a burst from opening a Graph connection each (Intune throttles writes per app
   * anyway) and keeps the bot's CPU for answering Teams. Default 4.
   */
  maxConcurrentRevokes?: number;
  /** This process's lease owner id (unique per process run). Default: a random one. */
  instanceId?: string;
  /** LEASE_SECONDS: how long a claim lasts without a heartbeat. Default 30. */
  leaseSeconds?: number;
  /** ROTATE_TOKEN_DAYS: how long the token a rotation creates is valid. Default 90. */
  rotateTokenDays?: number;
}

export const SECONDS_PER_DAY = 86_400;
export const DEFAULT_ROTATE_TOKEN_DAYS = 90;

/** The recovery loop looks for work whose owner stopped renewing this often (as a share of the lease). */
const RECOVERY_SHARE_OF_LEASE = 1 / 2;
/** Half-done writes (a crash between a write and its audit flush) are rare: looked for every few rounds. */
const UNFINISHED_WRITES_EVERY_ROUNDS = 5;
/** Spreads the instances' recovery rounds so they do not all hit storage at the same moment. */
const RECOVERY_JITTER_MS = 250;
const UNEXPECTED_FAILURE_MESSAGE = 'The revoke call failed unexpectedly. See the service log.';

/**
 * Carries out approved revokes, exactly once across instances, restarts and crashes.
 * - Claiming (approved → executing) stores this instance as the lease owner, with the audit line,
 *   in one compare-and-set: of any number of callers — retried invokes, several instances — one wins.
 * - A heartbeat renews the lease while the work runs; the lease is renewed once more right before
 *   revokeToken is called, so a caller that lost its lease (frozen, cut off) never calls Graph.
 * - The outcome, `resultToPost` and the audit line are one write, still under the lease; posting
 *   the result runs under it too and clears it with `resultToPost`.
 * - Every instance runs a recovery loop: work whose lease expired (its owner died) is taken over
 *   by whoever sees it first, within about one lease period; a live lease is never taken. A
 *   revokeToken call is repeated only after its owner stopped renewing, audited as 'revoke.retried'
 *   (revoking an already revoked token changes nothing).
 * - stop() (SIGTERM) finishes what runs, starts nothing new, and leaves queued work unclaimed, so
 *   another instance takes it at once.
 */
export class RevokeExecutor {
  /** Requests this instance has queued or is working on: the recovery loop does not queue them twice. */
  private readonly work: RequestWork;
  private readonly limit: ConcurrencyLimit;
  private readonly leases: WorkLeases<RevokeRequest>;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private stopped = false;
  private rounds = 0;

  constructor(private readonly deps: RevokeExecutorDeps) {
    this.work = new RequestWork(deps.logger, 'revoke execution failed');
    this.limit = new ConcurrencyLimit(deps.maxConcurrentRevokes ?? 4);
    this.leases = new WorkLeases({
      store: deps.requests,
      clock: deps.clock,
      owner: deps.instanceId ?? `instance-${randomUUID()}`,
      leaseMs: (deps.leaseSeconds ?? 30) * 1000,
    });
  }

  /** This instance's lease owner id. */
  get instanceId(): string {
    return this.leases.owner;
  }

  /** Revokes an approved request. Undefined when this caller did not win the claim (or lost the request to a takeover). */
  async execute(requestId: string): Promise<RevokeRequest | undefined> {
    const current = await this.deps.requests.get(requestId);
    // revoke-matching requests are the bulk executor's (bulk-revoke-executor.ts).
    if (!current || current.state !== 'approved' || current.operation === 'revoke-matching') return undefined;
    return this.claimAndRun(current);
  }

  /** Start-up: one recovery round (awaited), then the recovery loop in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.resumeUnfinished();
    const every = Math.max(100, Math.floor(this.leases.leaseMs * RECOVERY_SHARE_OF_LEASE));
    this.recoveryTimer = setInterval(() => void this.recoverInBackground(), every);
    this.recoveryTimer.unref();
  }

  /**
   * One recovery round: finish half-done writes, then take every piece of work that is free —
   * approved and unclaimed, executing or unposted with an expired lease — and wait for it.
   */
  async resumeUnfinished(): Promise<void> {
    const started = await this.recoverOnce();
    await Promise.all(started);
  }

  /** Runs `execute` in the background (after the current I/O callbacks) and keeps track of it for `drain`. */
  schedule(requestId: string): void {
    // Each step is one log line: operators can follow a revoke, and the crash tests stop the process at each.
    this.deps.logger.info('revoke scheduled', { requestId });
    this.work.run(requestId, () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.limit.run(() => this.execute(requestId))));
  }

  /**
   * For a graceful shutdown: the recovery loop stops, revokes still waiting for a slot are not
   * started (unclaimed, so another instance takes them at once), the ones already running are
   * finished and their leases cleared.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.limit.queued > 0) this.deps.logger.info('leaving queued revokes to the other instances', { queued: this.limit.queued });
    this.limit.close();
    await this.recovering?.catch(() => undefined);
    await this.drain();
  }

  /** Resolves when every scheduled or resumed execution has ended. */
  async drain(): Promise<void> {
    await this.work.drain();
  }

  get inFlightCount(): number {
    return this.work.size;
  }

  private recoverInBackground(): void {
    if (this.stopped || this.recovering) return;
    this.recovering = new Promise<void>((resolve) => setTimeout(resolve, Math.random() * RECOVERY_JITTER_MS))
      .then(() => this.recoverOnce())
      .then(
        () => undefined,
        (error: unknown) => this.deps.logger.warn('recovery round failed; trying again', { error }),
      )
      .finally(() => (this.recovering = undefined));
  }

  /** Queues every free piece of work; returns the queued tasks. */
  private async recoverOnce(): Promise<Promise<void>[]> {
    if (this.stopped) return [];
    try {
      if (this.rounds++ % UNFINISHED_WRITES_EVERY_ROUNDS === 0) await this.deps.requests.completeUnfinishedWrites();
    } catch (error) {
      this.deps.logger.warn('could not complete unfinished writes; trying again later', { error });
    }
    const unfinished = await this.deps.requests.listByState(UNFINISHED_STATES);
    const unposted = await this.deps.requests.listResultsToPost();
    const started: Promise<void>[] = [];
    let earliestForeignExpiry = Number.POSITIVE_INFINITY;
    for (const request of [...unfinished, ...unposted]) {
      if (this.work.isBusy(request.id) || request.operation === 'revoke-matching') continue;
      if (!this.leases.isFree(request)) {
        earliestForeignExpiry = Math.min(earliestForeignExpiry, Date.parse(request.lease!.expiresAt));
        continue;
      }
      const work = () => {
        if (request.state === 'approved') return this.execute(request.id);
        if (request.state === 'executing') return this.claimAndRun(request);
        return this.postRecovered(request);
      };
      const running = this.work.run(request.id, () => this.limit.run(work));
      if (running) started.push(running);
    }
    this.wakeAt(earliestForeignExpiry);
    return started;
  }

  /** A live lease seen in a round is looked at again right when it expires, not a round later. */
  private wakeAt(expiresAt: number): void {
    if (!Number.isFinite(expiresAt) || this.stopped || this.wakeTimer) return;
    const delay = Math.max(0, expiresAt - this.deps.clock.now().getTime()) + Math.random() * RECOVERY_JITTER_MS;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.recoverInBackground();
    }, delay);
    this.wakeTimer.unref();
  }

  /**
   * start-execution under a new lease, by compare-and-set, with its audit line. Goes ahead only
   * while the request is still in the state and claim generation we saw and its lease is free, so
   * a lost race ends the attempt instead of claiming twice.
   */
  private async claimAndRun(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    if (this.stopped) return undefined;
    const claimed = await this.leases.claim(seen, (current, lease) => {
      if (current.state !== seen.state || attemptsOf(current) !== attemptsOf(seen) || !canApply(current, 'start-execution')) return undefined;
      const next: RevokeRequest = { ...applyEvent(current, { type: 'start-execution', at: this.nowIso() }), lease };
      const takeover = current.state === 'executing';
      const audit = takeover
        ? this.entry(next, {
            action: 'revoke.retried',
            detail:
              `attempt ${next.executionAttempts}: ${current.lease ? `the lease of ${current.lease.owner} expired` : 'its owner left no lease'}` +
              (current.operation === 'rotate' ? `; the rotation resumes at ${nextRotationStep(current.rotation)}` : ''),
          })
        : this.entry(next, { action: 'revoke.started' });
      return { next, audit: [audit] };
    });
    if (!claimed) return undefined;
    return this.underLease(claimed.next, (heartbeat) => this.run(claimed.next, heartbeat));
  }

  /** Runs `work` with a heartbeat on the lease just claimed. */
  private async underLease(claimed: RevokeRequest, work: (heartbeat: Heartbeat<RevokeRequest>) => Promise<RevokeRequest | undefined>): Promise<RevokeRequest | undefined> {
    const heartbeat = this.leases.heartbeat(claimed, (error) => this.deps.logger.warn('could not renew a lease; trying again', { requestId: claimed.id, error }));
    try {
      return await work(heartbeat);
    } finally {
      await heartbeat.stop();
    }
  }

  private async run(claimed: RevokeRequest, heartbeat: Heartbeat<RevokeRequest>): Promise<RevokeRequest | undefined> {
    this.deps.logger.info('revoke claimed', { requestId: claimed.id, attempt: attemptsOf(claimed), instanceId: this.leases.owner });
    // Awaited before Graph is called, so that the "revoking…" card cannot overwrite the final one.
    await notifySafely('requestDecided', claimed, this.deps);
    let outcome: RevokeOutcome;
    let newTokenExpiresAt: string | null | undefined;
    if (claimed.operation === 'rotate') {
      const rotated = await this.rotate(claimed, heartbeat);
      if (!rotated) return undefined;
      ({ outcome, newTokenExpiresAt } = rotated);
    } else {
      if (!(await this.renewBeforeGraph(claimed, heartbeat))) return undefined;
      outcome = await this.callGraph(claimed, () => this.deps.profiles.revokeToken(claimed.profile.id, kindOf(claimed)));
      this.deps.logger.info('graph answered', { requestId: claimed.id, graphRequestId: outcome.graphRequestId, clientRequestId: outcome.clientRequestId, failureKind: outcome.failure?.kind });
    }
    const finished = await this.leases.whileHeld(claimed.id, (current) => {
      if (current.state !== 'executing' || attemptsOf(current) !== attemptsOf(claimed)) return undefined;
      const next: RevokeRequest = {
        ...applyEvent(current, { type: outcome.failure ? 'fail' : 'succeed', outcome }),
        ...(newTokenExpiresAt !== undefined ? { rotation: { ...current.rotation, newTokenExpiresAt } } : {}),
        resultToPost: true,
        lease: this.leases.newLease(),
      };
      const audit = this.entry(next, {
        action: outcome.failure ? 'revoke.failed' : 'revoke.succeeded',
        outcome: outcome.failure ? outcome.failure.kind : 'succeeded',
        ...(outcome.graphRequestId ? { graphRequestId: outcome.graphRequestId } : {}),
        ...(outcome.clientRequestId ? { clientRequestId: outcome.clientRequestId } : {}),
        ...(outcome.failure ? { detail: outcome.failure.message } : next.operation === 'rotate' ? { detail: rotationDetail(next.rotation) } : {}),
      });
      return { next, audit: [audit] };
    });
    if (!finished) {
      // Keep our call's result in the log: the audit will carry the other executor's.
      this.deps.logger.warn('revoke result not stored: the request was taken over by another instance', {
        requestId: claimed.id,
        graphRequestId: outcome.graphRequestId,
        clientRequestId: outcome.clientRequestId,
        failureKind: outcome.failure?.kind,
      });
      return undefined;
    }
    this.deps.logger.info('outcome stored', { requestId: finished.id, state: finished.state });
    return this.postResult(finished);
  }

  /** A finished request whose poster stopped renewing: take its lease, then post. */
  private async postRecovered(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    if (this.stopped) return undefined;
    const claimed = await this.leases.claim(seen, (current, lease) =>
      current.resultToPost && isFinal(current.state) ? { next: { ...current, version: current.version + 1, lease } } : undefined,
    );
    if (!claimed) return undefined;
    return this.underLease(claimed.next, () => this.postResult(claimed.next));
  }

  /** Tells the conversation the result, then clears resultToPost and the lease (a Teams refusal is audited, not retried). */
  private async postResult(finished: RevokeRequest): Promise<RevokeRequest> {
    this.deps.logger.info('posting result', { requestId: finished.id });
    await notifySafely('revokeFinished', finished, this.deps);
    const cleared = await this.leases.whileHeld(finished.id, (current) => {
      if (!current.resultToPost) return undefined;
      const { resultToPost: _posted, lease: _done, ...rest } = current;
      return { next: { ...rest, version: current.version + 1 } };
    });
    if (cleared) {
      this.deps.logger.info('result posted', { requestId: cleared.id });
      return cleared;
    }
    this.deps.logger.warn('could not record that the result was posted: the lease was taken over', { requestId: finished.id });
    return finished;
  }

  /** The lease renewed right before a Graph call, so a caller that lost it (frozen, cut off) never calls. */
  private async renewBeforeGraph(claimed: RevokeRequest, heartbeat: Heartbeat<RevokeRequest>): Promise<boolean> {
    if (await heartbeat.renewNow()) return true;
    this.deps.logger.warn('lease lost before calling Graph: another instance has the revoke', { requestId: claimed.id });
    return false;
  }

  /**
   * revokeToken, then createToken with ROTATE_TOKEN_DAYS, then one GET for the new expiry. Each of
   * the two writes is stored as a step (with its audit line) the moment it answers, under the lease;
   * what is already stored (a crash, a takeover) is skipped. Undefined when the lease was lost:
   * whoever has it carries on from the last stored step.
   */
  private async rotate(claimed: RevokeRequest, heartbeat: Heartbeat<RevokeRequest>): Promise<{ outcome: RevokeOutcome; newTokenExpiresAt?: string | null } | undefined> {
    const kind = kindOf(claimed);
    let current = claimed;
    if (!current.rotation?.revoked) {
      if (!(await this.renewBeforeGraph(current, heartbeat))) return undefined;
      const revoked = await this.callGraph(current, () => this.deps.profiles.revokeToken(current.profile.id, kind));
      this.deps.logger.info('graph answered', { requestId: current.id, call: 'revokeToken', graphRequestId: revoked.graphRequestId, clientRequestId: revoked.clientRequestId, failureKind: revoked.failure?.kind });
      if (revoked.failure) return { outcome: revoked };
      const stored = await this.recordStep(claimed, 'revoked', { at: revoked.at, ...idsOf(revoked) });
      if (!stored) return undefined;
      current = stored;
      // The card says the old token is dead while the new one is being created (and after a crash here).
      await notifySafely('requestDecided', current, this.deps);
    }
    if (!current.rotation?.created) {
      const validitySeconds = this.rotateTokenSeconds();
      if (!(await this.renewBeforeGraph(current, heartbeat))) return undefined;
      const created = await this.callGraph(current, () => this.deps.profiles.createToken(current.profile.id, validitySeconds, kind));
      this.deps.logger.info('graph answered', { requestId: current.id, call: 'createToken', graphRequestId: created.graphRequestId, clientRequestId: created.clientRequestId, failureKind: created.failure?.kind });
      if (created.failure) return { outcome: created };
      const stored = await this.recordStep(claimed, 'created', { at: created.at, validitySeconds, ...idsOf(created) });
      if (!stored) return undefined;
      current = stored;
    }
    if (!(await this.renewBeforeGraph(current, heartbeat))) return undefined;
    const newTokenExpiresAt = await this.readNewExpiry(current, kind);
    const createdStep = current.rotation?.created;
    return {
      outcome: {
        at: this.nowIso(),
        attempts: attemptsOf(current),
        ...(createdStep?.graphRequestId ? { graphRequestId: createdStep.graphRequestId } : {}),
        ...(createdStep?.clientRequestId ? { clientRequestId: createdStep.clientRequestId } : {}),
      },
      newTokenExpiresAt,
    };
  }

  /** The one GET after createToken; null when it fails (the rotation itself succeeded: the result says to look in Intune). */
  private async readNewExpiry(request: RevokeRequest, kind: ProfileKind): Promise<string | null> {
    try {
      const profile = await this.deps.profiles.get(request.profile.id, kind);
      this.deps.logger.info('graph answered', { requestId: request.id, call: 'get', found: Boolean(profile) });
      return profile?.tokenExpirationDateTime ?? null;
    } catch (error) {
      this.deps.logger.warn('could not read the new token expiry', { requestId: request.id, failureKind: error instanceof GraphFailure ? error.failure.kind : 'unknown' });
      return null;
    }
  }

  /** Stores one finished rotation step with its audit line, while the lease and this claim are still ours. */
  private async recordStep(
    claimed: RevokeRequest,
    step: 'revoked' | 'created',
    done: NonNullable<RotationProgress['revoked']> | NonNullable<RotationProgress['created']>,
  ): Promise<RevokeRequest | undefined> {
    const stored = await this.leases.whileHeld(claimed.id, (current) => {
      if (current.state !== 'executing' || attemptsOf(current) !== attemptsOf(claimed) || current.rotation?.[step]) return undefined;
      const next: RevokeRequest = { ...current, version: current.version + 1, rotation: { ...current.rotation, [step]: done }, lease: this.leases.newLease() };
      const audit = this.entry(next, {
        action: step === 'revoked' ? 'rotate.revoked' : 'rotate.created',
        outcome: 'succeeded',
        ...(done.graphRequestId ? { graphRequestId: done.graphRequestId } : {}),
        ...(done.clientRequestId ? { clientRequestId: done.clientRequestId } : {}),
        ...('validitySeconds' in done ? { detail: `tokenValidityInSeconds ${done.validitySeconds}` } : {}),
      });
      return { next, audit: [audit] };
    });
    // One line per step (its own message): operators follow a rotation, and the crash tests stop the process at each.
    if (stored) this.deps.logger.info(step === 'revoked' ? 'rotation revoke stored' : 'rotation create stored', { requestId: claimed.id });
    else this.deps.logger.warn('rotation step not stored: the request was taken over by another instance', { requestId: claimed.id, step });
    return stored;
  }

  private rotateTokenSeconds(): number {
    return (this.deps.rotateTokenDays ?? DEFAULT_ROTATE_TOKEN_DAYS) * SECONDS_PER_DAY;
  }

  private async callGraph(claimed: RevokeRequest, call: () => Promise<RevokeCall>): Promise<RevokeOutcome> {
    const attempts = attemptsOf(claimed);
    try {
      const { graphRequestId, clientRequestId } = await call();
      return { at: this.nowIso(), attempts, ...(graphRequestId ? { graphRequestId } : {}), ...(clientRequestId ? { clientRequestId } : {}) };
    } catch (error) {
      const failure = this.toFailure(error, claimed);
      return {
        at: this.nowIso(),
        attempts,
        failure,
        ...(failure.graphRequestId ? { graphRequestId: failure.graphRequestId } : {}),
        ...(failure.clientRequestId ? { clientRequestId: failure.clientRequestId } : {}),
      };
    }
  }

  private toFailure(error: unknown, claimed: RevokeRequest): RevokeFailure {
    if (error instanceof GraphFailure) return error.failure;
    // Not a translated Graph answer (a bug, a network library surprise): keep details in the log only.
    this.deps.logger.error('revoke call threw an unexpected error', { requestId: claimed.id, error });
    return { kind: 'unknown', message: UNEXPECTED_FAILURE_MESSAGE };
  }


  private entry(request: RevokeRequest, entry: Omit<AuditEntry, 'at' | 'seq' | 'actorId'>): AuditEntry {
    return { at: this.nowIso(), actorId: SYSTEM_ACTOR, ...about(request), ...entry };
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

function attemptsOf(request: RevokeRequest): number {
  return request.executionAttempts ?? 0;
}

function kindOf(request: RevokeRequest): ProfileKind {
  return request.profile.kind ?? 'device-owner';
}

function idsOf(outcome: RevokeOutcome): Pick<RevokeOutcome, 'graphRequestId' | 'clientRequestId'> {
  return {
    ...(outcome.graphRequestId ? { graphRequestId: outcome.graphRequestId } : {}),
    ...(outcome.clientRequestId ? { clientRequestId: outcome.clientRequestId } : {}),
  };
}

/** The first rotation step not stored yet, for the audit of a takeover. */
export function nextRotationStep(rotation: RotationProgress | undefined): 'revokeToken' | 'createToken' | 'get' {
  if (!rotation?.revoked) return 'revokeToken';
  if (!rotation.created) return 'createToken';
  return 'get';
}

/** The audit detail of a finished rotation: when the new token expires (never the token). */
function rotationDetail(rotation: RotationProgress | undefined): string {
  const expiry = rotation?.newTokenExpiresAt;
  return `rotated: the old token is revoked; the new token ${expiry ? `expires at ${expiry}` : 'expiry could not be read'}`;
}
