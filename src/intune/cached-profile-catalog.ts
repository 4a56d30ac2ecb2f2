import { LRUCache } from 'lru-cache';
import type { RevokeCall } from '../approvals/enrollment-profiles';
import type { ProfileKind, ProfileSnapshot } from '../approvals/revoke-request';
import type { Clock } from '../support/clock';
import { deepFreeze } from '../support/deep-freeze';
import type { ProfileCatalog, ProfileSource } from './profile-catalog';
import type { ProfileDetails } from './profile-details';
import { snapshotOf, type ProfileSummary } from './profile-summary';
import { isProfileId } from '../approvals/enrollment-profiles';
import { foldForSearch, profileNameKey } from './search-text';

export interface CachedProfileCatalogOptions {
  /** How long a listing is reused. Short: Intune is the truth, the cache only spares paging per message. */
  ttlMs?: number;
  /** How long one profile's details (`show`) are reused; the listing's TTL unless given. */
  detailsTtlMs?: number;
  /** How many profiles' details are kept at most (least recently read first out). */
  maxDetails?: number;
  clock: Clock;
}

/** As many as the largest tenants' listing holds: each is well under a KB. */
const MAX_DETAILS = 10_000;

/**
 * The profile list, fetched once and reused for a short while by `list`, `show`, `revoke` and the
 * "did you mean" suggestions; a revoke or createToken (success or not) forgets it, so token states shown next are
 * Intune's. Concurrent loads share one listing.
 *
 * One profile's details (`show`) are kept as long as the listing by default (a minute): what the
 * bot shows about a profile is then never older than what `list` shows next to it, and a revoke
 * through the bot forgets every one of them, so the admin who revoked sees Intune's answer at once.
 * A change made outside the bot (a new token created in the Intune portal) shows within that
 * minute — as it already did in `list`. The revoke dialog's lookup by id stays a fresh GET: the
 * request records the profile as Intune has it when asked.
 */
export class CachedProfileCatalog implements ProfileCatalog {
  private readonly ttlMs: number;
  private readonly detailsTtlMs: number;
  private readonly detailsById: LRUCache<string, { at: number; details: ProfileDetails }>;
  private cached?: { at: number; sorted: ProfileSummary[]; byName?: Map<string, ProfileSummary[]> };
  private loading?: Promise<ProfileSummary[]>;
  private generation = 0;

  constructor(
    private readonly source: ProfileSource,
    private readonly options: CachedProfileCatalogOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.detailsTtlMs = options.detailsTtlMs ?? this.ttlMs;
    this.detailsById = new LRUCache({ max: options.maxDetails ?? MAX_DETAILS });
  }

  async list(filter?: string): Promise<ProfileSummary[]> {
    const all = await this.all();
    const wanted = foldForSearch(filter ?? '');
    if (!wanted) return all;
    return all.filter((profile) => foldForSearch(profile.displayName).includes(wanted));
  }

  /** By id (one GET, always fresh; only for a GUID) or by exact name (case-insensitive) in the cached list. */
  async find(query: string): Promise<ProfileSnapshot[]> {
    const wanted = query.trim();
    if (wanted === '') return [];
    if (isProfileId(wanted)) {
      const byId = await this.source.details(wanted);
      if (byId) return [snapshotOf(byId)];
    }
    const all = await this.all();
    return (this.namesOf(all).get(profileNameKey(wanted)) ?? []).map(snapshotOf);
  }

  /**
   * The listing by name key, built once per listing: folding 10,000 names on every `show "<name>"`
   * was a quarter of that command's CPU in the bench profile.
   */
  private namesOf(all: ProfileSummary[]): Map<string, ProfileSummary[]> {
    const cached = this.cached?.sorted === all ? this.cached : undefined;
    if (cached?.byName) return cached.byName;
    const byName = new Map<string, ProfileSummary[]>();
    for (const profile of all) {
      const key = profileNameKey(profile.displayName);
      const same = byName.get(key);
      if (same) same.push(profile);
      else byName.set(key, [profile]);
    }
    if (cached) cached.byName = byName;
    return byName;
  }

  get(id: string, kind?: ProfileKind): Promise<ProfileSnapshot | undefined> {
    return this.source.get(id, kind);
  }

  /** One profile's details, reused within detailsTtlMs; a profile Intune does not know is asked for again each time. */
  async details(id: string, kind?: ProfileKind): Promise<ProfileDetails | undefined> {
    const now = this.options.clock.now().getTime();
    const kept = this.detailsById.get(id);
    if (kept && now - kept.at < this.detailsTtlMs) return kept.details;
    const generation = this.generation;
    const details = await this.source.details(id, kind);
    if (!details) {
      this.detailsById.delete(id);
      return undefined;
    }
    // Shared by every later reader: frozen, so none can change what the others are shown.
    const shared = deepFreeze(details);
    // A revoke during the GET makes this answer stale: use it for this caller only.
    if (generation === this.generation) this.detailsById.set(id, { at: this.options.clock.now().getTime(), details: shared });
    return shared;
  }

  async revokeToken(id: string, kind?: ProfileKind): Promise<RevokeCall> {
    try {
      return await this.source.revokeToken(id, kind);
    } finally {
      this.invalidate();
    }
  }

  async createToken(id: string, validitySeconds: number, kind?: ProfileKind): Promise<RevokeCall> {
    try {
      return await this.source.createToken(id, validitySeconds, kind);
    } finally {
      this.invalidate();
    }
  }

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.loading = undefined;
    this.detailsById.clear();
  }

  private async all(): Promise<ProfileSummary[]> {
    const now = this.options.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.sorted;
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.source.listSummaries().then((profiles) => {
        const sorted = profiles.sort(byNameThenId);
        // A revoke during the listing makes this listing stale: use it for this caller only.
        if (generation === this.generation) this.cached = { at: this.options.clock.now().getTime(), sorted };
        return sorted;
      });
      this.loading = loading;
      loading.then(
        () => this.loading === loading && (this.loading = undefined),
        () => this.loading === loading && (this.loading = undefined),
      );
    }
    return this.loading;
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function byNameThenId(a: ProfileSummary, b: ProfileSummary): number {
  return collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
