/** The `history` card: audit entries, newest first: what, who, when, which request and Graph request-id. */
import type { AuditEntry } from '../approvals/audit-log';
import { en, type Messages } from '../i18n/en';
import { cardTimestamp } from './card-timestamp';
import historyTemplate from './history-card.json';
import { renderCard } from './render-card';

const DETAIL_MAX_LENGTH = 300;

export interface HistoryCardData {
  fallbackText: string;
  labels: { title: string; requestId: string; profileId: string; outcome: string; graphRequestId: string };
  scope: string;
  rows: { action: string; who: string; at: string; profile?: string; requestId?: string; outcome?: string; graphRequestId?: string; detail?: string }[];
}

export interface HistoryCardInput {
  entries: readonly AuditEntry[];
  /** The profile the history was asked for, if any. */
  profileName?: string;
  /** The kind of that profile, in the card's language, when known. */
  profileKind?: string;
  /** Profile names by id, to show names rather than ids where known. */
  profileNames?: ReadonlyMap<string, string>;
  messages?: Messages;
}

export function historyCardData(input: HistoryCardInput): HistoryCardData {
  const text = (input.messages ?? en).historyCard;
  return {
    fallbackText: text.fallbackText,
    labels: { title: text.title, requestId: text.requestId, profileId: text.profileId, outcome: text.outcome, graphRequestId: text.graphRequestId },
    scope: text.scope({ count: input.entries.length, profileName: input.profileName, profileKind: input.profileKind }),
    rows: input.entries.map((entry) => {
      const profile = entry.profileId ? (input.profileNames?.get(entry.profileId) ?? entry.profileId) : undefined;
      return {
        action: text.action[entry.action] ?? entry.action,
        who: entry.actorId === 'system' ? text.system : (entry.actorName ?? entry.actorId),
        at: cardTimestamp(entry.at),
        ...(profile && !input.profileName ? { profile } : {}),
        ...(entry.requestId ? { requestId: entry.requestId } : {}),
        ...(entry.outcome ? { outcome: entry.outcome } : {}),
        ...(entry.graphRequestId ? { graphRequestId: entry.graphRequestId } : {}),
        ...(entry.detail ? { detail: entry.detail.slice(0, DETAIL_MAX_LENGTH) } : {}),
      };
    }),
  };
}

export function buildHistoryCard(input: HistoryCardInput): object {
  return renderCard(historyTemplate, historyCardData(input));
}
