/**
 * "Request revoke" on a list or profile card: starts the revoke dialog for that profile in the
 * conversation of the card. The dialog asks for the justification there (a normal message), and
 * the person's next message answers it, exactly as after `revoke <profile>`.
 */
import type { BotState } from 'botbuilder';
import type { DialogSet } from 'botbuilder-dialogs';
import { REVOKE_DIALOG, type RevokeDialogOptions } from '../commands/revoke-dialog';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { EnrollmentProfiles } from '../approvals/enrollment-profiles';
import type { CardCommandHandler } from './card-command';

const PROFILE_ID = /^[\w.~-]{1,128}$/;

export function requestRevokeHandler(deps: { dialogs: DialogSet; dialogState: BotState; profiles: EnrollmentProfiles }): CardCommandHandler {
  return {
    verb: 'request-revoke',
    action: 'request',
    async handle({ context, data, texts }) {
      const profileId = typeof data.profileId === 'string' ? data.profileId : '';
      if (!PROFILE_ID.test(profileId)) return { message: texts.malformedAction() };
      let profile;
      try {
        profile = await deps.profiles.get(profileId);
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        return { message: texts.lookupFailed(error.failure) };
      }
      if (!profile) return { message: texts.profileGone() };
      const dialogs = await deps.dialogs.createContext(context);
      try {
        await dialogs.cancelAllDialogs();
        const options: RevokeDialogOptions = { profileQuery: profile.id };
        await dialogs.beginDialog(REVOKE_DIALOG, options);
      } finally {
        await deps.dialogState.saveChanges(context);
      }
      return { message: texts.requestRevokeStarted(profile.displayName) };
    },
  };
}
