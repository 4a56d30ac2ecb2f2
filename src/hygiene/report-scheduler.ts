/**
 * HYGIENE_REPORT_SCHEDULE: the hygiene report posted to the approvals channel once per schedule
 * slot, whichever instances run. Every instance looks every half lease period (and at start, which
 * is how a slot missed while all were down gets posted, once); ScheduledSlots decides who posts.
 * The timer only says when to look; the slot and its claim in storage say whether to post.
 */
import type { AuditLog } from '../approvals/audit-log';
import { ScheduledSlots, type ScheduledSlot, type ScheduledSlotStore, type SlotWorkResult } from '../approvals/scheduled-slots';
import type { Clock } from '../support/clock';
import { describeError } from '../support/describe-error';
import type { Logger } from '../support/logger';
import type { HygieneReport } from './hygiene-report';
import { reportPostedEntry } from './report-audit';

export const REPORT_JOB = 'hygiene-report';

export interface ReportSchedulerDeps {
  slots: ScheduledSlotStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** This instance's lease owner id. */
  owner: string;
  /** LEASE_SECONDS in ms. */
  leaseMs: number;
  /** HYGIENE_REPORT_SCHEDULE (cron, UTC). */
  pattern: string;
  /** The report now. Throws when Intune cannot be read (the slot is tried again). */
  buildReport(): Promise<HygieneReport>;
  /** Posts the report's card; resolves where (a conversation id), or undefined when the channel is not known yet. */
  post(report: HygieneReport, slot: Date): Promise<string | undefined>;
}

export class ReportScheduler {
  private readonly slots: ScheduledSlots;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(private readonly deps: ReportSchedulerDeps) {
    this.slots = new ScheduledSlots({
      store: deps.slots,
      clock: deps.clock,
      owner: deps.owner,
      leaseMs: deps.leaseMs,
      job: REPORT_JOB,
      pattern: deps.pattern,
      onError: (error, slot) => deps.logger.error('scheduled hygiene report failed', { slot: slot.slot, attempt: slot.attempts, error: describeError(error) }),
    });
  }

  /** Looks once now (a missed slot is posted here), then every half lease period. */
  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(1000, Math.floor(this.deps.leaseMs / 2)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  /** One look: posts the current slot's report if it is owed and this instance wins its claim. */
  runOnce(): Promise<ScheduledSlot | undefined> {
    return this.slots.runDue((slot, renewLease) => this.postFor(slot, renewLease));
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const run = this.runOnce()
      .catch((error: unknown) => this.deps.logger.warn('could not check the hygiene report schedule', { error: describeError(error) }))
      .finally(() => (this.busy = false));
    this.running = run;
    await run;
  }

  private async postFor(slot: Date, renewLease: () => Promise<boolean>): Promise<SlotWorkResult> {
    const report = await this.deps.buildReport();
    // The last moment to find out that another instance took the slot over: after this, we post.
    if (!(await renewLease())) throw new Error('The claim on this slot was taken over before posting.');
    const where = await this.deps.post(report, slot);
    if (!where) {
      this.deps.logger.warn('scheduled hygiene report not posted: the approvals channel (APPROVAL_CHANNEL_ID) is not known yet; add Token Guard to its team', {
        slot: slot.toISOString(),
      });
      return { state: 'skipped', outcome: 'channel-unknown' };
    }
    await this.deps.audit.append(reportPostedEntry({ report, where, at: this.deps.clock.now(), slot: slot.toISOString() }));
    this.deps.logger.info('scheduled hygiene report posted', { slot: slot.toISOString(), listed: report.rows.length });
    return { state: 'done', outcome: 'posted' };
  }
}
