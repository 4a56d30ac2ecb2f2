/**
 * The approval card of a revoke-matching request: bulk-approval-card.json bound to the approval
 * card's view data (status, decision, outcome, buttons, as for one profile) plus the set it covers
 * (how many, their enrolled devices, the first names and "and N more", what was left out) and the
 * approvals so far ("1 of 2 approvals", by whom).
 */
import type { RevokeRequest } from '../approvals/revoke-request';
import { en } from '../i18n/en';
import { approvalCardData, type ApprovalCardData, type ApprovalCardOptions, type CardViewer } from './approval-card-view';
import bulkApprovalCardTemplate from './bulk-approval-card.json';
import { CARD_NAME_MAX, CARD_ROW_NAME_MAX, shortened } from './card-text';
import { cardTimestamp } from './card-timestamp';
import { renderCard } from './render-card';

/** Left-out profiles are decided on their own cards: a few names say which, the count says how many. */
const LEFT_OUT_NAMES_SHOWN = 5;

export interface BulkApprovalCardData extends ApprovalCardData {
  bulkLabels: { title: string; matching: string; profiles: string; enrolledDevices: string; namesHeading: string; approvedByList: string };
  bulk: {
    text: string;
    count: string;
    enrolledDevices: string;
    names: { name: string }[];
    more?: string;
    leftOut?: string;
    approvals: string;
    approvedBy?: { name: string; at: string }[];
  };
}

export function buildBulkApprovalCard(request: RevokeRequest, viewer: CardViewer, options: ApprovalCardOptions): object {
  const card = renderCard(bulkApprovalCardTemplate, bulkApprovalCardData(request, viewer, options)) as { actions?: unknown[] };
  if (card.actions?.length === 0) delete card.actions;
  return card;
}

export function bulkApprovalCardData(request: RevokeRequest, viewer: CardViewer, options: ApprovalCardOptions): BulkApprovalCardData {
  const messages = options.messages ?? en;
  const m = messages.bulk.card;
  const base = approvalCardData(request, viewer, options);
  const set = request.matching ?? { text: request.profile.displayName, count: 0, enrolledDevices: 0, firstNames: [], leftOut: 0, leftOutNames: [] };
  const required = request.approvalsRequired ?? 1;
  const approvals = request.approvals ?? [];
  const more = set.count - set.firstNames.length;
  return {
    ...base,
    fallbackText: m.fallbackText({ requestId: request.id, text: shortened(set.text, CARD_NAME_MAX), count: set.count, status: base.badge.text }),
    ...(base.hint && (viewer === 'approver' || viewer === 'shared') ? { hint: `${m.hintApprover({ required })} ${base.hint}` } : {}),
    bulkLabels: {
      title: m.title,
      matching: m.matching,
      profiles: m.profiles,
      enrolledDevices: m.enrolledDevices,
      namesHeading: m.namesHeading,
      approvedByList: m.approvedByList,
    },
    bulk: {
      text: shortened(set.text, CARD_NAME_MAX),
      count: String(set.count),
      enrolledDevices: String(set.enrolledDevices),
      names: set.firstNames.map((name) => ({ name: shortened(name, CARD_ROW_NAME_MAX) })),
      ...(more > 0 ? { more: m.andMore({ count: more }) } : {}),
      ...(set.leftOut > 0
        ? { leftOut: m.leftOut({ count: set.leftOut, names: set.leftOutNames.slice(0, LEFT_OUT_NAMES_SHOWN).map((name) => shortened(name, CARD_ROW_NAME_MAX)).join(', ') + (set.leftOut > Math.min(set.leftOutNames.length, LEFT_OUT_NAMES_SHOWN) ? ', …' : '') }) }
        : {}),
      approvals: m.approvals({ given: Math.min(approvals.length, required), required }),
      ...(approvals.length > 0 ? { approvedBy: approvals.map((a) => ({ name: shortened(a.by.name, CARD_ROW_NAME_MAX), at: cardTimestamp(a.at) })) } : {}),
    },
  };
}
