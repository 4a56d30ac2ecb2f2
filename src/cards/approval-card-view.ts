/**
 * The approval card: one template (approval-card.json), one typed view model, one builder.
 * The card carries nothing a click could be authorized on: every action sends only the request
 * id, and the server decides from its own state who may do what.
 */
import { approvalsNeeded, approvalsOf, type RequestState, type RevokeRequest } from '../approvals/revoke-request';
import { en, type Messages } from '../i18n/en';
import { kindOf } from '../intune/profile-kinds';
import approvalCardTemplate from './approval-card.json';
import { cardTimestamp } from './card-timestamp';
import { CARD_CODE_MAX, CARD_FREE_TEXT_MAX, CARD_NAME_MAX, shortened, shortenedOptional } from './card-text';
import { renderCard } from './render-card';

/**
 * Whose card this is. 'shared' is the card posted to everyone in the conversation: it shows the
 * status and, while pending, every button (Approve, Reject, Cancel request), because some clients
 * never fetch their user-specific view; the server authorizes each click anyway.
 * 'earlier-approver' is an approver who has already approved a request that waits for more
 * approvers: no Approve button for them (they count once), Reject still.
 */
export type CardViewer = 'approver' | 'requester' | 'observer' | 'shared' | 'earlier-approver';

export interface ApprovalCardOptions {
  /** Teams user ids (MRIs) that refresh the card to their own view; undefined lets Teams choose (chats of ≤ 60). */
  refreshUserIds?: string[];
  /** Decides whether a pending request has already passed its expiry. */
  now: Date;
  messages?: Messages;
}

type TextColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';
type ContainerStyle = 'default' | 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';

type CardMessages = Messages['card'];
/** The plain-string entries of the card messages, bound as `${labels.…}`. */
export type CardLabels = { [K in keyof CardMessages as CardMessages[K] extends string ? K : never]: string };

/** Everything approval-card.json binds. Optional fields are left out, never null. */
export interface ApprovalCardData {
  requestId: string;
  /** "Revoke an enrollment token", or "Rotate an enrollment token" for a rotation. */
  title: string;
  fallbackText: string;
  labels: CardLabels;
  badge: { text: string; color: TextColor; style: ContainerStyle };
  /** kind: Device Owner or work profile; mode only for Device Owner profiles (work profiles have none). */
  profile: { name: string; id: string; kind: string; mode?: string; enrolledDevices: string; tokenExpiresAt?: string };
  requesterName: string;
  requestedAt: string;
  expiresAt: string;
  justification?: string;
  /** Requests that need several approvers: "1 of 2 approvals" and who gave them (until the last one decides). */
  approvals?: { progress: string; givenBy?: string };
  decision?: { byLabel: string; byName: string; at: string; reason?: string };
  outcome?: {
    atLabel: string;
    at: string;
    explanation: string;
    color: TextColor;
    graphRequestId?: string;
    clientRequestId?: string;
    /** A finished rotation: when the new token expires (never the token itself). */
    newTokenExpiresAt?: string;
    newTokenExpiresLabel?: string;
  };
  hint?: string;
  controls: { reason: boolean; approve: boolean; reject: boolean; cancel: boolean };
  refresh?: { userIds?: string[] };
}

const BADGE_LOOK: Record<RequestState, { color: TextColor; style: ContainerStyle }> = {
  pending: { color: 'Warning', style: 'warning' },
  approved: { color: 'Accent', style: 'accent' },
  executing: { color: 'Accent', style: 'accent' },
  succeeded: { color: 'Good', style: 'good' },
  failed: { color: 'Attention', style: 'attention' },
  rejected: { color: 'Attention', style: 'attention' },
  cancelled: { color: 'Default', style: 'emphasis' },
  expired: { color: 'Default', style: 'emphasis' },
};

/** Graph names one to three permissions; more would be noise on the card (the audit keeps them all). */
const MAX_PERMISSIONS_SHOWN = 5;

const NO_CONTROLS = { reason: false, approve: false, reject: false, cancel: false };
const PENDING_CONTROLS: Record<CardViewer, ApprovalCardData['controls']> = {
  approver: { reason: true, approve: true, reject: true, cancel: false },
  requester: { reason: false, approve: false, reject: false, cancel: true },
  observer: NO_CONTROLS,
  shared: { reason: true, approve: true, reject: true, cancel: true },
  'earlier-approver': { reason: true, approve: false, reject: true, cancel: false },
};

/** States in which the approvals so far are shown on their own (after the last approval, "Approved by" names them all). */
const APPROVALS_SHOWN_IN: readonly RequestState[] = ['pending', 'rejected', 'cancelled', 'expired'];

/** The rendered card (plain JSON) for one viewer of a request. */
export function buildApprovalCard(request: RevokeRequest, viewer: CardViewer, options: ApprovalCardOptions): object {
  const card = renderCard(approvalCardTemplate, approvalCardData(request, viewer, options)) as { actions?: unknown[] };
  // Every button left out by `$when` leaves an empty list; a decided card simply has none.
  if (card.actions?.length === 0) delete card.actions;
  return card;
}

/** The view model alone, for tests and for callers that need to know what the card will offer. */
export function approvalCardData(request: RevokeRequest, viewer: CardViewer, options: ApprovalCardOptions): ApprovalCardData {
  const messages = options.messages ?? en;
  const text = messages.card;
  const state = displayedState(request, options.now);
  const actionable = state === 'pending';
  const rotation = request.operation === 'rotate';
  const required = approvalsNeeded(request);
  const given = approvalsOf(request).length;
  const approverName = shortenedOptional(approverNames(request, text), CARD_NAME_MAX);
  const badgeText =
    rotation && state === 'executing' && request.rotation?.revoked && !request.rotation.created
      ? messages.rotate.revokedCreating
      : (rotation ? messages.rotate.badge : text.badge)[state]({ approverName, approvalsGiven: given, approvalsRequired: required });
  const fallback = rotation ? messages.rotate.fallbackText : text.fallbackText;
  const profileName = shortened(request.profile.displayName, CARD_NAME_MAX);

  return {
    requestId: request.id,
    title: rotation ? messages.rotate.cardTitle : text.title,
    fallbackText: fallback({ requestId: request.id, profileName, status: badgeText }),
    labels: labelsOf(text),
    badge: { text: badgeText, ...BADGE_LOOK[state] },
    profile: {
      name: profileName,
      id: shortened(request.profile.id, CARD_CODE_MAX),
      kind: messages.profileKind(kindOf(request.profile)),
      ...(kindOf(request.profile) === 'device-owner' ? { mode: messages.enrollmentMode(request.profile.enrollmentMode) } : {}),
      enrolledDevices: String(request.profile.enrolledDeviceCount),
      // Once revoked, the expiry captured at request time is no longer true: the card says "no active token".
      ...(request.profile.tokenExpirationDateTime && state !== 'succeeded' && !request.rotation?.revoked
        ? { tokenExpiresAt: cardTimestamp(request.profile.tokenExpirationDateTime) }
        : {}),
    },
    requesterName: shortened(request.requester.name, CARD_NAME_MAX),
    requestedAt: cardTimestamp(request.createdAt),
    expiresAt: cardTimestamp(request.expiresAt),
    ...(request.justification ? { justification: shortened(request.justification, CARD_FREE_TEXT_MAX) } : {}),
    ...approvalsSoFar(request, text, state),
    ...decisionOf(request, text),
    ...outcomeOf(request, messages),
    ...(actionable
      ? { hint: viewer === 'shared' && required > 1 ? text.quorumHint({ required }) : rotation && viewer === 'requester' ? messages.rotate.requesterHint : text.hint[viewer] }
      : {}),
    controls: actionable ? PENDING_CONTROLS[viewer] : NO_CONTROLS,
    ...(actionable ? { refresh: options.refreshUserIds ? { userIds: options.refreshUserIds } : {} } : {}),
  };
}

/** A pending request past its expiry is shown as expired before the sweeper has stored it so. */
function displayedState(request: RevokeRequest, now: Date): RequestState {
  if (request.state === 'pending' && Date.parse(request.expiresAt) <= now.getTime()) return 'expired';
  return request.state;
}

/** Per language, built once: every card of a language has the same labels. */
const labelsByLanguage = new WeakMap<CardMessages, CardLabels>();

function labelsOf(text: CardMessages): CardLabels {
  let labels = labelsByLanguage.get(text);
  if (!labels) {
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(text)) if (typeof value === 'string') strings[key] = value;
    labelsByLanguage.set(text, (labels = Object.freeze(strings) as CardLabels));
  }
  return labels;
}

/** Who approved: every approver of a request that needed several, else the one who decided. */
function approverNames(request: RevokeRequest, text: CardMessages): string | undefined {
  const approvals = approvalsOf(request);
  if (approvals.length > 1) return text.nameList(approvals.map((approval) => approval.by.name));
  return request.decision?.by.name;
}

function approvalsSoFar(request: RevokeRequest, text: CardMessages, state: RequestState): Pick<ApprovalCardData, 'approvals'> {
  const required = approvalsNeeded(request);
  if (required <= 1 || !APPROVALS_SHOWN_IN.includes(state)) return {};
  const names = approvalsOf(request).map((approval) => shortened(approval.by.name, CARD_NAME_MAX));
  return {
    approvals: {
      progress: text.approvalsProgress({ given: names.length, required }),
      ...(names.length ? { givenBy: text.approvalsGivenBy({ names: text.nameList(names) }) } : {}),
    },
  };
}

function decisionOf(request: RevokeRequest, text: CardMessages): Pick<ApprovalCardData, 'decision'> {
  const decision = request.decision;
  if (!decision) return {};
  const approved = request.state !== 'rejected' && request.state !== 'cancelled';
  const byLabel = approved ? text.approvedBy : request.state === 'rejected' ? text.rejectedBy : text.cancelledBy;
  return {
    decision: {
      byLabel,
      // An approved request names everyone who approved it (several, for a quorum).
      byName: shortened(approved ? (approverNames(request, text) ?? decision.by.name) : decision.by.name, CARD_NAME_MAX),
      at: cardTimestamp(decision.at),
      ...(decision.reason ? { reason: shortened(decision.reason, CARD_FREE_TEXT_MAX) } : {}),
    },
  };
}

function outcomeOf(request: RevokeRequest, messages: Messages): Pick<ApprovalCardData, 'outcome'> {
  const outcome = request.outcome;
  if (!outcome || (request.state !== 'succeeded' && request.state !== 'failed')) return {};
  const graphRequestId = shortenedOptional(outcome.failure?.graphRequestId ?? outcome.graphRequestId, CARD_CODE_MAX);
  const clientRequestId = shortenedOptional(outcome.failure?.clientRequestId ?? outcome.clientRequestId, CARD_CODE_MAX);
  const common = { at: cardTimestamp(outcome.at), ...(graphRequestId ? { graphRequestId } : {}), ...(clientRequestId ? { clientRequestId } : {}) };
  const rotation = request.operation === 'rotate';
  if (request.state === 'succeeded' && rotation) {
    const expiry = request.rotation?.newTokenExpiresAt;
    return {
      outcome: {
        ...common,
        atLabel: messages.rotate.rotatedAt,
        explanation: expiry ? messages.rotate.rotatedNote : `${messages.rotate.rotatedNote} ${messages.rotate.expiryUnknown}`,
        color: 'Default',
        ...(expiry ? { newTokenExpiresAt: cardTimestamp(expiry), newTokenExpiresLabel: messages.rotate.newTokenExpires } : {}),
      },
    };
  }
  if (request.state === 'succeeded') {
    return { outcome: { ...common, atLabel: messages.card.revokedAt, explanation: messages.card.revokedNote, color: 'Default' } };
  }
  const stored = outcome.failure ?? { kind: 'unknown' as const, message: '' };
  const failure = {
    ...stored,
    message: shortened(stored.message ?? '', CARD_FREE_TEXT_MAX),
    ...(stored.code ? { code: shortened(stored.code, CARD_CODE_MAX) } : {}),
    ...(stored.requiredPermissions ? { requiredPermissions: stored.requiredPermissions.slice(0, MAX_PERMISSIONS_SHOWN).map((p) => shortened(p, CARD_CODE_MAX)) } : {}),
  };
  const explanation = messages.failureExplanation(failure);
  return {
    outcome: {
      ...common,
      atLabel: messages.card.failedAt,
      explanation: !rotation
        ? explanation
        : request.rotation?.revoked
          ? messages.rotate.revokedNotCreated({ explanation })
          : messages.rotate.notRevoked({ explanation }),
      color: 'Attention',
    },
  };
}
