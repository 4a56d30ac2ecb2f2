/**
 * The progress card of a revoke-matching request: done / failed / left while it runs, then the
 * final tally with each failure's plain reason and Graph request-id. At most FAILURE_ROWS failures
 * are listed (the rest are counted and in `history`), so the card stays far under Teams' 28 KB.
 */
import type { BulkItem } from '../approvals/bulk-items';
import { tallyOf } from '../approvals/bulk-items';
import type { RevokeRequest } from '../approvals/revoke-request';
import { en, type Messages } from '../i18n/en';
import { CARD_CODE_MAX, CARD_NAME_MAX, CARD_ROW_NAME_MAX, CARD_ROW_TEXT_MAX, shortened } from './card-text';
import bulkProgressCardTemplate from './bulk-progress-card.json';
import { renderCard } from './render-card';

export const FAILURE_ROWS = 25;

export interface BulkProgressCardData {
  fallbackText: string;
  title: string;
  labels: { matching: string; revoked: string; failed: string; left: string; requestId: string; failuresHeading: string };
  text: string;
  requestId: string;
  revoked: string;
  failed: string;
  left: string;
  note?: string;
  failures?: { row: string }[];
  moreFailures?: string;
}

export function buildBulkProgressCard(request: RevokeRequest, items: readonly BulkItem[], final: boolean, messages: Messages = en): object {
  return renderCard(bulkProgressCardTemplate, bulkProgressCardData(request, items, final, messages));
}

export function bulkProgressCardData(request: RevokeRequest, items: readonly BulkItem[], final: boolean, messages: Messages = en): BulkProgressCardData {
  const m = messages.bulk.progress;
  const tally = tallyOf(items);
  const failed = items.filter((item) => item.state === 'failed');
  const shown = failed.slice(0, FAILURE_ROWS).map((item) => ({
    row: m.failureRow({
      name: shortened(item.displayName, CARD_ROW_NAME_MAX),
      reason: shortened(item.failure ? messages.failureExplanation(item.failure) : '', CARD_ROW_TEXT_MAX),
      ...(item.graphRequestId ?? item.failure?.graphRequestId ? { graphRequestId: shortened(item.graphRequestId ?? item.failure?.graphRequestId ?? '', CARD_CODE_MAX) } : {}),
    }),
  }));
  return {
    fallbackText: m.fallbackText({ revoked: tally.revoked, failed: tally.failed, left: tally.left }),
    title: final ? m.finishedTitle : m.title,
    labels: { matching: m.matching, revoked: m.revoked, failed: m.failed, left: m.left, requestId: m.requestId, failuresHeading: m.failuresHeading },
    text: shortened(request.matching?.text ?? request.profile.displayName, CARD_NAME_MAX),
    requestId: request.id,
    revoked: String(tally.revoked),
    failed: String(tally.failed),
    left: String(tally.left),
    ...(final && tally.failed === 0 && tally.left === 0 ? { note: m.allRevoked } : {}),
    ...(shown.length > 0 ? { failures: shown } : {}),
    ...(failed.length > shown.length ? { moreFailures: m.moreFailures({ count: failed.length - shown.length }) } : {}),
  };
}

