import type { RequestOperation } from '../approvals/revoke-request';
import type { CommandHandler } from '../teams/route';
import type { RevokeArguments } from './parse-command';
import { REVOKE_DIALOG, type RevokeDialogOptions } from './revoke-dialog';

/** `revoke <profile> [justification]`: starts the revoke dialog, which asks for what is missing. */
export function revokeCommand(): CommandHandler<RevokeArguments> {
  return requestDialogCommand('revoke');
}

/** Starts the request dialog for an operation (revoke, rotate): the same questions, card and rules. */
export function requestDialogCommand(operation: RequestOperation): CommandHandler<RevokeArguments> {
  return async ({ context, dialogs, args, texts }) => {
    if (args.unterminatedQuote) return void (await context.sendActivity(texts.unterminatedQuote()));
    const options: RevokeDialogOptions = {
      profileQuery: args.profileQuery,
      justification: args.justification,
      ...(operation === 'revoke' ? {} : { operation }),
    };
    await (await dialogs()).beginDialog(REVOKE_DIALOG, options);
  };
}
