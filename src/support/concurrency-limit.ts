/**
 * Runs at most `max` tasks at once; the rest wait in arrival order. `close()` turns every waiting
 * (not yet started) task away, for a shutdown that should finish what runs and leave the rest.
 */
export class ConcurrencyLimit {
  private active = 0;
  private closed = false;
  private readonly waiting: { start: () => void; skip: () => void }[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`ConcurrencyLimit needs a whole number ≥ 1 (got ${max}).`);
  }

  /** The task's result, or `undefined` when the limit was closed before the task could start. */
  async run<T>(task: () => Promise<T>): Promise<T | undefined> {
    if (this.closed) return undefined;
    if (this.active >= this.max) {
      const started = await new Promise<boolean>((resolve) => this.waiting.push({ start: () => resolve(true), skip: () => resolve(false) }));
      if (!started) return undefined;
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `active` stays as it is.
      if (next) next.start();
      else this.active--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.skip();
  }
}
