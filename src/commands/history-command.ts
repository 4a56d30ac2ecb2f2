/**
 * `history [profile] [n]`: the audit trail of requests, decisions and revokes, newest first.
 * (`history export` is its own route: history-export.ts.)
 */
import { CardFactory } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { AuditAction, AuditLog } from '../approvals/audit-log';
import { buildHistoryCard } from '../cards/history-card-view';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { ProfileCatalog } from '../intune/profile-catalog';
import type { CommandHandler } from '../teams/route';
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
    const entries = await deps.audit.list({ profileId, actions: HISTORY_ACTIONS, limit: command.limit ?? DEFAULT_HISTORY_LIMIT });
    if (entries.length === 0) return void (await context.sendActivity(texts.noHistory(profileName)));
    const profileNames = new Map<string, string>();
    for (const requestId of new Set(entries.map((e) => e.requestId).filter((id): id is string => Boolean(id)))) {
      const request = await deps.service.get(requestId);
      if (request) profileNames.set(request.profile.id, texts.profileWithKind(request.profile));
    }
    const card = buildHistoryCard({ entries, profileName, profileKind, profileNames, messages: texts.messages });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
