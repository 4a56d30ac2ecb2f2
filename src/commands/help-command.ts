/** `help`: what the bot does and every command. */
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export function helpCommand(): CommandHandler<NoArguments> {
  return async ({ context, texts }) => void (await context.sendActivity(texts.help()));
}
