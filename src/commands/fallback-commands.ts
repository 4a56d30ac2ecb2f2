import type { CommandHandler } from './command';
import { MAX_COMMAND_LENGTH } from './parse-command';

/** Never silence: empty, unknown and oversized messages each get their own answer and the help line. */
export function emptyCommand(): CommandHandler<'empty'> {
  return { name: 'empty', action: 'help', run: async ({ context, texts }) => void (await context.sendActivity(texts.emptyCommand())) };
}

/** An unknown word gets the closest command word, when one is close, and the help line. */
export function unknownCommand(): CommandHandler<'unknown'> {
  return {
    name: 'unknown',
    action: 'help',
    run: async ({ context, command, texts }) => void (await context.sendActivity(texts.unknownCommand(command.word, command.suggestion))),
  };
}

export function tooLongCommand(): CommandHandler<'too-long'> {
  return {
    name: 'too-long',
    action: 'help',
    run: async ({ context, command, texts }) => void (await context.sendActivity(texts.tooLong(command.length, MAX_COMMAND_LENGTH))),
  };
}
