import type { CommandHandler } from '../teams/route';
import type { RevokeArguments } from './parse-command';
import { REVOKE_DIALOG, type RevokeDialogOptions } from './revoke-dialog';

/** `revoke <profile> [justification]`: starts the revoke dialog, which asks for what is missing. */
export function revokeCommand(): CommandHandler<RevokeArguments> {
  return async ({ context, dialogs, args, texts }) => {
    if (args.unterminatedQuote) return void (await context.sendActivity(texts.unterminatedQuote()));
    const options: RevokeDialogOptions = { profileQuery: args.profileQuery, justification: args.justification };
    await (await dialogs()).beginDialog(REVOKE_DIALOG, options);
  };
}
