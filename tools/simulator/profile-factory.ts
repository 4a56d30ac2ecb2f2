import { createHash } from 'node:crypto';
import type { SimProfile, SimWorkProfile } from './simulator-api';
import { guidFrom, lettersFrom } from './stable-ids';

/**
 * Builds full Graph enrollment-profile resources from a short description, including the secret
 * parts (token, QR content/image, Wi-Fi password) so tests can prove the bot never shows them.
 */

/** Intune's value for a date that was never set (e.g. a profile whose token was never created). */
export const NEVER = '0001-01-01T00:00:00Z';
export const INTUNE_ACCOUNT_ID = guidFrom('intune-account');

const DAY_MS = 24 * 3600 * 1000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type TokenState = 'active' | 'expired' | 'none' | 'revoked';

export interface ProfileSpec {
  /** Distinguishes profiles that share a display name; part of the stable id. */
  key: string;
  displayName: string;
  description?: string | null;
  enrollmentMode: SimProfile['enrollmentMode'];
  enrollmentTokenType?: SimProfile['enrollmentTokenType'];
  tokenState: TokenState;
  /** For active tokens: days until expiry (fractions allowed). Default 60. */
  expiresInDays?: number;
  enrolledDeviceCount: number;
  enrollmentTokenUsageCount?: number;
  roleScopeTagIds?: string[];
  wifi?: { ssid: string; password: string; security: 'wpa' | 'wep'; hidden?: boolean };
  deviceNameTemplate?: string | null;
  isTeamsDeviceProfile?: boolean;
  /** How long ago the profile was created. Default 400 days. */
  ageDays?: number;
  /** For active tokens: how long ago the token was created. Default: 90 days before it expires, never in the future. */
  tokenAgeDays?: number;
}

export function buildProfile(spec: ProfileSpec, now: Date): SimProfile {
  const created = new Date(now.getTime() - (spec.ageDays ?? 400) * DAY_MS);
  const profile: SimProfile = {
    id: guidFrom(`profile:${spec.key}`),
    accountId: INTUNE_ACCOUNT_ID,
    displayName: spec.displayName,
    description: spec.description === undefined ? null : spec.description,
    enrollmentMode: spec.enrollmentMode,
    enrollmentTokenType: spec.enrollmentTokenType ?? 'default',
    createdDateTime: created.toISOString(),
    lastModifiedDateTime: created.toISOString(),
    tokenValue: null,
    tokenCreationDateTime: NEVER,
    tokenExpirationDateTime: NEVER,
    enrolledDeviceCount: spec.enrolledDeviceCount,
    enrollmentTokenUsageCount: spec.enrollmentTokenUsageCount ?? 0,
    qrCodeContent: null,
    qrCodeImage: null,
    roleScopeTagIds: spec.roleScopeTagIds ?? ['0'],
    wifiSsid: spec.wifi?.ssid ?? null,
    wifiPassword: spec.wifi?.password ?? null,
    wifiSecurityType: spec.wifi?.security ?? 'none',
    wifiHidden: spec.wifi?.hidden ?? false,
    configureWifi: spec.wifi !== undefined,
    deviceNameTemplate: spec.deviceNameTemplate ?? null,
    isTeamsDeviceProfile: spec.isTeamsDeviceProfile ?? false,
  };
  switch (spec.tokenState) {
    case 'none':
      return profile;
    case 'active': {
      const expiresInMs = (spec.expiresInDays ?? 60) * DAY_MS;
      const createdAt =
        spec.tokenAgeDays !== undefined
          ? new Date(now.getTime() - spec.tokenAgeDays * DAY_MS)
          : new Date(Math.min(now.getTime(), Math.max(created.getTime(), now.getTime() + expiresInMs - 90 * DAY_MS)));
      return { ...profile, ...issueToken(profile, `${spec.key}:initial`, createdAt, new Date(now.getTime() + expiresInMs)) };
    }
    case 'expired': {
      const createdAt = new Date(now.getTime() - 120 * DAY_MS);
      return { ...profile, ...issueToken(profile, `${spec.key}:initial`, createdAt, new Date(createdAt.getTime() + 90 * DAY_MS)) };
    }
    case 'revoked': {
      const createdAt = new Date(now.getTime() - 30 * DAY_MS);
      const revokedAt = new Date(now.getTime() - 2 * DAY_MS).toISOString();
      return { ...profile, tokenCreationDateTime: createdAt.toISOString(), tokenExpirationDateTime: revokedAt, lastModifiedDateTime: revokedAt };
    }
  }
}

/** The token-related properties after (re)creating a token, as createToken leaves them. */
export function issueToken(profile: SimProfile, seed: string, createdAt: Date, expiresAt: Date): Partial<SimProfile> {
  return {
    ...tokenMaterial(profile, seed),
    tokenCreationDateTime: createdAt.toISOString(),
    tokenExpirationDateTime: expiresAt.toISOString(),
    lastModifiedDateTime: createdAt.toISOString(),
  };
}

/** The same for a work-profile profile, whose type has no tokenCreationDateTime. */
export function issueWorkProfileToken(profile: SimWorkProfile, seed: string, createdAt: Date, expiresAt: Date): Partial<SimWorkProfile> {
  return { ...tokenMaterial(profile, seed), tokenExpirationDateTime: expiresAt.toISOString(), lastModifiedDateTime: createdAt.toISOString() };
}

export interface WorkProfileSpec {
  key: string;
  displayName: string;
  description?: string | null;
  /** 'none' and 'revoked' as for Device Owner profiles. */
  tokenState: TokenState;
  expiresInDays?: number;
  enrolledDeviceCount: number;
  ageDays?: number;
}

export function buildWorkProfile(spec: WorkProfileSpec, now: Date): SimWorkProfile {
  const created = new Date(now.getTime() - (spec.ageDays ?? 400) * DAY_MS);
  const profile: SimWorkProfile = {
    id: guidFrom(`work-profile:${spec.key}`),
    accountId: INTUNE_ACCOUNT_ID,
    displayName: spec.displayName,
    description: spec.description === undefined ? null : spec.description,
    createdDateTime: created.toISOString(),
    lastModifiedDateTime: created.toISOString(),
    tokenValue: null,
    tokenExpirationDateTime: NEVER,
    enrolledDeviceCount: spec.enrolledDeviceCount,
    qrCodeContent: null,
    qrCodeImage: null,
  };
  switch (spec.tokenState) {
    case 'none':
      return profile;
    case 'active': {
      const expiresInMs = (spec.expiresInDays ?? 60) * DAY_MS;
      const createdAt = new Date(Math.max(created.getTime(), now.getTime() + expiresInMs - 90 * DAY_MS));
      return { ...profile, ...issueWorkProfileToken(profile, `${spec.key}:initial`, createdAt, new Date(now.getTime() + expiresInMs)) };
    }
    case 'expired': {
      const createdAt = new Date(now.getTime() - 120 * DAY_MS);
      return { ...profile, ...issueWorkProfileToken(profile, `${spec.key}:initial`, createdAt, new Date(createdAt.getTime() + 90 * DAY_MS)) };
    }
    case 'revoked': {
      const revokedAt = new Date(now.getTime() - 2 * DAY_MS).toISOString();
      return { ...profile, tokenExpirationDateTime: revokedAt, lastModifiedDateTime: revokedAt };
    }
  }
}

/** A token, its provisioning JSON and QR picture: unique per profile and seed, so a leak is detectable by value. */
function tokenMaterial(
  profile: { id: string; configureWifi?: boolean; wifiSsid?: string | null; wifiPassword?: string | null; wifiSecurityType?: string },
  seed: string,
): { tokenValue: string; qrCodeContent: string; qrCodeImage: { type: string; value: string } } {
  const tokenValue = lettersFrom(`token:${profile.id}:${seed}`, 20);
  const qrCodeContent = JSON.stringify({
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_COMPONENT_NAME': 'com.google.android.apps.work.clouddpc/.receivers.CloudDeviceAdminReceiver',
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_SIGNATURE_CHECKSUM': 'I5YvS0O5hXY46mb01BlRjq4oJJGs2kuUcHvVkAPEXlg',
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_PACKAGE_DOWNLOAD_LOCATION': 'https://play.google.com/managed/downloadManagingApp?identifier=setup',
    ...(profile.configureWifi && profile.wifiSsid
      ? {
          'android.app.extra.PROVISIONING_WIFI_SSID': profile.wifiSsid,
          'android.app.extra.PROVISIONING_WIFI_PASSWORD': profile.wifiPassword ?? '',
          'android.app.extra.PROVISIONING_WIFI_SECURITY_TYPE': (profile.wifiSecurityType ?? 'none').toUpperCase(),
        }
      : {}),
    'android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE': { 'com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN': tokenValue },
  });
  // Not a drawable PNG, but PNG-signed and unique per token so a leak is detectable by value.
  const picture = Buffer.concat([PNG_SIGNATURE, createHash('sha256').update(qrCodeContent).digest()]);
  return { tokenValue, qrCodeContent, qrCodeImage: { type: 'image/png', value: picture.toString('base64') } };
}
