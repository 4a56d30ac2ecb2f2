import type { ProfileKind, ProfileSnapshot } from '../approvals/revoke-request';
import { WORK_PROFILE_MODE } from './profile-kinds';

/**
 * The only profile properties Token Guard ever asks Graph for. tokenValue, qrCodeContent,
 * qrCodeImage and wifiPassword are the secret: they are never selected, so they never reach memory.
 */
export const PROFILE_FIELDS = ['id', 'displayName', 'enrollmentMode', 'tokenExpirationDateTime', 'enrolledDeviceCount'] as const;

/**
 * A Graph profile object reduced to a ProfileSnapshot, field by field (never spread: a careless
 * server or proxy could still send the token, and it must not travel further).
 * Returns undefined when the object has no id. `kind` is the collection the object was read from.
 */
export function toProfileSnapshot(raw: unknown, kind: ProfileKind = 'device-owner'): ProfileSnapshot | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const profile = raw as Record<string, unknown>;
  if (typeof profile.id !== 'string' || profile.id === '') return undefined;
  return {
    id: profile.id,
    kind,
    displayName: typeof profile.displayName === 'string' ? profile.displayName : '',
    enrollmentMode: kind === 'work-profile' ? WORK_PROFILE_MODE : typeof profile.enrollmentMode === 'string' ? profile.enrollmentMode : 'unknown',
    tokenExpirationDateTime: tokenExpiration(profile.tokenExpirationDateTime),
    enrolledDeviceCount: typeof profile.enrolledDeviceCount === 'number' ? profile.enrolledDeviceCount : 0,
  };
}

/** Intune reports "no token" as DateTimeOffset.MinValue (0001-01-01T00:00:00Z); we say null. */
function tokenExpiration(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value.startsWith('0001-01-01')) return null;
  return value;
}
