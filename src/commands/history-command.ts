/**
 * `history [profile] [n]`: the audit trail of requests, decisions and revokes, newest first: the
 * newest n entries (default DEFAULT_HISTORY_LIMIT), HISTORY_PAGE_SIZE per card, "Show more" for
 * the next page (card-actions/history-more.ts). (`history export` is its own route: history-export.ts.)
 */
import { CardFactory } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { AuditAction, AuditLog } from '../approvals/audit-log';
import { buildHistoryCard, HISTORY_PAGE_SIZE } from '../cards/history-card-view';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { Texts } from '../i18n/texts';
import type { ProfileCatalog } from '../intune/profile-catalog';
import type { CardAnswer, CommandHandler } from '../teams/route';
import type { HistoryArguments } from './parse-command';
import { lookUpProfile } from './profile-lookup';

export const DEFAULT_HISTORY_LIMIT = 20;

/** What history shows: what happened to requests and revokes (not denials or notification trouble). */
export const HISTORY_ACTIONS: readonly AuditAction[] = [
  'request.created',
  'request.approved',
  'request.rejected',
  'request.cancelled',
  'request.expired',
  'revoke.retried',
  'rotate.revoked',
  'rotate.created',
  'revoke.succeeded',
  'revoke.failed',
];

export interface HistoryDeps {
  catalog: ProfileCatalog;
  service: ApprovalService;
  audit: AuditLog;
}

/** One page of a history: which entries, and how far the asker has got. */
export interface HistoryPageQuery {
  profileId?: string;
  /** The name to show for the profile; absent: the name its requests carry, else its id. */
  profileName?: string;
  /** The profile's kind in the asker's language, when known (first page). */
  profileKind?: string;
  /** Entries older than this seq; absent: from the newest. */
  beforeSeq?: number;
  /** Entries already shown on earlier pages. */
  shown: number;
  /** Entries asked for in all. */
  limit: number;
}

/** The card of one page (with "Show more" while entries are left), or a sentence when there are none. */
export async function historyPageAnswer(deps: HistoryDeps, texts: Texts, query: HistoryPageQuery): Promise<CardAnswer> {
  const wanted = Math.max(0, Math.min(HISTORY_PAGE_SIZE, query.limit - query.shown));
  // One more than shown tells whether an older page exists.
  const found = wanted === 0 ? [] : await deps.audit.list({ profileId: query.profileId, actions: HISTORY_ACTIONS, beforeSeq: query.beforeSeq, limit: wanted + 1 });
  if (found.length === 0) return { message: texts.noHistory(query.profileName ?? query.profileId) };
  const entries = found.slice(0, wanted);
  const profileNames = new Map<string, string>();
  for (const requestId of new Set(entries.map((e) => e.requestId).filter((id): id is string => Boolean(id)))) {
    const request = await deps.service.get(requestId);
    if (request) profileNames.set(request.profile.id, texts.profileWithKind(request.profile));
  }
  const profileName = query.profileName ?? (query.profileId ? (profileNames.get(query.profileId) ?? query.profileId) : undefined);
  const oldest = entries[entries.length - 1].seq;
  const shown = query.shown + entries.length;
  const more = found.length > wanted && shown < query.limit && oldest !== undefined ? { beforeSeq: oldest, shown, limit: query.limit, ...(query.profileId ? { profileId: query.profileId } : {}) } : undefined;
  return { card: buildHistoryCard({ entries, profileName, profileKind: query.profileKind, profileNames, shownBefore: query.shown, ...(more ? { more } : {}), messages: texts.messages }) };
}

export function historyCommand(deps: HistoryDeps): CommandHandler<HistoryArguments> {
  return async ({ context, args: command, texts }) => {
    if (command.unterminatedQuote) return void (await context.sendActivity(texts.unterminatedQuote()));
    let profileId: string | undefined;
    let profileName: string | undefined;
    let profileKind: string | undefined;
    if (command.profileQuery) {
      const query = command.profileQuery;
      try {
        const lookup = await lookUpProfile(deps.catalog, query);
        if (lookup.found === 'several') return void (await context.sendActivity(texts.severalProfiles(query, lookup.profiles)));
        if (lookup.found === 'one') [profileId, profileName, profileKind] = [lookup.profile.id, lookup.profile.displayName, texts.messages.profileKind(lookup.profile.kind ?? 'device-owner')];
        else {
          // A profile deleted from Intune still has its history: accept its id.
          const byId = await deps.audit.list({ profileId: query, limit: 1 });
          if (byId.length === 0) return void (await context.sendActivity(texts.unknownProfile(query, lookup.suggestions)));
          profileId = profileName = query;
        }
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        return void (await context.sendActivity(texts.lookupFailed(error.failure)));
      }
    }
    const answer = await historyPageAnswer(deps, texts, { profileId, profileName, profileKind, shown: 0, limit: command.limit ?? DEFAULT_HISTORY_LIMIT });
    await context.sendActivity('card' in answer ? { attachments: [CardFactory.adaptiveCard(answer.card)] } : answer.message);
  };
}
