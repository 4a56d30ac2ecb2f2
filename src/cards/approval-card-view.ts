/**
 * The approval card: one template (approval-card.json), one typed view model, one builder.
 * The card carries nothing a click could be authorized on: every action sends only the request
 * id, and the server decides from its own state who may do what.
 */
import type { RequestState, RevokeRequest } from '../approvals/revoke-request';
import { en, type Messages } from '../i18n/en';
import { kindOf } from '../intune/profile-kinds';
import approvalCardTemplate from './approval-card.json';
import { cardTimestamp } from './card-timestamp';
import { renderCard } from './render-card';

/**
 * Whose card this is. 'shared' is the card posted to everyone in the conversation: it shows the
 * status and, while pending, every button (Approve, Reject, Cancel request), because some clients
 * never fetch their user-specific view; the server authorizes each click anyway.
 */
export type CardViewer = 'approver' | 'requester' | 'observer' | 'shared';

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

const NO_CONTROLS = { reason: false, approve: false, reject: false, cancel: false };
const PENDING_CONTROLS: Record<CardViewer, ApprovalCardData['controls']> = {
  approver: { reason: true, approve: true, reject: true, cancel: false },
  requester: { reason: false, approve: false, reject: false, cancel: true },
  observer: NO_CONTROLS,
  shared: { reason: true, approve: true, reject: true, cancel: true },
};

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
  const badgeText =
    rotation && state === 'executing' && request.rotation?.revoked && !request.rotation.created
      ? messages.rotate.revokedCreating
      : (rotation ? messages.rotate.badge : text.badge)[state]({ approverName: request.decision?.by.name });
  const fallback = rotation ? messages.rotate.fallbackText : text.fallbackText;

  return {
    requestId: request.id,
    title: rotation ? messages.rotate.cardTitle : text.title,
    fallbackText: fallback({ requestId: request.id, profileName: request.profile.displayName, status: badgeText }),
    labels: labelsOf(text),
    badge: { text: badgeText, ...BADGE_LOOK[state] },
    profile: {
      name: request.profile.displayName,
      id: request.profile.id,
      kind: messages.profileKind(kindOf(request.profile)),
      ...(kindOf(request.profile) === 'device-owner' ? { mode: messages.enrollmentMode(request.profile.enrollmentMode) } : {}),
      enrolledDevices: String(request.profile.enrolledDeviceCount),
      // Once revoked, the expiry captured at request time is no longer true: the card says "no active token".
      ...(request.profile.tokenExpirationDateTime && state !== 'succeeded' && !request.rotation?.revoked
        ? { tokenExpiresAt: cardTimestamp(request.profile.tokenExpirationDateTime) }
        : {}),
    },
    requesterName: request.requester.name,
    requestedAt: cardTimestamp(request.createdAt),
    expiresAt: cardTimestamp(request.expiresAt),
    ...(request.justification ? { justification: request.justification } : {}),
    ...decisionOf(request, text),
    ...outcomeOf(request, messages),
    ...(actionable ? { hint: rotation && viewer === 'requester' ? messages.rotate.requesterHint : text.hint[viewer] } : {}),
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

function decisionOf(request: RevokeRequest, text: CardMessages): Pick<ApprovalCardData, 'decision'> {
  const decision = request.decision;
  if (!decision) return {};
  const byLabel =
    request.state === 'rejected' ? text.rejectedBy : request.state === 'cancelled' ? text.cancelledBy : text.approvedBy;
  return {
    decision: {
      byLabel,
      byName: decision.by.name,
      at: cardTimestamp(decision.at),
      ...(decision.reason ? { reason: decision.reason } : {}),
    },
  };
}

function outcomeOf(request: RevokeRequest, messages: Messages): Pick<ApprovalCardData, 'outcome'> {
  const outcome = request.outcome;
  if (!outcome || (request.state !== 'succeeded' && request.state !== 'failed')) return {};
  const graphRequestId = outcome.failure?.graphRequestId ?? outcome.graphRequestId;
  const clientRequestId = outcome.failure?.clientRequestId ?? outcome.clientRequestId;
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
  const failure = outcome.failure ?? { kind: 'unknown' as const, message: '' };
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
