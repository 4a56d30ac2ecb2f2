import { buildProfile, TokenState } from './profile-factory';
import type { SimProfile } from './simulator-api';
import { numberFrom } from './stable-ids';

/**
 * `n` distinct profiles for volume tests (paging through 10,000 profiles, search cost).
 * Same n gives the same ids, names and token states on every run; dates are relative to `now`.
 * Names are unique ("Store 00042 Kiosks") and never equal a seeded name.
 */
const KINDS: { label: string; mode: SimProfile['enrollmentMode'] }[] = [
  { label: 'Kiosks', mode: 'corporateOwnedDedicatedDevice' },
  { label: 'Handhelds', mode: 'corporateOwnedDedicatedDevice' },
  { label: 'Managers', mode: 'corporateOwnedFullyManaged' },
  { label: 'Staff Phones', mode: 'corporateOwnedWorkProfile' },
  { label: 'Headsets', mode: 'corporateOwnedAOSPUserlessDevice' },
];
const STATES: TokenState[] = ['active', 'active', 'active', 'expired', 'none', 'revoked'];

export function generateProfiles(n: number, now: Date = new Date()): SimProfile[] {
  const profiles: SimProfile[] = [];
  for (let i = 1; i <= n; i++) {
    const key = `generated-${i}`;
    const kind = KINDS[i % KINDS.length];
    const tokenState = STATES[numberFrom(`${key}:state`, STATES.length)];
    profiles.push(
      buildProfile(
        {
          key,
          displayName: `Store ${String(i).padStart(5, '0')} ${kind.label}`,
          description: null,
          enrollmentMode: kind.mode,
          tokenState,
          expiresInDays: 1 + numberFrom(`${key}:expiry`, 89),
          enrolledDeviceCount: numberFrom(`${key}:devices`, 500),
          roleScopeTagIds: i % 7 === 0 ? ['0', String(1 + (i % 5))] : ['0'],
          ageDays: 100 + numberFrom(`${key}:age`, 900),
        },
        now,
      ),
    );
  }
  return profiles;
}
