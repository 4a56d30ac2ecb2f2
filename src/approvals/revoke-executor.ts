import type { AuditEntry, AuditLog } from './audit-log';
import { GraphFailure, type EnrollmentProfiles } from './enrollment-profiles';
import type { RequestStore } from './request-store';
import type { Clock } from '../support/clock';
import { ConcurrencyLimit } from '../support/concurrency-limit';
import type { Logger } from '../support/logger';
import { about, SYSTEM_ACTOR } from './audit-fields';
import { notifySafely, type OutcomeNotifier } from './outcome-notifier';
import {
  applyEvent,
  isFinal,
  UNFINISHED_STATES,
  type RevokeFailure,
  type RevokeOutcome,
  type RevokeRequest,
} from './revoke-request';

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
}

const MAX_CAS_ATTEMPTS = 10;
/** How many of the latest finished revokes start-up looks at for a result a dead process did not post. */
const RECENT_RESULTS = 50;
const UNEXPECTED_FAILURE_MESSAGE = 'The revoke call failed unexpectedly. See the service log.';

/**
 * Carries out approved revokes. Claiming (approved → executing) is a compare-and-set, so of any number
 * of callers — retried invokes, several processes — exactly one calls Graph. A process that died
 * mid-call leaves 'executing' behind; `resumeUnfinished` re-claims it and calls revokeToken again,
 * which is safe because revoking an already revoked token changes nothing.
 */
export class RevokeExecutor {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly deps: RevokeExecutorDeps) {
    this.limit = new ConcurrencyLimit(deps.maxConcurrentRevokes ?? 4);
  }

  /** Revokes an approved request. Undefined when this caller did not win the claim (or lost the request to a re-claim). */
  async execute(requestId: string): Promise<RevokeRequest | undefined> {
    const current = await this.deps.requests.get(requestId);
    if (!current || current.state !== 'approved') return undefined;
    const claimed = await this.claim(current);
    if (!claimed) return undefined;
    await this.audit(claimed, { action: 'revoke.started' });
    return this.run(claimed);
  }

  /** At start-up: finish what a previous process left approved or executing, and post results it did not post. */
  async resumeUnfinished(): Promise<void> {
    const unfinished = await this.deps.requests.listByState(UNFINISHED_STATES);
    const unposted = await this.unpostedResults();
    await Promise.all([
      ...unfinished.map((request) => this.track(this.limit.run(() => (request.state === 'approved' ? this.execute(request.id) : this.retry(request))))),
      ...unposted.map((request) => this.track(this.postResult(request))),
    ]);
  }

  /** Runs `execute` in the background (after the current I/O callbacks) and keeps track of it for `drain`. */
  schedule(requestId: string): void {
    // Each step is one log line: operators can follow a revoke, and the crash tests stop the process at each.
    this.deps.logger.info('revoke scheduled', { requestId });
    void this.track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.limit.run(() => this.execute(requestId))));
  }

  /**
   * For a graceful shutdown: revokes still waiting for a slot are not started (they stay
   * 'approved' and the next start-up runs them); the ones already calling Graph are awaited.
   */
  async stop(): Promise<void> {
    if (this.limit.queued > 0) this.deps.logger.info('leaving queued revokes for the next start', { queued: this.limit.queued });
    this.limit.close();
    await this.drain();
  }

  /** Resolves when every scheduled or resumed execution has ended. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Re-claims a request left 'executing' by a dead process (only if nobody re-claimed it since `seen`). */
  private async retry(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    const claimed = await this.claim(seen);
    if (!claimed) return undefined;
    await this.audit(claimed, { action: 'revoke.retried', detail: `attempt ${claimed.executionAttempts}` });
    return this.run(claimed);
  }

  /**
   * start-execution by compare-and-set. Retries only while the request is still in the state and
   * claim generation we saw, so a lost race ends the attempt instead of claiming twice.
   */
  private async claim(seen: RevokeRequest): Promise<RevokeRequest | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 ? seen : await this.deps.requests.get(seen.id);
      if (!current || current.state !== seen.state || attemptsOf(current) !== attemptsOf(seen)) return undefined;
      const next = applyEvent(current, { type: 'start-execution', at: this.nowIso() });
      if (await this.deps.requests.replace(next, current.version)) return next;
    }
    return undefined;
  }

  private async run(claimed: RevokeRequest): Promise<RevokeRequest | undefined> {
    this.deps.logger.info('revoke claimed', { requestId: claimed.id, attempt: attemptsOf(claimed) });
    // Awaited before Graph is called, so that the "revoking…" card cannot overwrite the final one.
    await notifySafely('requestDecided', claimed, this.deps);
    const outcome = await this.callGraph(claimed);
    this.deps.logger.info('graph answered', { requestId: claimed.id, graphRequestId: outcome.graphRequestId, clientRequestId: outcome.clientRequestId, failureKind: outcome.failure?.kind });
    const finished = await this.finish(claimed, outcome);
    if (!finished) {
      // Keep our call's result in the log: the audit will carry the other executor's.
      this.deps.logger.warn('revoke result not stored', {
        requestId: claimed.id,
        graphRequestId: outcome.graphRequestId,
        clientRequestId: outcome.clientRequestId,
        failureKind: outcome.failure?.kind,
      });
      return undefined;
    }
    await this.audit(finished, {
      action: outcome.failure ? 'revoke.failed' : 'revoke.succeeded',
      outcome: outcome.failure ? outcome.failure.kind : 'succeeded',
      ...(outcome.graphRequestId ? { graphRequestId: outcome.graphRequestId } : {}),
      ...(outcome.clientRequestId ? { clientRequestId: outcome.clientRequestId } : {}),
      ...(outcome.failure ? { detail: outcome.failure.message } : {}),
    });
    this.deps.logger.info('outcome stored', { requestId: finished.id, state: finished.state });
    return this.postResult(finished);
  }

  /** Tells the conversation the result, then clears resultToPost (a Teams refusal is audited, not retried). */
  private async postResult(finished: RevokeRequest): Promise<RevokeRequest> {
    this.deps.logger.info('posting result', { requestId: finished.id });
    await notifySafely('revokeFinished', finished, this.deps);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 ? finished : await this.deps.requests.get(finished.id);
      if (!current?.resultToPost) return current ?? finished;
      const { resultToPost: _posted, ...rest } = current;
      const next: RevokeRequest = { ...rest, version: current.version + 1 };
      if (await this.deps.requests.replace(next, current.version)) {
        this.deps.logger.info('result posted', { requestId: next.id });
        return next;
      }
    }
    this.deps.logger.warn('could not record that the result was posted: the store kept changing', { requestId: finished.id });
    return finished;
  }

  /**
   * Finished requests whose result a dead process did not post. Found through the latest
   * revoke.succeeded/failed audit entries, so start-up does not read the whole history.
   */
  private async unpostedResults(): Promise<RevokeRequest[]> {
    const entries = await this.deps.audit.list({ actions: ['revoke.succeeded', 'revoke.failed'], limit: RECENT_RESULTS });
    const ids = [...new Set(entries.map((entry) => entry.requestId).filter((id): id is string => Boolean(id)))];
    const requests = await Promise.all(ids.map((id) => this.deps.requests.get(id)));
    return requests.filter((request): request is RevokeRequest => Boolean(request?.resultToPost && isFinal(request.state)));
  }

  private async callGraph(claimed: RevokeRequest): Promise<RevokeOutcome> {
    const attempts = attemptsOf(claimed);
    try {
      const { graphRequestId, clientRequestId } = await this.deps.profiles.revokeToken(claimed.profile.id);
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

  /** executing → succeeded | failed, unless another executor has re-claimed the request meanwhile. */
  private async finish(claimed: RevokeRequest, outcome: RevokeOutcome): Promise<RevokeRequest | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 ? claimed : await this.deps.requests.get(claimed.id);
      if (!current || current.state !== 'executing' || attemptsOf(current) !== attemptsOf(claimed)) {
        this.deps.logger.warn('the request was taken over by another executor', { requestId: claimed.id });
        return undefined;
      }
      const next: RevokeRequest = { ...applyEvent(current, { type: outcome.failure ? 'fail' : 'succeed', outcome }), resultToPost: true };
      if (await this.deps.requests.replace(next, current.version)) return next;
    }
    this.deps.logger.error('revoke result not stored: the store kept changing', { requestId: claimed.id });
    return undefined;
  }

  private track(work: Promise<unknown>): Promise<void> {
    const tracked: Promise<void> = work
      .then(
        () => undefined,
        (error: unknown) => this.deps.logger.error('revoke execution failed', { error }),
      )
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private audit(request: RevokeRequest, entry: Omit<AuditEntry, 'at' | 'seq' | 'actorId'>): Promise<void> {
    return this.deps.audit.append({ at: this.nowIso(), actorId: SYSTEM_ACTOR, ...about(request), ...entry });
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

function attemptsOf(request: RevokeRequest): number {
  return request.executionAttempts ?? 0;
}
