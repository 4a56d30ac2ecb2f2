import type { CommandHandler } from './command';

export function helpCommand(): CommandHandler<'help'> {
  return { name: 'help', action: 'help', run: async ({ context, texts }) => void (await context.sendActivity(texts.help())) };
}
