/**
 * Leases: how several instances share work without doing it twice. Whoever claims a piece of work
 * (a revoke, posting a result, later a bulk item or a scheduled post) stores itself as the owner
 * with an expiry, and renews it while the work runs. Only an expired (or absent) lease can be
 * taken, by anyone, at any time; a live one never is. An owner that stops renewing (crashed,
 * frozen, cut off) loses its work one lease period later. Every write is a compare-and-set on the
 * record's version, so of two claimers exactly one wins.
 * Pure domain: the record store and the clock are passed in.
 */
import type { AuditEntry } from './audit-log';
import type { Clock } from '../support/clock';

export interface Lease {
  /** The instance that holds the work (one id per process run). */
  owner: string;
  /** ISO-8601 UTC; after this anyone may take the work over. */
  expiresAt: string;
}

/** Anything that can be leased: a versioned record with an optional lease. */
export interface Leasable {
  id: string;
  version: number;
  lease?: Lease;
}

/** The compare-and-set store the leased records live in (RequestStore satisfies it). */
export interface LeaseStore<T extends Leasable> {
  get(id: string): Promise<T | undefined>;
  /** Stores `next` (and its audit lines, in the same write) only if the version is still `expectedVersion`. */
  replace(next: T, expectedVersion: number, audit?: readonly AuditEntry[]): Promise<boolean>;
}

/** What a claim or a leased write changes: the next record (version + 1) and its audit lines. */
export interface LeasedChange<T> {
  next: T;
  audit?: readonly AuditEntry[];
}

export interface WorkLeasesDeps<T extends Leasable> {
  store: LeaseStore<T>;
  clock: Clock;
  /** This instance's owner id. */
  owner: string;
  /** LEASE_SECONDS in ms. */
  leaseMs: number;
}

const MAX_CAS_ATTEMPTS = 10;

export function isLeaseFree(lease: Lease | undefined, now: Date): boolean {
  return !lease || Date.parse(lease.expiresAt) <= now.getTime();
}

export class WorkLeases<T extends Leasable> {
  constructor(private readonly deps: WorkLeasesDeps<T>) {}

  get owner(): string {
    return this.deps.owner;
  }

  get leaseMs(): number {
    return this.deps.leaseMs;
  }

  /** A fresh lease for this instance. */
  newLease(): Lease {
    return { owner: this.deps.owner, expiresAt: new Date(this.deps.clock.now().getTime() + this.deps.leaseMs).toISOString() };
  }

  isFree(record: Leasable): boolean {
    return isLeaseFree(record.lease, this.deps.clock.now());
  }

  isOurs(record: Leasable): boolean {
    return record.lease?.owner === this.deps.owner;
  }

  /**
   * Takes the lease on the record if it is free and `change` still wants it (re-read after every
   * lost race). `change` gets the current record and the new lease and returns the claimed record
   * (which must carry the lease) or undefined to give up.
   */
  async claim(seen: T, change: (current: T, lease: Lease) => LeasedChange<T> | undefined): Promise<LeasedChange<T> | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 ? seen : await this.deps.store.get(seen.id);
      if (!current || !this.isFree(current)) return undefined;
      const wanted = change(current, this.newLease());
      if (!wanted) return undefined;
      if (await this.deps.store.replace(wanted.next, current.version, wanted.audit)) return wanted;
    }
    return undefined;
  }

  /**
   * Writes `change(current)` only while this instance still owns the lease (an expired lease that
   * nobody took yet is still ours: the compare-and-set proves nobody did). Undefined when the lease
   * was taken over or `change` declined.
   */
  async whileHeld(id: string, change: (current: T) => LeasedChange<T> | undefined, hint?: T): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 && hint ? hint : await this.deps.store.get(id);
      if (!current || !this.isOurs(current)) return undefined;
      const wanted = change(current);
      if (!wanted) return undefined;
      if (await this.deps.store.replace(wanted.next, current.version, wanted.audit)) return wanted.next;
    }
    return undefined;
  }

  /** Moves our lease's expiry one lease period ahead. False when it is no longer ours. */
  async renew(id: string, hint?: T): Promise<T | undefined> {
    return this.whileHeld(id, (current) => ({ next: { ...current, version: current.version + 1, lease: this.newLease() } }), hint);
  }

  /** Gives the work back at once (graceful shutdown, or done): clears our lease if it is still ours. */
  async release(id: string): Promise<void> {
    await this.whileHeld(id, (current) => {
      const { lease: _released, ...rest } = current;
      return { next: { ...rest, version: current.version + 1 } as T };
    });
  }

  /** Renews the lease every third of a lease period until stopped; `lost` tells when it was taken over. */
  heartbeat(claimed: T, onError: (error: unknown) => void): Heartbeat<T> {
    return new Heartbeat(this, claimed, onError);
  }
}

/**
 * Keeps one lease alive while its work runs. A renewal that fails for a moment (storage slow) is
 * tried again on the next beat; a renewal that finds another owner marks the lease lost for good.
 */
export class Heartbeat<T extends Leasable> {
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<unknown> = Promise.resolve();
  private lostLease = false;
  private latest: T;

  constructor(
    private readonly leases: WorkLeases<T>,
    claimed: T,
    private readonly onError: (error: unknown) => void,
  ) {
    this.latest = claimed;
    this.timer = setInterval(() => void this.beat(), Math.max(100, Math.floor(leases.leaseMs / 3)));
    this.timer.unref();
  }

  get lost(): boolean {
    return this.lostLease;
  }

  /** Renews now (before an action that must not happen without the lease). True: the lease is ours for a full period. */
  async renewNow(): Promise<boolean> {
    await this.renewing;
    return this.beat();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing.catch(() => undefined);
  }

  private async beat(): Promise<boolean> {
    if (this.lostLease) return false;
    const run = (async () => {
      try {
        const renewed = await this.leases.renew(this.latest.id);
        if (!renewed) {
          this.lostLease = true;
          return false;
        }
        this.latest = renewed;
        return true;
      } catch (error) {
        this.onError(error);
        return false;
      }
    })();
    this.renewing = run;
    return run;
  }
}
