import type { ProfileKind, ProfileSnapshot } from '../approvals/revoke-request';
import { toProfileSnapshot } from './profile-snapshot';

/**
 * One row of `list`: what a snapshot has plus Graph's enrollmentTokenUsageCount. Only these fields
 * are asked of Graph when listing ($select), so 10,000 profiles stay a few MB.
 */
export interface ProfileSummary extends ProfileSnapshot {
  /** enrollmentTokenUsageCount: "AOSP devices enrolled using the current token" — not a general use count. */
  tokenUsageCount: number;
  /** tokenCreationDateTime (Device Owner profiles only; null when unknown): the hygiene report's "old token". */
  tokenCreationDateTime?: string | null;
}

/** The AOSP enrollment modes, the only ones for which Microsoft defines enrollmentTokenUsageCount. */
export function isAospMode(enrollmentMode: string): boolean {
  return enrollmentMode === 'corporateOwnedAOSPUserlessDevice' || enrollmentMode === 'corporateOwnedAOSPUserAssociatedDevice';
}

export const SUMMARY_FIELDS = [
  'id',
  'displayName',
  'enrollmentMode',
  'tokenExpirationDateTime',
  'enrolledDeviceCount',
  'enrollmentTokenUsageCount',
  'tokenCreationDateTime',
] as const;

/** A Graph profile object reduced to a summary, field by field (never spread). */
export function toProfileSummary(raw: unknown, kind: ProfileKind = 'device-owner'): ProfileSummary | undefined {
  const snapshot = toProfileSnapshot(raw, kind);
  if (!snapshot) return undefined;
  const { enrollmentTokenUsageCount: usage, tokenCreationDateTime: created } = raw as Record<string, unknown>;
  return {
    ...snapshot,
    tokenUsageCount: typeof usage === 'number' ? usage : 0,
    // Intune says "never" as 0001-01-01.
    tokenCreationDateTime: typeof created === 'string' && created !== '' && !created.startsWith('0001-01-01') ? created : null,
  };
}

/** The snapshot part alone (what a request stores). */
export function snapshotOf(profile: ProfileSnapshot): ProfileSnapshot {
  return {
    id: profile.id,
    kind: profile.kind ?? 'device-owner',
    displayName: profile.displayName,
    enrollmentMode: profile.enrollmentMode,
    tokenExpirationDateTime: profile.tokenExpirationDateTime,
    enrolledDeviceCount: profile.enrolledDeviceCount,
  };
}

export type TokenState = 'active' | 'expired' | 'none';

/** No token (never created), expired (also: revoked, which Intune shows as expiring now), or active. */
export function tokenStateOf(profile: Pick<ProfileSnapshot, 'tokenExpirationDateTime'>, now: Date): TokenState {
  if (!profile.tokenExpirationDateTime) return 'none';
  return Date.parse(profile.tokenExpirationDateTime) > now.getTime() ? 'active' : 'expired';
}
