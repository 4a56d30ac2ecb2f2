import type { Texts } from '../i18n/texts';
import type { CommandHandler } from './command';

/** `cancel` stops a question the bot is asking; requests are cancelled from their card. */
export function cancelCommand(texts: Texts): CommandHandler<'cancel'> {
  return {
    name: 'cancel',
    action: 'help',
    async run({ context, dialogs }) {
      const asking = Boolean(dialogs.activeDialog);
      if (asking) await dialogs.cancelAllDialogs();
      await context.sendActivity(asking ? texts.dialogCancelled() : texts.nothingToCancel());
    },
  };
}
