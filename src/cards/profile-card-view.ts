/**
 * The `show` card: every non-secret property of one profile, its open request and its last revokes.
 * The token value, QR code and Wi-Fi password are never read from Graph, so they cannot appear.
 */
import type { RevokeRequest } from '../approvals/revoke-request';
import type { AuditEntry } from '../approvals/audit-log';
import { en, type Messages } from '../i18n/en';
import type { ProfileDetails } from '../intune/profile-details';
import { kindOf } from '../intune/profile-kinds';
import { isAospMode, tokenStateOf } from '../intune/profile-summary';
import { cardTimestamp } from './card-timestamp';
import profileCardTemplate from './profile-card.json';
import { renderCard } from './render-card';

type ProfileCardMessages = Messages['profileCard'];
type ProfileCardLabels = { [K in keyof ProfileCardMessages as ProfileCardMessages[K] extends string ? K : never]: string };

export interface ProfileCardData {
  fallbackText: string;
  labels: ProfileCardLabels;
  profile: {
    id: string;
    name: string;
    description?: string;
    /** Device Owner or work profile. */
    kind: string;
    /** mode, tokenType, scopeTags, wifi, teamsDevice: Device Owner properties; a work-profile profile has none of them. */
    mode?: string;
    tokenType?: string;
    tokenState: string;
    tokenCreatedAt?: string;
    tokenExpiresAt?: string;
    enrolledDevices: string;
    /** enrollmentTokenUsageCount: defined by Microsoft for AOSP profiles only, so shown only for them. */
    aospDevicesWithToken?: string;
    scopeTags?: string;
    wifi?: string;
    deviceNameTemplate?: string;
    teamsDevice?: string;
    createdAt?: string;
    modifiedAt?: string;
  };
  pending?: { requestId: string; state: string; requesterName: string; requestedAt: string };
  revokes: { outcome: string; at: string; requestId: string; graphRequestId?: string }[];
  canRequest: boolean;
}

export interface ProfileCardInput {
  profile: ProfileDetails;
  /** The profile's open request, if any. */
  openRequest?: RevokeRequest;
  /** revoke.succeeded / revoke.failed entries of the profile, newest first. */
  revokes: readonly AuditEntry[];
  now: Date;
  messages?: Messages;
}

export function profileCardData(input: ProfileCardInput): ProfileCardData {
  const m = input.messages ?? en;
  const text = m.profileCard;
  const p = input.profile;
  const state = tokenStateOf(p, input.now);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(text)) if (typeof value === 'string') labels[key] = value;
  const optional = <K extends string>(key: K, value: string | null | undefined) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
  const deviceOwner = kindOf(p) === 'device-owner';
  return {
    fallbackText: text.fallbackText({ profileName: p.displayName }),
    labels: labels as ProfileCardLabels,
    profile: {
      id: p.id,
      name: p.displayName || p.id,
      ...optional('description', p.description),
      kind: m.profileKind(kindOf(p)),
      ...(deviceOwner ? { mode: m.enrollmentMode(p.enrollmentMode), tokenType: p.enrollmentTokenType } : {}),
      tokenState: state === 'active' ? text.tokenActive : state === 'expired' ? text.tokenExpired : text.tokenNone,
      ...optional('tokenCreatedAt', p.tokenCreationDateTime && cardTimestamp(p.tokenCreationDateTime)),
      ...optional('tokenExpiresAt', p.tokenExpirationDateTime && cardTimestamp(p.tokenExpirationDateTime)),
      enrolledDevices: String(p.enrolledDeviceCount),
      ...(isAospMode(p.enrollmentMode) ? { aospDevicesWithToken: String(p.tokenUsageCount) } : {}),
      ...(deviceOwner
        ? {
            scopeTags: p.roleScopeTagIds.join(', ') || '—',
            wifi: p.configureWifi && p.wifiSsid ? `${p.wifiSsid} (${p.wifiSecurityType ?? 'none'}${p.wifiHidden ? `, ${text.wifiHidden}` : ''})` : text.wifiNone,
            teamsDevice: p.isTeamsDeviceProfile ? text.yes : text.no,
          }
        : {}),
      ...optional('deviceNameTemplate', p.deviceNameTemplate),
      ...optional('createdAt', p.createdDateTime && cardTimestamp(p.createdDateTime)),
      ...optional('modifiedAt', p.lastModifiedDateTime && cardTimestamp(p.lastModifiedDateTime)),
    },
    ...(input.openRequest
      ? {
          pending: {
            requestId: input.openRequest.id,
            state: m.pendingCard.state[input.openRequest.state],
            requesterName: input.openRequest.requester.name,
            requestedAt: cardTimestamp(input.openRequest.createdAt),
          },
        }
      : {}),
    revokes: input.revokes.map((entry) => ({
      outcome: entry.action === 'revoke.succeeded' ? text.revokeSucceeded : text.revokeFailed,
      at: cardTimestamp(entry.at),
      requestId: entry.requestId ?? '—',
      ...(entry.graphRequestId ? { graphRequestId: entry.graphRequestId } : {}),
    })),
    canRequest: !input.openRequest,
  };
}

export function buildProfileCard(input: ProfileCardInput): object {
  const card = renderCard(profileCardTemplate, profileCardData(input)) as { actions?: unknown[] };
  if (card.actions?.length === 0) delete card.actions;
  return card;
}
