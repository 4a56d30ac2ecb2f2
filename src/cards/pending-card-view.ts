/**
 * The `pending` card: open requests, oldest first, with their state and age. Approvers can approve
 * or cancel from it, or open the request's own card (to reject with a reason); every click is
 * authorized by the server on the stored request, exactly as on the approval card.
 */
import { approvalsNeeded, approvalsOf, type RevokeRequest } from '../approvals/revoke-request';
import { en, type Messages } from '../i18n/en';
import { kindOf } from '../intune/profile-kinds';
import { CARD_ROW_NAME_MAX, shortened } from './card-text';
import { cardTimestamp } from './card-timestamp';
import pendingTemplate from './pending-card.json';
import { renderCard } from './render-card';

/** Rows on the card: a worst-case row (long names, three buttons) is about 1.5 KB; 15 fit Teams' limit. */
export const PENDING_CARD_LIMIT = 15;

export interface PendingCardData {
  fallbackText: string;
  labels: { title: string; requestId: string; expires: string; approve: string; cancelRequest: string; open: string };
  count: string;
  rows: { requestId: string; profileName: string; summary: string; expiresAt: string; actionable: boolean }[];
}

export function pendingCardData(requests: readonly RevokeRequest[], now: Date, messages: Messages = en): PendingCardData {
  const text = messages.pendingCard;
  const shown = requests.slice(0, PENDING_CARD_LIMIT);
  return {
    fallbackText: text.fallbackText({ count: requests.length }),
    labels: { title: text.title, requestId: text.requestId, expires: text.expires, approve: text.approve, cancelRequest: text.cancelRequest, open: text.open },
    count: text.count({ count: requests.length, shown: shown.length }),
    rows: shown.map((request) => {
      const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(request.createdAt)) / 60_000));
      return {
        requestId: request.id,
        profileName: shortened(request.profile.displayName || request.profile.id, CARD_ROW_NAME_MAX),
        summary: [
          ...(request.operation === 'rotate' ? [messages.rotate.pendingLabel] : []),
          messages.profileKind(kindOf(request.profile)),
          text.state[request.state],
          // A request that needs several approvers says how far it is ("1 of 2 approvals").
          ...(approvalsNeeded(request) > 1 && request.state === 'pending'
            ? [messages.card.approvalsProgress({ given: approvalsOf(request).length, required: approvalsNeeded(request) })]
            : []),
          text.requestedBy({ name: shortened(request.requester.name, CARD_ROW_NAME_MAX) }),
          text.age({ minutes }),
        ].join(' · '),
        expiresAt: cardTimestamp(request.expiresAt),
        actionable: request.state === 'pending',
      };
    }),
  };
}

export function buildPendingCard(requests: readonly RevokeRequest[], now: Date, messages: Messages = en): object {
  return renderCard(pendingTemplate, pendingCardData(requests, now, messages));
}
