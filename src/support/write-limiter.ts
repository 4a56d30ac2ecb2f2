/**
 * A client-side sliding-window limit on Graph writes: at most `limit` writes in any `windowMs`
 * (Intune: 100 writes per 20 s per app per tenant, GRAPH_WRITES_PER_20S). A write counts from when
 * its answer arrived, not from when it was sent: the service counted it on arrival, somewhere in
 * between, so counting from the answer can never end a window earlier than the service does, and a
 * healthy run gets no 429 at all. Writes in flight hold their slots until answered.
 * Callers are served in arrival order.
 */
export interface WriteLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a caller holds while its writes are in flight: call `done` when their answers arrived. */
export interface WriteSlots {
  done(): void;
}

interface Spent {
  count: number;
  /** When the answer arrived (ms); undefined while in flight. */
  answeredAt?: number;
}

const IN_FLIGHT_POLL_MS = 25;

export class WriteLimiter {
  private readonly spent: Spent[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: WriteLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error(`A write limit must be a whole number ≥ 1 (got ${options.limit}).`);
    if (!(options.windowMs > 0)) throw new Error('A write window must be positive.');
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Waits until `count` more writes fit in the window, then holds their slots. */
  acquire(count: number): Promise<WriteSlots> {
    if (!Number.isInteger(count) || count < 1 || count > this.options.limit) {
      return Promise.reject(new Error(`Cannot take ${count} writes at once with a limit of ${this.options.limit}.`));
    }
    const turn = this.queue.then(() => this.waitFor(count));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How many writes the window holds right now (answered within it, or in flight). */
  inWindow(): number {
    this.forgetExpired();
    return this.spent.reduce((sum, s) => sum + s.count, 0);
  }

  private async waitFor(count: number): Promise<WriteSlots> {
    for (;;) {
      const wait = this.waitBefore(count);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const spent: Spent = { count };
    this.spent.push(spent);
    let answered = false;
    return {
      done: () => {
        if (answered) return;
        answered = true;
        spent.answeredAt = this.now();
      },
    };
  }

  /** 0 when `count` writes fit now; else how long until enough of the oldest leave the window. */
  private waitBefore(count: number): number {
    this.forgetExpired();
    let used = this.spent.reduce((sum, s) => sum + s.count, 0);
    if (used + count <= this.options.limit) return 0;
    const answered = this.spent.filter((s) => s.answeredAt !== undefined).sort((a, b) => a.answeredAt! - b.answeredAt!);
    for (const s of answered) {
      used -= s.count;
      if (used + count <= this.options.limit) return Math.max(1, s.answeredAt! + this.options.windowMs - this.now());
    }
    // Only writes still in flight can free the room: look again shortly.
    return IN_FLIGHT_POLL_MS;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (let i = this.spent.length - 1; i >= 0; i--) {
      const at = this.spent[i].answeredAt;
      if (at !== undefined && at + this.options.windowMs <= now) this.spent.splice(i, 1);
    }
  }
}
