/**
 * Card buttons that are not about a stored request (list paging, "Request revoke" on a profile):
 * a verb, the policy action it needs, and a handler of the button's data. The data is untrusted
 * input (a profile id, a search text, a page number), never identity or state.
 */
import type { TurnContext } from 'botbuilder';
import type { ActionName } from '../approvals/policy';
import type { Texts } from '../i18n/texts';
import type { TurnActor } from '../teams/turn-actor';
import type { CardActionAnswer } from './card-action';

export interface CardCommandInput {
  context: TurnContext;
  actor: TurnActor;
  data: Record<string, unknown>;
  texts: Texts;
}

export interface CardCommandHandler {
  verb: string;
  action: ActionName;
  handle(input: CardCommandInput): Promise<CardActionAnswer>;
}
