/**
 * One log line per kind of event per window, however often it happens: what anyone on the
 * internet can trigger (rejected tokens, activities from other tenants) must not flood the log.
 * The next line after a quiet window says how many were not logged.
 */
import { systemClock, type Clock } from './clock';
import type { Logger } from './logger';

export class RateLimitedLog {
  private readonly windows = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = 60_000,
    private readonly clock: Clock = systemClock,
  ) {}

  warn(message: string, fields: Record<string, unknown> = {}): void {
    const now = this.clock.now().getTime();
    const window = this.windows.get(message);
    if (window && window.until > now) {
      window.suppressed++;
      return;
    }
    const suppressed = window?.suppressed ?? 0;
    this.windows.set(message, { until: now + this.windowMs, suppressed: 0 });
    this.logger.warn(message, { ...fields, ...(suppressed ? { notLoggedSinceLastLine: suppressed } : {}), loggedAtMostEverySeconds: this.windowMs / 1000 });
  }
}
