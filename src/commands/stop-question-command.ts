/** `cancel` alone: stops the question the bot is asking (which profile, why), if any. */
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export function stopQuestionCommand(): CommandHandler<NoArguments> {
  return async ({ context, dialogs, texts }) => {
    const dialog = await dialogs();
    const asking = Boolean(dialog.activeDialog);
    if (asking) await dialog.cancelAllDialogs();
    await context.sendActivity(asking ? texts.dialogCancelled() : texts.nothingToCancel());
  };
}
