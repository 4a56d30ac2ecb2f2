import type { Texts } from '../i18n/texts';
import type { CommandHandler } from './command';
import { MAX_COMMAND_LENGTH } from './parse-command';

/** Never silence: empty, unknown and oversized messages each get their own answer and the help line. */
export function emptyCommand(texts: Texts): CommandHandler<'empty'> {
  return { name: 'empty', action: 'help', run: async ({ context }) => void (await context.sendActivity(texts.emptyCommand())) };
}

export function unknownCommand(texts: Texts): CommandHandler<'unknown'> {
  return { name: 'unknown', action: 'help', run: async ({ context, command }) => void (await context.sendActivity(texts.unknownCommand(command.word))) };
}

export function tooLongCommand(texts: Texts): CommandHandler<'too-long'> {
  return {
    name: 'too-long',
    action: 'help',
    run: async ({ context, command }) => void (await context.sendActivity(texts.tooLong(command.length, MAX_COMMAND_LENGTH))),
  };
}
