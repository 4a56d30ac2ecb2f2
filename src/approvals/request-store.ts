import type { AuditEntry } from './audit-log';
import type { RequestState, RevokeRequest } from './revoke-request';

/**
 * Durable home of revoke requests. Every change is a compare-and-set on `version`:
 * `replace` stores `next` only if the stored version still equals `expectedVersion`.
 * A change and the audit lines that record it are one write: either both are stored or neither
 * (SQLite: one transaction; Azure: an outbox on the request entity, flushed idempotently), so
 * there is no decided request without its audit line and no audit line twice.
 * Implementations: storage/sqlite-request-store.ts (default), storage/azure-table-request-store.ts.
 */
export interface RequestStore {
  /**
   * Stores a new request (and `audit`); throws DuplicateRequest if the id exists, and OpenRequestExists if the
   * request is open (pending/approved/executing) while another open one exists for its tenant+profile
   * (the store enforces "one open request per profile" so that two processes cannot both create one).
   */
  insert(request: RevokeRequest, audit?: readonly AuditEntry[]): Promise<void>;
  get(id: string): Promise<RevokeRequest | undefined>;
  /** true = stored (with `audit`); false = someone else changed it first (re-read and decide again). */
  replace(next: RevokeRequest, expectedVersion: number, audit?: readonly AuditEntry[]): Promise<boolean>;
  listByState(states: readonly RequestState[], limit?: number): Promise<RevokeRequest[]>;
  /** Finished requests whose result has not been posted yet (`resultToPost`), oldest first. */
  listResultsToPost(limit?: number): Promise<RevokeRequest[]>;
  /**
   * Finishes writes a dead process left half-done (Azure: audit lines still in a request's outbox).
   * Idempotent; safe to run from every instance at any time. Returns how many requests it completed.
   */
  completeUnfinishedWrites(): Promise<number>;
  /** Pending requests whose expiresAt <= now. */
  listOverdue(now: string, limit?: number): Promise<RevokeRequest[]>;
  /** The open (pending/approved/executing) request for a profile, if any. */
  findOpenForProfile(tenantId: string, profileId: string): Promise<RevokeRequest | undefined>;
}

export class DuplicateRequest extends Error {
  constructor(id: string) {
    super(`A request with id ${id} already exists.`);
  }
}

export class OpenRequestExists extends Error {
  constructor(
    readonly tenantId: string,
    readonly profileId: string,
  ) {
    super(`An open request for profile ${profileId} already exists.`);
  }
}

/** Bot Framework conversation references (opaque JSON to the store), keyed by conversation key. */
export interface ConversationReferenceStore {
  save(key: string, reference: unknown): Promise<void>;
  get(key: string): Promise<unknown | undefined>;
}
