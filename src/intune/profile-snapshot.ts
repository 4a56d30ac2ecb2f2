import type { ProfileSnapshot } from '../approvals/revoke-request';

/**
 * The only profile properties Token Guard ever asks Graph for. tokenValue, qrCodeContent,
 * qrCodeImage and wifiPassword are the secret: they are never selected, so they never reach memory.
 */
export const PROFILE_FIELDS = ['id', 'displayName', 'enrollmentMode', 'tokenExpirationDateTime', 'enrolledDeviceCount'] as const;

/**
 * A Graph profile object reduced to a ProfileSnapshot, field by field (never spread: a careless
 * server or proxy could still send the token, and it must not travel further).
 * Returns undefined when the object has no id.
 */
export function toProfileSnapshot(raw: unknown): ProfileSnapshot | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const profile = raw as Record<string, unknown>;
  if (typeof profile.id !== 'string' || profile.id === '') return undefined;
  return {
    id: profile.id,
    displayName: typeof profile.displayName === 'string' ? profile.displayName : '',
    enrollmentMode: typeof profile.enrollmentMode === 'string' ? profile.enrollmentMode : 'unknown',
    tokenExpirationDateTime: tokenExpiration(profile.tokenExpirationDateTime),
    enrolledDeviceCount: typeof profile.enrolledDeviceCount === 'number' ? profile.enrolledDeviceCount : 0,
  };
}

/** Intune reports "no token" as DateTimeOffset.MinValue (0001-01-01T00:00:00Z); we say null. */
function tokenExpiration(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value.startsWith('0001-01-01')) return null;
  return value;
}
