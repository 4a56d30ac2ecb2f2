/**
 * Who is told privately (1:1) about a request, whichever operation it is. Pure: the Teams layer
 * finds the chats and sends.
 * - A request opened: every approver once, never the requester (they know: they asked).
 * - A request finished (succeeded, failed, rejected, cancelled, expired): the requester, unless
 *   they already hear it where they are — the request lives in their personal chat, or its result
 *   goes there anyway (`location.notifyAlso`, the card went to the approvals channel) — or they
 *   ended it themselves (their own cancel).
 */
import { isFinal, type RevokeRequest } from './revoke-request';

export interface PrivateNoticeSettings {
  /** NOTIFY_APPROVERS. */
  approvers: boolean;
  /** NOTIFY_REQUESTER. */
  requester: boolean;
}

/** The approvers to tell that `request` was opened: each id once (case-insensitive), without the requester. */
export function approversToTell(approverIds: readonly string[], request: RevokeRequest, settings: PrivateNoticeSettings): string[] {
  if (!settings.approvers) return [];
  const requester = request.requester.id.trim().toLowerCase();
  const ids = new Set<string>();
  for (const id of approverIds) {
    const normalized = id.trim().toLowerCase();
    if (normalized && normalized !== requester) ids.add(normalized);
  }
  return [...ids];
}

/** The requester's object id when they must be told the outcome 1:1, else undefined. */
export function requesterToTell(request: RevokeRequest, settings: PrivateNoticeSettings): string | undefined {
  if (!settings.requester || !isFinal(request.state)) return undefined;
  if (request.location.conversationType === 'personal' || request.location.notifyAlso) return undefined;
  const requester = request.requester.id.trim().toLowerCase();
  if (request.state === 'cancelled' && request.decision?.by.id.trim().toLowerCase() === requester) return undefined;
  return requester || undefined;
}
