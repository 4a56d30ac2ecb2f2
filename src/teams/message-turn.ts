/**
 * A chat message: strip the @mention, parse, pass the access filter, then run the command, or
 * hand the text to the dialog that is waiting for an answer (which passes the filter again).
 */
import { TurnContext, type BotState } from 'botbuilder';
import type { DialogSet } from 'botbuilder-dialogs';
import type { AccessFilter } from '../authorization/access-filter';
import type { CommandHandler, CommandTable } from '../commands/command';
import { parseCommand, type ParsedCommand } from '../commands/parse-command';
import type { Texts } from '../i18n/texts';
import { actorOf } from './turn-actor';

export interface MessageTurnDeps {
  dialogs: DialogSet;
  dialogState: BotState;
  filter: AccessFilter;
  commands: CommandTable;
  texts: Texts;
}

export class MessageTurn {
  constructor(private readonly deps: MessageTurnDeps) {}

  async handle(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const texts = this.deps.texts.forLocale(activity.locale);
    if (activity.value && !activity.text) {
      // An Action.Submit from some old card: we only use Action.Execute.
      await context.sendActivity(texts.unsupportedSubmit());
      return;
    }
    TurnContext.removeRecipientMention(activity);
    const actor = actorOf(activity);
    const command = parseCommand(typeof activity.text === 'string' ? activity.text : '');
    const dialogs = await this.deps.dialogs.createContext(context);
    try {
      const answersQuestion = dialogs.activeDialog && (command.name === 'unknown' || command.name === 'empty');
      if (answersQuestion) {
        const access = await this.deps.filter.check(actor, 'request');
        if (!access.allowed) {
          await dialogs.cancelAllDialogs();
          await context.sendActivity(texts.denied(access.reason));
          return;
        }
        await dialogs.continueDialog();
        return;
      }
      const handler = this.deps.commands[command.name] as CommandHandler;
      const access = await this.deps.filter.check(actor, handler.action);
      if (!access.allowed) {
        await context.sendActivity(texts.denied(access.reason));
        return;
      }
      if (command.name !== 'cancel' && dialogs.activeDialog) await dialogs.cancelAllDialogs();
      await handler.run({ context, dialogs, actor, texts, command: command as ParsedCommand & never });
    } finally {
      await this.deps.dialogState.saveChanges(context);
    }
  }
}
