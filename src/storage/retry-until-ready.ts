import { describeError } from '../support/describe-error';
import type { Logger } from '../support/logger';

export interface RetryOptions {
  logger: Logger;
  /** What is being waited for, for the log ("storage"). */
  what: string;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Stops retrying (the promise then rejects) once this returns true, e.g. on shutdown. */
  stopped?: () => boolean;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, waiting longer after each failure (exponential backoff with
 * jitter, capped). Start-up uses it so that an unreachable dependency delays readiness instead of
 * crashing the process into a restart loop.
 */
export async function retryUntilReady(attempt: () => Promise<void>, options: RetryOptions): Promise<void> {
  const first = options.firstDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let failures = 0; ; failures++) {
    try {
      await attempt();
      if (failures > 0) options.logger.info(`${options.what} is available`, { failedAttempts: failures });
      return;
    } catch (error) {
      if (options.stopped?.()) throw error;
      const delayMs = Math.round(Math.min(max, first * 2 ** failures) * (0.5 + random() / 2));
      options.logger.warn(`${options.what} unavailable; retrying`, { attempt: failures + 1, retryInMs: delayMs, error: describeError(error) });
      await sleep(delayMs);
      if (options.stopped?.()) throw error;
    }
  }
}
