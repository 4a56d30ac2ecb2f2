/** `show <profile>`: one profile's non-secret properties, its open request and its last revokes. */
import { CardFactory } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { AuditLog } from '../approvals/audit-log';
import { buildProfileCard } from '../cards/profile-card-view';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { ProfileCatalog } from '../intune/profile-catalog';
import type { Clock } from '../support/clock';
import type { CommandHandler } from '../teams/route';
import type { ProfileArgument } from './parse-command';
import { lookUpProfile } from './profile-lookup';

const LAST_REVOKES = 5;

export interface ShowDeps {
  catalog: ProfileCatalog;
  service: ApprovalService;
  audit: AuditLog;
  clock: Clock;
}

export function showCommand(deps: ShowDeps): CommandHandler<ProfileArgument> {
  return async ({ context, args: command, texts, actor }) => {
    if (command.unterminatedQuote) return void (await context.sendActivity(texts.unterminatedQuote()));
    if (!command.profileQuery) return void (await context.sendActivity(texts.showWhich()));
    try {
      const lookup = await lookUpProfile(deps.catalog, command.profileQuery);
      if (lookup.found === 'none') return void (await context.sendActivity(texts.unknownProfile(command.profileQuery, lookup.suggestions)));
      if (lookup.found === 'several') return void (await context.sendActivity(texts.severalProfiles(command.profileQuery, lookup.profiles)));
      const profile = await deps.catalog.details(lookup.profile.id, lookup.profile.kind);
      if (!profile) return void (await context.sendActivity(texts.profileGone()));
      const [openRequest, revokes] = await Promise.all([
        deps.service.openForProfile(actor.tenantId ?? '', profile.id),
        deps.audit.list({ profileId: profile.id, actions: ['revoke.succeeded', 'revoke.failed'], limit: LAST_REVOKES }),
      ]);
      const card = buildProfileCard({ profile, openRequest, revokes, now: deps.clock.now(), messages: texts.messages });
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      await context.sendActivity(texts.lookupFailed(error.failure));
    }
  };
}
