import type { Texts } from '../i18n/texts';
import type { CommandHandler } from './command';

export function helpCommand(texts: Texts): CommandHandler<'help'> {
  return { name: 'help', action: 'help', run: async ({ context }) => void (await context.sendActivity(texts.help())) };
}
