/** `list [text]`: the profiles (or those whose name contains the text) as a paged card. */
import { CardFactory } from 'botbuilder';
import { buildProfileListCard } from '../cards/profile-list-card-view';
import type { Texts } from '../i18n/texts';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { ProfileCatalog } from '../intune/profile-catalog';
import type { Clock } from '../support/clock';
import type { CommandHandler } from '../teams/route';
import type { ListArguments } from './parse-command';

export interface ListDeps {
  catalog: ProfileCatalog;
  clock: Clock;
}

/** The card for one page of a listing, or a sentence when nothing matches or Graph fails. */
export async function profileListAnswer(deps: ListDeps, texts: Texts, query: string | undefined, page: number): Promise<{ card: object } | { message: string }> {
  try {
    const profiles = await deps.catalog.list(query);
    if (profiles.length === 0) return { message: texts.noProfiles(query) };
    const lastPage = Math.max(0, Math.ceil(profiles.length / 10) - 1);
    return { card: buildProfileListCard({ profiles, page: Math.min(page, lastPage), query, now: deps.clock.now(), messages: texts.messages }) };
  } catch (error) {
    if (error instanceof GraphFailure) return { message: texts.lookupFailed(error.failure) };
    throw error;
  }
}

export function listCommand(deps: ListDeps): CommandHandler<ListArguments> {
  return async ({ context, args, texts }) => {
    const answer = await profileListAnswer(deps, texts, args.query, 0);
    await context.sendActivity('card' in answer ? { attachments: [CardFactory.adaptiveCard(answer.card)] } : answer.message);
  };
}
