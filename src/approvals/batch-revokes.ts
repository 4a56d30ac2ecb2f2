/**
 * Revoking many profiles' tokens in Graph JSON batches ($batch, at most 20 requests each), as the
 * bulk executor needs it. graph-batch-revokes.ts implements it with the Graph client's
 * BatchRequestContent. Pure types: no I/O here.
 */
import type { ProfileKind, RevokeFailure } from './revoke-request';

export interface BatchRevokeTarget {
  profileId: string;
  /** Absent: 'device-owner'. */
  kind?: ProfileKind;
}

export type BatchRevokeResult =
  | { profileId: string; ok: true; graphRequestId?: string; clientRequestId?: string }
  /** `throttled`: the item got its own 429; try that item again after `retryAfterSeconds`. */
  | { profileId: string; ok: false; throttled: boolean; retryAfterSeconds?: number; failure: RevokeFailure };

export interface BatchRevokes {
  /** Graph's limit of requests in one $batch. */
  readonly maxBatchSize: number;
  /**
   * One POST {GRAPH_BASE_URL}/beta/$batch with one revokeToken per target (at most maxBatchSize):
   * one result per target, in the same order. A failure of the whole batch is a result for each
   * item (never thrown), so each item's failure is recorded.
   */
  revokeBatch(targets: readonly BatchRevokeTarget[]): Promise<BatchRevokeResult[]>;
}

/** Splits `items` into batches of at most `size`, in order. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`A batch size must be a whole number ≥ 1 (got ${size}).`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
