/** What a chat command is: its parsed name, the policy action it needs, and what it does. */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { ActionName } from '../approvals/policy';
import type { ParsedCommand } from './parse-command';
import type { TurnActor } from '../teams/turn-actor';
import type { Texts } from '../i18n/texts';

export interface CommandTurn<C extends ParsedCommand = ParsedCommand> {
  context: TurnContext;
  dialogs: DialogContext;
  actor: TurnActor;
  command: C;
  /** The texts in the sender's language (activity.locale). */
  texts: Texts;
}

export interface CommandHandler<N extends ParsedCommand['name'] = ParsedCommand['name']> {
  name: N;
  action: ActionName;
  run(turn: CommandTurn<Extract<ParsedCommand, { name: N }>>): Promise<void>;
}

export type CommandTable = { [N in ParsedCommand['name']]: CommandHandler<N> };
