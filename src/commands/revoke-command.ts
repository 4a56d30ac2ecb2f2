import type { CommandHandler } from './command';
import { REVOKE_DIALOG, type RevokeDialogOptions } from './revoke-dialog';

/** `revoke <profile> [justification]`: starts the revoke dialog, which asks for what is missing. */
export function revokeCommand(): CommandHandler<'revoke'> {
  return {
    name: 'revoke',
    action: 'request',
    async run({ context, dialogs, command, texts }) {
      if (command.unterminatedQuote) {
        await context.sendActivity(texts.unterminatedQuote());
        return;
      }
      const options: RevokeDialogOptions = { profileQuery: command.profileQuery, justification: command.justification };
      await dialogs.beginDialog(REVOKE_DIALOG, options);
    },
  };
}
