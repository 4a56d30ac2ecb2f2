import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';

export interface RetryBounds {
  /** Retries after the first attempt (429/503/504 only). */
  maxRetries: number;
  /** Longest single wait. A Retry-After above it is not waited for: the call fails as throttled. */
  maxWaitSeconds: number;
}

/** At most 3 retries of at most 10 s each: a throttled revoke ends within ~30 s plus the attempts. */
export const DEFAULT_RETRY_BOUNDS: RetryBounds = { maxRetries: 3, maxWaitSeconds: 10 };

/**
 * RetryHandlerOptions whose waits are bounded. The stock options cap a wait at 180 s and wait for any
 * Retry-After; a person is watching the approval card, so we would rather fail fast and say "throttled,
 * try again in N s" than hold the request for minutes.
 */
export function boundedRetryOptions(bounds: RetryBounds = DEFAULT_RETRY_BOUNDS): RetryHandlerOptions {
  const shouldRetry = (_delay: number, _attempt: number, _request: unknown, _options: unknown, response: Response): boolean => {
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    return retryAfter === undefined || retryAfter <= bounds.maxWaitSeconds;
  };
  const options = new RetryHandlerOptions(2, bounds.maxRetries, shouldRetry);
  // RetryHandler caps each wait at getMaxDelay() plus up to 1 s of jitter. It copies the options with
  // Object.assign for every request, so this must be an own property, not a subclass method.
  const maxDelay = Math.max(0, bounds.maxWaitSeconds - 1);
  Object.assign(options, { getMaxDelay: () => maxDelay });
  return options;
}

/** Retry-After as seconds (delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
