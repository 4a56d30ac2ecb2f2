import type { ProfileKind } from '../approvals/revoke-request';

/**
 * The two Intune collections of Android enrollment profiles Token Guard covers. Both have
 * revokeToken and createToken with the same permission; the work-profile type has fewer properties
 * (no enrollmentMode, tokenCreationDateTime, enrollmentTokenUsageCount, Wi-Fi, scope tags…), and
 * OData answers a $select of a property a type lacks with 400, so each kind is asked only for its own.
 */
export const PROFILE_KINDS: readonly ProfileKind[] = ['device-owner', 'work-profile'];

const COLLECTIONS: Record<ProfileKind, string> = {
  'device-owner': '/deviceManagement/androidDeviceOwnerEnrollmentProfiles',
  'work-profile': '/deviceManagement/androidForWorkEnrollmentProfiles',
};

/** androidForWorkEnrollmentProfile's non-secret properties (tokenValue, qrCodeContent, qrCodeImage are never asked for). */
const WORK_PROFILE_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'accountId',
  'displayName',
  'description',
  'createdDateTime',
  'lastModifiedDateTime',
  'tokenExpirationDateTime',
  'enrolledDeviceCount',
]);

/**
 * Graph has no enrollmentMode for a work-profile profile; its snapshot carries this stand-in so that
 * every place that names a profile's mode names its kind instead of an empty string.
 */
export const WORK_PROFILE_MODE = 'androidForWorkProfile';

/** The Graph collection path (after the version) of a kind. */
export function collectionOf(kind: ProfileKind): string {
  return COLLECTIONS[kind];
}

/** A stored profile's kind: requests stored before work-profile support are Device Owner. */
export function kindOf(profile: { kind?: ProfileKind }): ProfileKind {
  return profile.kind ?? 'device-owner';
}

/** The fields of `fields` that the kind's type has: what a $select may ask of it. */
export function fieldsFor(kind: ProfileKind, fields: readonly string[]): string[] {
  return kind === 'device-owner' ? [...fields] : fields.filter((field) => WORK_PROFILE_PROPERTIES.has(field));
}
