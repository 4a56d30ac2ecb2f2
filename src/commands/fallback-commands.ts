/** Never silence: empty, unknown and oversized messages each get their own answer and the help line. */
import type { CommandHandler } from '../teams/route';
import { closestWord } from './closest-match';
import { MAX_COMMAND_LENGTH, type NoArguments } from './parse-command';

export function emptyMessage(): CommandHandler<NoArguments> {
  return async ({ context, texts }) => void (await context.sendActivity(texts.emptyCommand()));
}

/** An unknown word gets the closest command word, when one is close, and the help line. */
export function unknownCommand(commandWords: readonly string[]): CommandHandler<{ word: string }> {
  const candidates = commandWords.filter((word) => word.length > 1);
  return async ({ context, args, texts }) => {
    const suggestion = closestWord(args.word, candidates);
    await context.sendActivity(texts.unknownCommand(args.word.slice(0, 40), suggestion));
  };
}

export function tooLongMessage(): CommandHandler<{ length: number }> {
  return async ({ context, args, texts }) => void (await context.sendActivity(texts.tooLong(args.length, MAX_COMMAND_LENGTH)));
}

/** Text while the bot is asking a question (which profile, why): the answer, for the dialog that asked. */
export function answerQuestion(): CommandHandler<NoArguments> {
  return async ({ dialogs }) => void (await (await dialogs()).continueDialog());
}
