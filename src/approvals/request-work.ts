import type { Logger } from '../support/logger';

/**
 * An executor's background work, at most one piece per request in this process: `run` skips a
 * request already being worked on here, forgets it once its work ends (a failure is logged, never
 * thrown: the recovery loop retries), and `drain` waits for everything started (SIGTERM, tests).
 * Across processes the lease (work-lease.ts) decides; this only keeps one process from racing itself.
 */
export class RequestWork {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly logger: Logger,
    /** The log line when a piece of work fails. */
    private readonly failureMessage: string,
  ) {}

  isBusy(requestId: string): boolean {
    return this.busy.has(requestId);
  }

  /** Starts `work` for the request now, unless this process already works on it (then undefined). */
  run(requestId: string, work: () => Promise<unknown>): Promise<void> | undefined {
    if (this.busy.has(requestId)) return undefined;
    this.busy.add(requestId);
    let started: Promise<unknown>;
    try {
      started = work();
    } catch (error) {
      started = Promise.reject(error);
    }
    const tracked: Promise<void> = started
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(this.failureMessage, { requestId, error }),
      )
      .finally(() => {
        this.inFlight.delete(tracked);
        this.busy.delete(requestId);
      });
    this.inFlight.add(tracked);
    return tracked;
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Resolves when every piece of work started so far, and any started meanwhile, has ended. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
