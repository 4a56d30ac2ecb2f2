/**
 * Work done once per slot of a cron schedule across every instance (the scheduled hygiene report).
 * No per-process timer decides: each instance looks, now and then, at the schedule's most recent
 * slot at or before now, and whoever creates that slot's claim in storage (insert-if-absent, keyed
 * by the slot) does the work, under a lease (work-lease.ts) that it renews while working. A poster
 * that dies before finishing stops renewing, and another instance takes the claim over. Slots
 * before the schedule was first seen are not owed; of the slots missed while every instance was
 * down only the most recent is done, at the next look (no burst).
 * Pure domain: the store, the clock and the work are passed in.
 */
import { Cron } from 'croner';
import type { Clock } from '../support/clock';
import { isLeaseFree, WorkLeases, type Lease, type LeaseStore } from './work-lease';

/**
 * 'claimed': someone is working on it (or died doing so: see the lease). 'done': the work happened.
 * 'skipped': nothing to do (e.g. nowhere to post), told once in the log. 'failed': gave up after
 * MAX_SLOT_ATTEMPTS. 'since': not a slot but the schedule's first sighting (slot = when).
 */
export type SlotState = 'claimed' | 'done' | 'skipped' | 'failed' | 'since';

export interface ScheduledSlot {
  /** `<job>@<slot ISO time>`, or `<job>@since`. */
  id: string;
  job: string;
  /** ISO-8601 UTC: the slot's time (for 'since': when the schedule was first seen). */
  slot: string;
  version: number;
  state: SlotState;
  lease?: Lease;
  /** How many times the work was started for this slot. */
  attempts: number;
  /** ISO-8601 UTC, when state became final. */
  finishedAt?: string;
  /** Short machine-readable result, e.g. 'posted', 'no-channel', the last error's kind. */
  outcome?: string;
}

/** Where slot claims live (storage/sqlite-scheduled-slots.ts, storage/azure-table-scheduled-slots.ts). */
export interface ScheduledSlotStore extends LeaseStore<ScheduledSlot> {
  get(id: string): Promise<ScheduledSlot | undefined>;
  /** Stores `slot` only if no record has its id: true for the one caller (of any instance) that created it. */
  insertIfAbsent(slot: ScheduledSlot): Promise<boolean>;
  /** Stores `next` only if the stored version is still `expectedVersion`. */
  replace(next: ScheduledSlot, expectedVersion: number): Promise<boolean>;
}

/** A slot's work failing this often is given up (logged and marked failed): it is not retried forever. */
export const MAX_SLOT_ATTEMPTS = 3;
/** How far back the most recent slot is looked for (doubling up to about two years): a run before that is long forgotten. */
const MAX_LOOKBACK_MS = 400 * 24 * 3600 * 1000;
const MAX_STEPS = 100_000;

export function slotId(job: string, slot: Date): string {
  return `${job}@${slot.toISOString()}`;
}

/**
 * The schedule's most recent slot at or before `now` (UTC), computed with croner: the latest
 * window (now - d, now] that holds a run is found by doubling d, then walked with nextRun.
 */
export function latestSlot(pattern: string, now: Date): Date | undefined {
  const cron = new Cron(pattern, { timezone: 'Etc/UTC', paused: true });
  const at = now.getTime();
  // nextRun(x) is the first run strictly after x; a run exactly at `now` counts.
  const after = (t: number) => cron.nextRun(new Date(t))?.getTime();
  for (let back = 1000; back <= MAX_LOOKBACK_MS * 2; back *= 2) {
    const from = at - back;
    let next = after(from);
    if (next === undefined) return undefined;
    if (next > at) continue;
    let found = next;
    for (let steps = 0; steps < MAX_STEPS; steps++) {
      next = after(found);
      if (next === undefined || next > at) return new Date(found);
      found = next;
    }
    return new Date(found);
  }
  return undefined;
}

export interface SlotWorkResult {
  /** 'skipped' when there was nothing to do (e.g. nowhere to post). */
  state: 'done' | 'skipped';
  outcome: string;
}

export interface ScheduledSlotsDeps {
  store: ScheduledSlotStore;
  clock: Clock;
  /** This instance's lease owner id. */
  owner: string;
  leaseMs: number;
  job: string;
  /** The cron pattern (UTC). */
  pattern: string;
  onError(error: unknown, slot: ScheduledSlot): void;
}

export type SlotWork = (slot: Date, renewLease: () => Promise<boolean>) => Promise<SlotWorkResult>;

export class ScheduledSlots {
  private readonly leases: WorkLeases<ScheduledSlot>;
  private since: string | undefined;

  constructor(private readonly deps: ScheduledSlotsDeps) {
    this.leases = new WorkLeases({ store: deps.store, clock: deps.clock, owner: deps.owner, leaseMs: deps.leaseMs });
  }

  /**
   * Does `work` for the most recent slot at or before now if nobody has, or takes over a claim
   * whose owner stopped renewing. Returns the slot record as this call left it, or undefined when
   * nothing was owed to this instance (no slot yet, before the schedule was first seen, done, or held).
   */
  async runDue(work: SlotWork): Promise<ScheduledSlot | undefined> {
    const now = this.deps.clock.now();
    const since = await this.firstSeen(now);
    const slot = latestSlot(this.deps.pattern, now);
    if (!slot || slot.getTime() < Date.parse(since)) return undefined;
    const id = slotId(this.deps.job, slot);

    let claimed: ScheduledSlot | undefined;
    const fresh: ScheduledSlot = { id, job: this.deps.job, slot: slot.toISOString(), version: 1, state: 'claimed', lease: this.leases.newLease(), attempts: 1 };
    if (await this.deps.store.insertIfAbsent(fresh)) {
      claimed = fresh;
    } else {
      const current = await this.deps.store.get(id);
      if (!current || current.state !== 'claimed' || !isLeaseFree(current.lease, this.deps.clock.now())) return undefined;
      const taken = await this.leases.claim(current, (seen, lease) =>
        seen.state === 'claimed' ? { next: { ...seen, version: seen.version + 1, lease, attempts: seen.attempts + 1 } } : undefined,
      );
      claimed = taken?.next;
    }
    if (!claimed) return undefined;
    return this.work(claimed, slot, work);
  }

  private async work(claimed: ScheduledSlot, slot: Date, work: SlotWork): Promise<ScheduledSlot | undefined> {
    const heartbeat = this.leases.heartbeat(claimed, (error) => this.deps.onError(error, claimed));
    let result: SlotWorkResult | undefined;
    let failure: unknown;
    try {
      result = await work(slot, () => heartbeat.renewNow());
    } catch (error) {
      failure = error;
    } finally {
      await heartbeat.stop();
    }
    const finishedAt = this.deps.clock.now().toISOString();
    if (result) {
      const { state, outcome } = result;
      return this.leases.whileHeld(claimed.id, (current) => {
        const { lease: _done, ...rest } = current;
        return { next: { ...rest, version: current.version + 1, state, outcome, finishedAt } };
      });
    }
    this.deps.onError(failure, claimed);
    // Given back at once so that the next look (any instance) tries again, up to MAX_SLOT_ATTEMPTS.
    return this.leases.whileHeld(claimed.id, (current) => {
      const { lease: _released, ...rest } = current;
      const outcome = failure instanceof Error ? failure.name : 'error';
      return current.attempts >= MAX_SLOT_ATTEMPTS
        ? { next: { ...rest, version: current.version + 1, state: 'failed', outcome, finishedAt } }
        : { next: { ...rest, version: current.version + 1, outcome } };
    });
  }

  /** When this schedule was first seen by any instance (stored once; the first writer's time wins). */
  private async firstSeen(now: Date): Promise<string> {
    if (this.since) return this.since;
    const id = `${this.deps.job}@since`;
    const marker: ScheduledSlot = { id, job: this.deps.job, slot: now.toISOString(), version: 1, state: 'since', attempts: 0 };
    if (!(await this.deps.store.insertIfAbsent(marker))) {
      const stored = await this.deps.store.get(id);
      if (stored) marker.slot = stored.slot;
    }
    this.since = marker.slot;
    return marker.slot;
  }
}
