import type { AuditLog } from './audit-log';
import { systemClock, type Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import type { ApprovalService } from './approval-service';
import { notifySafely, type OutcomeNotifier } from './outcome-notifier';

export interface ExpirySweeperDeps {
  service: ApprovalService;
  notifier: OutcomeNotifier;
  logger: Logger;
  intervalMs: number;
  /** Where notification failures are audited; optional. */
  audit?: AuditLog;
  clock?: Clock;
}

/**
 * Expires overdue pending requests on a timer and updates their cards. Clicks on an overdue card
 * expire it lazily anyway (ApprovalService.decide); the sweeper makes the card say so without a click.
 * Safe to run in several processes: only the compare-and-set winner notifies.
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(private readonly deps: ExpirySweeperDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
    // The sweeper alone must not keep the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Expires what is overdue now and notifies; returns how many requests this call expired. */
  async sweepOnce(): Promise<number> {
    const expired = await this.deps.service.expireOverdue();
    const notifyDeps = { ...this.deps, clock: this.deps.clock ?? systemClock };
    for (const request of expired) await notifySafely('requestDecided', request, notifyDeps);
    if (expired.length > 0) this.deps.logger.info('expired overdue requests', { count: expired.length });
    return expired.length;
  }

  /** One timer tick; skipped while the previous sweep is still running. */
  private async tick(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sweepOnce();
    } catch (error) {
      this.deps.logger.error('expiry sweep failed', { error });
    } finally {
      this.sweeping = false;
    }
  }
}
