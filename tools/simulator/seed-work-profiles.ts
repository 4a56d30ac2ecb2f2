import { buildWorkProfile, type WorkProfileSpec } from './profile-factory';
import type { SimWorkProfile } from './simulator-api';

/**
 * The standard tenant's Android work-profile enrollment profiles (androidForWorkEnrollmentProfiles):
 * active, expired, never-created and already-revoked tokens. Names never equal, nor contain, a
 * Device Owner seed's name, so existing lookups stay unambiguous. Ids are stable across runs;
 * dates are relative to `now`.
 */
const SEEDS: WorkProfileSpec[] = [
  { key: 'wp-sales-staff', displayName: 'Work Profile Sales Staff', description: 'Personal phones of the sales force', tokenState: 'active', expiresInDays: 40, enrolledDeviceCount: 310 },
  { key: 'wp-contractors', displayName: 'Work Profile Contractors', description: 'External contractors, 6-month contracts', tokenState: 'active', expiresInDays: 12, enrolledDeviceCount: 47 },
  { key: 'wp-engineering', displayName: 'Work Profile Engineering', tokenState: 'active', expiresInDays: 75, enrolledDeviceCount: 128 },
  { key: 'wp-legacy-byod', displayName: 'Work Profile Legacy BYOD', description: 'Replaced by the new onboarding flow', tokenState: 'expired', enrolledDeviceCount: 19 },
  { key: 'wp-interns', displayName: 'Work Profile Interns', description: 'Token never created', tokenState: 'none', enrolledDeviceCount: 0 },
  { key: 'wp-call-centre', displayName: 'Work Profile Call Centre', description: 'Token revoked after an audit finding', tokenState: 'revoked', enrolledDeviceCount: 64 },
  { key: 'wp-partner-byod', displayName: 'Partner BYOD', description: 'Long-lived token, no device enrolled yet', tokenState: 'active', expiresInDays: 200, enrolledDeviceCount: 0 },
  { key: 'wp-atendimento', displayName: 'Perfil de Trabalho Atendimento', description: 'Equipe de atendimento ao cliente', tokenState: 'active', expiresInDays: 55, enrolledDeviceCount: 23 },
];

export function seedWorkProfiles(now: Date = new Date()): SimWorkProfile[] {
  return SEEDS.map((spec) => buildWorkProfile(spec, now));
}
