/**
 * Every card template at its worst case, for card-size.spec.ts: the longest values the bot
 * accepts (or longer: every free-text field is far past its card limit, in 4-byte characters,
 * the most UTF-8 JSON a shortened code point can cost), the most rows a page shows, every
 * button, both languages and every viewer.
 *
 * Adding a card template (a *.json under src/) means adding its entry to WORST_CASES: the key is
 * the template's path from the repository root, the value lists the cards to measure, e.g.
 *     'src/cards/report-card.json': (messages) => [{ label: 'full page', card: buildReportCard({ ...worst rows..., messages }) }],
 * The spec fails, naming the template, while one has no entry.
 */
import type { AuditAction, AuditEntry } from '../../../src/approvals/audit-log';
import { applyEvent, type RequestState, type RevokeFailure, type RevokeRequest } from '../../../src/approvals/revoke-request';
import { buildApprovalCard, type CardViewer } from '../../../src/cards/approval-card-view';
import { buildHygieneCard, REPORT_PAGE_SIZE } from '../../../src/cards/hygiene-card-view';
import { buildBulkApprovalCard } from '../../../src/cards/bulk-approval-card-view';
import { buildBulkProgressCard, FAILURE_ROWS } from '../../../src/cards/bulk-progress-card-view';
import type { BulkItem } from '../../../src/approvals/bulk-items';
import { CARD_NAME_COUNT } from '../../../src/commands/revoke-matching-command';
import { DEFAULT_HYGIENE_THRESHOLDS, HYGIENE_CATEGORIES, type HygieneReport } from '../../../src/hygiene/hygiene-report';
import { buildHistoryCard, HISTORY_PAGE_SIZE } from '../../../src/cards/history-card-view';
import { buildPendingCard, PENDING_CARD_LIMIT } from '../../../src/cards/pending-card-view';
import { buildProfileCard, PROFILE_CARD_REVOKES } from '../../../src/cards/profile-card-view';
import { buildProfileListCard, LIST_PAGE_SIZE } from '../../../src/cards/profile-list-card-view';
import { MAX_COMMAND_LENGTH, MAX_HISTORY_LIMIT } from '../../../src/commands/parse-command';
import { doctorCard } from '../../../src/doctor/doctor-card-view';
import type { CheckResult } from '../../../src/doctor/doctor-check';
import type { Messages } from '../../../src/i18n/en';
import type { ProfileDetails } from '../../../src/intune/profile-details';
import type { ProfileSummary } from '../../../src/intune/profile-summary';

export interface MeasuredCard {
  /** What this variant is, for the failure message. */
  label: string;
  card: object;
}

export type WorstCase = (messages: Messages) => MeasuredCard[];

/** Four UTF-8 bytes per code point, and two UTF-16 units: the costliest text a card can hold. */
export const long = (codePoints: number): string => '😀'.repeat(codePoints);
/** The longest free text anywhere: far past every card limit. */
const TEXT = long(3000);
/** A request id as long as isRequestId allows. */
const requestId = (n: number) => `r${String(n).padStart(4, '0')}-`.padEnd(64, 'f');
/** Intune ids are GUIDs with a suffix; this is longer than any. */
const profileId = (n: number) => `p${String(n).padStart(4, '0')}-`.padEnd(100, 'e');
const GUID = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
const AT = '2024-05-01T10:00:00.123Z';
const LATER = '2099-12-31T23:59:59.999Z';
const NOW = new Date('2024-05-01T12:00:00Z');
/** Teams MRIs are ~40-120 characters; a refresh list of the requester. */
const MRI = `29:${'x'.repeat(120)}`;

const person = (n: number) => ({ id: `${GUID.slice(0, -4)}${String(n).padStart(4, '0')}`, name: TEXT });

const FAILURE: RevokeFailure = {
  kind: 'forbidden',
  status: 403,
  code: TEXT,
  message: TEXT,
  graphRequestId: TEXT,
  clientRequestId: TEXT,
  requiredPermissions: Array.from({ length: 50 }, () => TEXT),
  retryAfterSeconds: 86_400,
};

function worstRequest(n = 1, locale = 'en-US'): RevokeRequest {
  return {
    id: requestId(n),
    version: 1,
    state: 'pending',
    tenantId: GUID,
    profile: { id: profileId(n), displayName: TEXT, enrollmentMode: 'corporateOwnedAOSPUserAssociatedDevice', tokenExpirationDateTime: LATER, enrolledDeviceCount: 2_147_483_647 },
    requester: person(n),
    justification: TEXT,
    createdAt: AT,
    expiresAt: LATER,
    location: { conversationKey: `19:${'c'.repeat(60)}@thread.tacv2;messageid=1700000000000`, conversationType: 'channel', requesterTeamsId: MRI, locale },
  };
}

/** The same request in every state, through the real state machine, with every optional field at its longest. */
function requestIn(state: RequestState): RevokeRequest {
  const pending = worstRequest();
  const by = person(2);
  const approve = () => applyEvent(pending, { type: 'approve', by, at: AT, reason: TEXT });
  const executing = () => applyEvent(approve(), { type: 'start-execution', at: AT });
  switch (state) {
    case 'pending':
      return pending;
    case 'approved':
      return approve();
    case 'executing':
      return executing();
    case 'succeeded':
      return applyEvent(executing(), { type: 'succeed', outcome: { at: AT, graphRequestId: TEXT, clientRequestId: TEXT, attempts: 1 } });
    case 'failed':
      return applyEvent(executing(), { type: 'fail', outcome: { at: AT, failure: FAILURE, attempts: 99 } });
    case 'rejected':
      return applyEvent(pending, { type: 'reject', by, at: AT, reason: TEXT });
    case 'cancelled':
      return applyEvent(pending, { type: 'cancel', by: pending.requester, at: AT, reason: TEXT });
    case 'expired':
      return applyEvent(pending, { type: 'expire', at: LATER });
  }
}

const STATES: readonly RequestState[] = ['pending', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'cancelled', 'expired'];
const VIEWERS: readonly CardViewer[] = ['shared', 'approver', 'requester', 'observer', 'earlier-approver'];

/** A quorum request (two approvers needed) with its first approval, and after the second. */
function quorumRequests(): { label: string; request: RevokeRequest }[] {
  const pending: RevokeRequest = { ...worstRequest(), approvalsRequired: 2 };
  const first = applyEvent(pending, { type: 'approve', by: person(2), at: AT, reason: TEXT });
  const second = applyEvent(first, { type: 'approve', by: person(3), at: AT, reason: TEXT });
  return [
    { label: 'quorum, 1 of 2 approvals', request: first },
    { label: 'quorum, approved by both', request: second },
  ];
}

/** The longest label of a set of labels: the row that costs most. */
function longestKey<K extends string>(labels: Record<K, string>): K {
  return (Object.keys(labels) as K[]).reduce((a, b) => (labels[b].length > labels[a].length ? b : a));
}

function historyEntry(n: number, messages: Messages): AuditEntry {
  const action: AuditAction = longestKey(messages.historyCard.action);
  return {
    seq: 1_000_000_000 + n,
    at: AT,
    action,
    actorId: person(n).id,
    actorName: TEXT,
    tenantId: GUID,
    requestId: requestId(n),
    profileId: profileId(n),
    outcome: TEXT,
    graphRequestId: TEXT,
    clientRequestId: TEXT,
    detail: TEXT,
  };
}

function summary(n: number): ProfileSummary {
  return { id: profileId(n), displayName: TEXT, enrollmentMode: 'corporateOwnedAOSPUserAssociatedDevice', tokenExpirationDateTime: LATER, enrolledDeviceCount: 2_147_483_647, tokenUsageCount: 2_147_483_647 };
}

function details(): ProfileDetails {
  return {
    ...summary(1),
    description: TEXT,
    enrollmentTokenType: TEXT,
    createdDateTime: AT,
    lastModifiedDateTime: AT,
    tokenCreationDateTime: AT,
    roleScopeTagIds: Array.from({ length: 500 }, (_, i) => String(i)),
    wifiSsid: TEXT,
    wifiSecurityType: TEXT,
    wifiHidden: true,
    configureWifi: true,
    deviceNameTemplate: TEXT,
    isTeamsDeviceProfile: true,
  };
}

/** More checks than the doctor runs (one per CheckId: 11), all failed, every text at its longest. */
const DOCTOR_CHECKS = 12;

/** A hygiene report with more rows than a page, each token in every category. */
function hygieneReport(): HygieneReport {
  const rows = Array.from({ length: REPORT_PAGE_SIZE * 3 }, (_, i) => ({
    profile: summary(i),
    kind: 'device-owner' as const,
    reasons: [...HYGIENE_CATEGORIES],
    expiresInDays: 2_147_483_647,
    createdDaysAgo: 2_147_483_647,
  }));
  const counts = Object.fromEntries(HYGIENE_CATEGORIES.map((c) => [c, 2_147_483_647])) as HygieneReport['counts'];
  return { at: AT, thresholds: DEFAULT_HYGIENE_THRESHOLDS, counts, rows, activeTokens: 2_147_483_647 };
}

/** A revoke-matching request over the most profiles, with the most names and left-out profiles its card shows. */
function bulkRequest(state: RequestState): RevokeRequest {
  const single = requestIn(state);
  const names = Array.from({ length: CARD_NAME_COUNT }, () => TEXT);
  return {
    ...single,
    operation: 'revoke-matching',
    approvalsRequired: 10,
    approvals: Array.from({ length: 10 }, (_, i) => ({ by: person(10 + i), at: AT, reason: TEXT })),
    matching: { text: TEXT, count: 2_147_483_647, enrolledDevices: 2_147_483_647, firstNames: names, leftOut: 2_147_483_647, leftOutNames: names },
  };
}

function bulkItems(state: BulkItem['state'], count: number): BulkItem[] {
  return Array.from({ length: count }, (_, i) => ({
    requestId: requestId(1),
    profileId: profileId(i),
    displayName: TEXT,
    enrolledDeviceCount: 2_147_483_647,
    state,
    version: 1,
    attempts: 99,
    at: AT,
    graphRequestId: TEXT,
    clientRequestId: TEXT,
    ...(state === 'failed' ? { failure: FAILURE } : {}),
  }));
}

export const WORST_CASES: Record<string, WorstCase> = {
  'src/cards/bulk-approval-card.json': (messages) =>
    STATES.flatMap((state) =>
      VIEWERS.map((viewer) => ({
        label: `${state}, ${viewer} view`,
        card: buildBulkApprovalCard(bulkRequest(state), viewer, { refreshUserIds: [MRI], now: NOW, messages }),
      })),
    ),

  'src/cards/bulk-progress-card.json': (messages) => [
    { label: 'running', card: buildBulkProgressCard(bulkRequest('executing'), [...bulkItems('failed', FAILURE_ROWS + 5), ...bulkItems('pending', 50)], false, messages) },
    { label: 'final tally, every failure row', card: buildBulkProgressCard(bulkRequest('failed'), bulkItems('failed', FAILURE_ROWS * 4), true, messages) },
  ],


  'src/cards/hygiene-card.json': (messages) => [
    { label: 'first page, asked by the longest name', card: buildHygieneCard({ report: hygieneReport(), page: 0, origin: { askedBy: TEXT }, messages }) },
    { label: 'middle page, on schedule', card: buildHygieneCard({ report: hygieneReport(), page: 1, origin: { scheduled: true }, messages }) },
  ],

  'src/cards/approval-card.json': (messages) =>
    STATES.flatMap((state) =>
      VIEWERS.map((viewer) => ({
        label: `${state}, ${viewer} view`,
        card: buildApprovalCard(requestIn(state), viewer, { refreshUserIds: [MRI], now: NOW, messages }),
      })),
    ).concat(
      quorumRequests().flatMap(({ label, request }) =>
        VIEWERS.map((viewer) => ({ label: `${label}, ${viewer} view`, card: buildApprovalCard(request, viewer, { refreshUserIds: [MRI], now: NOW, messages }) })),
      ),
    ),

  'src/cards/history-card.json': (messages) => {
    const entries = Array.from({ length: HISTORY_PAGE_SIZE + 1 }, (_, i) => historyEntry(i, messages));
    const more = { beforeSeq: Number.MAX_SAFE_INTEGER, shown: MAX_HISTORY_LIMIT - 1, limit: MAX_HISTORY_LIMIT };
    const profileNames = new Map(entries.map((e) => [e.profileId!, TEXT]));
    return [
      { label: 'first page, every profile', card: buildHistoryCard({ entries, profileNames, more, messages }) },
      { label: 'a later page, every profile', card: buildHistoryCard({ entries, profileNames, shownBefore: MAX_HISTORY_LIMIT - HISTORY_PAGE_SIZE, more, messages }) },
      {
        label: 'a later page of one profile',
        card: buildHistoryCard({ entries, profileName: TEXT, profileNames, shownBefore: MAX_HISTORY_LIMIT - HISTORY_PAGE_SIZE, more: { ...more, profileId: 'p'.repeat(200) }, messages }),
      },
    ];
  },

  'src/cards/profile-list-card.json': (messages) => {
    const profiles = Array.from({ length: LIST_PAGE_SIZE * 3 }, (_, i) => summary(i));
    // `list <text>`: the query is as long as a command may be, and rides on "Show more".
    const query = '語'.repeat(MAX_COMMAND_LENGTH);
    return [
      { label: 'first page with a query', card: buildProfileListCard({ profiles, page: 0, query, now: NOW, messages }) },
      { label: 'middle page with a query', card: buildProfileListCard({ profiles, page: 1, query, now: NOW, messages }) },
    ];
  },

  'src/cards/pending-card.json': (messages) => {
    const requests = Array.from({ length: PENDING_CARD_LIMIT + 5 }, (_, i) => worstRequest(i));
    return [{ label: 'full, all actionable', card: buildPendingCard(requests, NOW, messages) }];
  },

  'src/cards/profile-card.json': (messages) => {
    const revokes = Array.from({ length: PROFILE_CARD_REVOKES + 5 }, (_, i) => ({ ...historyEntry(i, messages), action: 'revoke.failed' as const }));
    return [
      { label: 'with an open request', card: buildProfileCard({ profile: details(), openRequest: worstRequest(), revokes, now: NOW, messages }) },
      { label: 'without one (Request revoke button)', card: buildProfileCard({ profile: details(), revokes, now: NOW, messages }) },
    ];
  },

  // English only (the doctor speaks the operator's language of `npm run doctor`): the same in both runs.
  'src/doctor/doctor-card.json': () => {
    const checks: CheckResult[] = Array.from({ length: DOCTOR_CHECKS }, () => ({ id: 'settings', title: TEXT, status: 'fail', found: TEXT, fix: TEXT }));
    return [{ label: `${DOCTOR_CHECKS} failed checks`, card: doctorCard({ ok: false, checkedAt: AT, checks }) }];
  },
};
