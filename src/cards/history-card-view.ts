/**
 * The `history` card: audit entries, newest first: what, who, when, which request and Graph
 * request-id. One page of at most HISTORY_PAGE_SIZE entries; "Show more" (verb `history-more`)
 * carries where the next page starts (the oldest shown entry's seq), how many were shown and
 * asked for, and the profile id: nothing a decision could be authorized on.
 */
import type { AuditEntry } from '../approvals/audit-log';
import { en, type Messages } from '../i18n/en';
import { CARD_CODE_MAX, CARD_NAME_MAX, CARD_ROW_NAME_MAX, CARD_ROW_TEXT_MAX, shortened, shortenedOptional } from './card-text';
import { cardTimestamp } from './card-timestamp';
import historyTemplate from './history-card.json';
import { renderCard } from './render-card';

/**
 * Entries on one page. A worst-case row (longest names and detail, every fact) is about 2.2 KB of
 * JSON, so 10 rows stay under Teams' limit with room to spare (test/unit/cards/card-size.spec.ts
 * measures it); 50 ordinary entries on one card were 44 KB.
 */
export const HISTORY_PAGE_SIZE = 10;

/** Where the next page starts: entries older than `beforeSeq`, until `limit` entries are shown in all. */
export interface HistoryMore {
  beforeSeq: number;
  /** Entries shown so far, on this page and the ones before. */
  shown: number;
  /** How many entries were asked for in all (`history n`). */
  limit: number;
  /** The profile the history is about (its id), if any. */
  profileId?: string;
}

export interface HistoryCardData {
  fallbackText: string;
  labels: { title: string; requestId: string; profileId: string; outcome: string; graphRequestId: string; showMore: string };
  scope: string;
  rows: { action: string; who: string; at: string; profile?: string; requestId?: string; outcome?: string; graphRequestId?: string; detail?: string }[];
  more?: { beforeSeq: number; shown: number; limit: number; profileId: string };
}

export interface HistoryCardInput {
  /** This page's entries, newest first (at most HISTORY_PAGE_SIZE are shown). */
  entries: readonly AuditEntry[];
  /** The profile the history was asked for, if any. */
  profileName?: string;
  /** The kind of that profile, in the card's language, when known. */
  profileKind?: string;
  /** Profile names by id, to show names rather than ids where known. */
  profileNames?: ReadonlyMap<string, string>;
  /** How many entries came before this page (0: the first page). */
  shownBefore?: number;
  /** Set when there are older entries to show: what "Show more" sends. */
  more?: HistoryMore;
  messages?: Messages;
}

export function historyCardData(input: HistoryCardInput): HistoryCardData {
  const text = (input.messages ?? en).historyCard;
  const entries = input.entries.slice(0, HISTORY_PAGE_SIZE);
  const before = input.shownBefore ?? 0;
  const profileName = shortenedOptional(input.profileName, CARD_NAME_MAX);
  return {
    fallbackText: text.fallbackText,
    labels: {
      title: text.title,
      requestId: text.requestId,
      profileId: text.profileId,
      outcome: text.outcome,
      graphRequestId: text.graphRequestId,
      showMore: text.showMore,
    },
    scope:
      before === 0
        ? text.scope({ count: entries.length, profileName, profileKind: input.profileKind })
        : text.olderScope({ from: before + 1, to: before + entries.length, profileName }),
    rows: entries.map((entry) => {
      const profile = entry.profileId ? (input.profileNames?.get(entry.profileId) ?? entry.profileId) : undefined;
      return {
        action: text.action[entry.action] ?? shortened(entry.action, CARD_CODE_MAX),
        who: entry.actorId === 'system' ? text.system : shortened(entry.actorName ?? entry.actorId, CARD_ROW_NAME_MAX),
        at: cardTimestamp(entry.at),
        ...(profile && !input.profileName ? { profile: shortened(profile, CARD_ROW_NAME_MAX) } : {}),
        ...(entry.requestId ? { requestId: shortened(entry.requestId, CARD_CODE_MAX) } : {}),
        ...(entry.outcome ? { outcome: shortened(entry.outcome, CARD_CODE_MAX) } : {}),
        ...(entry.graphRequestId ? { graphRequestId: shortened(entry.graphRequestId, CARD_CODE_MAX) } : {}),
        ...(entry.detail ? { detail: shortened(entry.detail, CARD_ROW_TEXT_MAX) } : {}),
      };
    }),
    ...(input.more ? { more: { ...input.more, profileId: input.more.profileId ?? '' } } : {}),
  };
}

export function buildHistoryCard(input: HistoryCardInput): object {
  const card = renderCard(historyTemplate, historyCardData(input)) as { actions?: unknown[] };
  if (card.actions?.length === 0) delete card.actions;
  return card;
}
