import type { ProfileKind } from '../approvals/revoke-request';
import { toProfileSummary, type ProfileSummary } from './profile-summary';

/**
 * Everything `show` tells about a profile: every property that is not secret. tokenValue,
 * qrCodeContent, qrCodeImage and wifiPassword are never selected, so they never reach memory.
 */
export interface ProfileDetails extends ProfileSummary {
  description: string | null;
  enrollmentTokenType: string;
  createdDateTime: string | null;
  lastModifiedDateTime: string | null;
  tokenCreationDateTime: string | null;
  roleScopeTagIds: string[];
  wifiSsid: string | null;
  wifiSecurityType: string | null;
  wifiHidden: boolean;
  configureWifi: boolean;
  deviceNameTemplate: string | null;
  isTeamsDeviceProfile: boolean;
}

export const DETAIL_FIELDS = [
  'id',
  'displayName',
  'description',
  'enrollmentMode',
  'enrollmentTokenType',
  'createdDateTime',
  'lastModifiedDateTime',
  'tokenCreationDateTime',
  'tokenExpirationDateTime',
  'enrolledDeviceCount',
  'enrollmentTokenUsageCount',
  'roleScopeTagIds',
  'wifiSsid',
  'wifiSecurityType',
  'wifiHidden',
  'configureWifi',
  'deviceNameTemplate',
  'isTeamsDeviceProfile',
] as const;

/** A Graph profile object reduced to details; a work-profile object lacks the Device Owner-only fields (their defaults). */
export function toProfileDetails(raw: unknown, kind: ProfileKind = 'device-owner'): ProfileDetails | undefined {
  const summary = toProfileSummary(raw, kind);
  if (!summary) return undefined;
  const p = raw as Record<string, unknown>;
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const date = (value: unknown): string | null => {
    const t = text(value);
    return t && !t.startsWith('0001-01-01') ? t : null;
  };
  return {
    ...summary,
    description: text(p.description),
    enrollmentTokenType: text(p.enrollmentTokenType) ?? 'default',
    createdDateTime: date(p.createdDateTime),
    lastModifiedDateTime: date(p.lastModifiedDateTime),
    tokenCreationDateTime: date(p.tokenCreationDateTime),
    roleScopeTagIds: Array.isArray(p.roleScopeTagIds) ? p.roleScopeTagIds.filter((t): t is string => typeof t === 'string') : [],
    wifiSsid: text(p.wifiSsid),
    wifiSecurityType: text(p.wifiSecurityType),
    wifiHidden: p.wifiHidden === true,
    configureWifi: p.configureWifi === true,
    deviceNameTemplate: text(p.deviceNameTemplate),
    isTeamsDeviceProfile: p.isTeamsDeviceProfile === true,
  };
}
