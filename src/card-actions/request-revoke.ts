/**
 * "Request revoke" on a list or profile card: starts the revoke dialog for that profile in the
 * conversation of the card. The dialog asks for the justification there (a normal message), and
 * the person's next message answers it, exactly as after `revoke <profile>`.
 */
import { GraphFailure, isProfileId, type EnrollmentProfiles } from '../approvals/enrollment-profiles';
import { REVOKE_DIALOG, type RevokeDialogOptions } from '../commands/revoke-dialog';
import type { ClickHandler } from '../teams/route';

export function requestRevokeHandler(deps: { profiles: EnrollmentProfiles }): ClickHandler {
  return async ({ data, texts, dialogs }) => {
    if (!isProfileId(data.profileId)) return { message: texts.malformedAction() };
    let profile;
    try {
      profile = await deps.profiles.get(data.profileId);
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      return { message: texts.lookupFailed(error.failure) };
    }
    if (!profile) return { message: texts.profileGone() };
    const dialog = await dialogs();
    await dialog.cancelAllDialogs();
    const options: RevokeDialogOptions = { profileQuery: profile.id };
    await dialog.beginDialog(REVOKE_DIALOG, options);
    return { message: texts.requestRevokeStarted(profile.displayName) };
  };
}
