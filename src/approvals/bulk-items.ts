/**
 * The profiles of one `revoke-matching` request, each with its own stored state, so that a crash or
 * restart resumes only the unfinished ones. Every change of an item is a compare-and-set on its
 * version: an item goes pending → sending (claimed for one $batch, `attempts` + 1) → revoked | failed,
 * or back to pending after a per-item 429 (with `notBefore`). Pure data: no I/O.
 * Implementations: storage/sqlite-bulk-item-store.ts, storage/azure-table-bulk-item-store.ts.
 */
import type { ProfileKind, RevokeFailure } from './revoke-request';

export type BulkItemState = 'pending' | 'sending' | 'revoked' | 'failed';

export interface BulkItem {
  requestId: string;
  profileId: string;
  /** Absent: 'device-owner'. The Graph path of the item follows it. */
  kind?: ProfileKind;
  displayName: string;
  enrolledDeviceCount: number;
  state: BulkItemState;
  /** Incremented by every stored change: the compare-and-set token. */
  version: number;
  /** How many times the item was put in a $batch (more than 1 after a 429 or a crash mid-batch). */
  attempts: number;
  /** After a per-item 429: not sent again before this (ISO-8601 UTC). */
  notBefore?: string;
  /** When it reached revoked or failed. */
  at?: string;
  graphRequestId?: string;
  clientRequestId?: string;
  failure?: RevokeFailure;
}

export interface BulkItemStore {
  /** Stores the items of a request; items already stored (same request and profile) are kept as they are. */
  insertAll(items: readonly BulkItem[]): Promise<void>;
  /** Every item of a request, ordered by display name then profile id. */
  list(requestId: string): Promise<BulkItem[]>;
  /** true = stored; false = the stored version was no longer `expectedVersion` (or the item is unknown). */
  replace(next: BulkItem, expectedVersion: number): Promise<boolean>;
}

export const FINISHED_ITEM_STATES: readonly BulkItemState[] = ['revoked', 'failed'];

export interface BulkTally {
  total: number;
  revoked: number;
  failed: number;
  /** Neither revoked nor failed yet. */
  left: number;
}

export function tallyOf(items: readonly BulkItem[]): BulkTally {
  let revoked = 0;
  let failed = 0;
  for (const item of items) {
    if (item.state === 'revoked') revoked++;
    else if (item.state === 'failed') failed++;
  }
  return { total: items.length, revoked, failed, left: items.length - revoked - failed };
}

/** The next version of an item with `change` applied. */
export function changedItem(item: BulkItem, change: Partial<Omit<BulkItem, 'requestId' | 'profileId' | 'version'>>): BulkItem {
  return { ...item, ...change, version: item.version + 1 };
}
