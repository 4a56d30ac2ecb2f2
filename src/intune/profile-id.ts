/**
 * Intune's enrollment profile ids are GUIDs, and Intune answers a GET by any other key with
 * 400 BadRequest ("An error has occurred - Operation ID …"), not 404. So a typed word is tried as
 * an id only when it is GUID-shaped, and anything else is known not to be a profile without asking.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isProfileId(value: string): boolean {
  return GUID.test(value.trim());
}
