import type { CommandHandler } from '../teams/route';
import type { RevokeArguments } from './parse-command';
import { requestDialogCommand } from './revoke-command';

/**
 * `rotate <profile> [justification]`: the revoke dialog and approval card, for a request whose
 * approval revokes the token and then creates a new one (ROTATE_TOKEN_DAYS).
 */
export function rotateCommand(): CommandHandler<RevokeArguments> {
  return requestDialogCommand('rotate');
}
