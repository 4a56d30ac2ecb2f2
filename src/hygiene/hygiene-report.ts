/**
 * The token hygiene report: which active enrollment tokens should die before they leak. Pure:
 * profiles and a time in, rows out. A profile in several categories is one row carrying every
 * reason (an admin acts once per token), and counts in every category it falls in.
 */
import type { ProfileKind } from '../approvals/revoke-request';
import type { ProfileSummary } from '../intune/profile-summary';
import { tokenStateOf } from '../intune/profile-summary';

/** In the order an admin should act on them: soonest trouble first. */
export const HYGIENE_CATEGORIES = ['expiring', 'no-devices', 'old', 'long-lived'] as const;
export type HygieneCategory = (typeof HYGIENE_CATEGORIES)[number];

export interface HygieneThresholds {
  /** HYGIENE_EXPIRING_DAYS: a token that expires within this many days is "renew soon". */
  expiringDays: number;
  /** HYGIENE_LONG_LIVED_DAYS: a token valid for more than this many days from now is long-lived. */
  longLivedDays: number;
  /** HYGIENE_OLD_TOKEN_DAYS: a token created more than this many days ago and still valid is old. */
  oldTokenDays: number;
}

export const DEFAULT_HYGIENE_THRESHOLDS: HygieneThresholds = { expiringDays: 14, longLivedDays: 90, oldTokenDays: 180 };

export interface HygieneRow {
  profile: ProfileSummary;
  kind: ProfileKind;
  /** Every category the token falls in, in HYGIENE_CATEGORIES order. */
  reasons: HygieneCategory[];
  /** Whole days until the token expires, rounded down (0: today). */
  expiresInDays: number;
  /** Whole days since the token was created, when Intune says (Device Owner profiles only). */
  createdDaysAgo?: number;
}

export interface HygieneReport {
  at: string;
  thresholds: HygieneThresholds;
  /** How many tokens fall in each category (a row may count in several). */
  counts: Record<HygieneCategory, number>;
  rows: HygieneRow[];
  /** Active tokens looked at. */
  activeTokens: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** The categories one profile's token falls in at `now`; empty for a profile without an active token. */
export function hygieneReasons(profile: ProfileSummary, now: Date, thresholds: HygieneThresholds): HygieneCategory[] {
  if (tokenStateOf(profile, now) !== 'active') return [];
  const leftMs = Date.parse(profile.tokenExpirationDateTime!) - now.getTime();
  const reasons: HygieneCategory[] = [];
  if (leftMs <= thresholds.expiringDays * DAY_MS) reasons.push('expiring');
  if (profile.enrolledDeviceCount === 0) reasons.push('no-devices');
  const created = profile.tokenCreationDateTime ? Date.parse(profile.tokenCreationDateTime) : NaN;
  if (Number.isFinite(created) && now.getTime() - created > thresholds.oldTokenDays * DAY_MS) reasons.push('old');
  if (leftMs > thresholds.longLivedDays * DAY_MS) reasons.push('long-lived');
  return reasons;
}

export function buildHygieneReport(profiles: readonly ProfileSummary[], now: Date, thresholds: HygieneThresholds): HygieneReport {
  const counts = Object.fromEntries(HYGIENE_CATEGORIES.map((c) => [c, 0])) as Record<HygieneCategory, number>;
  const rows: HygieneRow[] = [];
  let activeTokens = 0;
  for (const profile of profiles) {
    if (tokenStateOf(profile, now) !== 'active') continue;
    activeTokens++;
    const reasons = hygieneReasons(profile, now, thresholds);
    if (reasons.length === 0) continue;
    for (const reason of reasons) counts[reason]++;
    const created = profile.tokenCreationDateTime ? Date.parse(profile.tokenCreationDateTime) : NaN;
    rows.push({
      profile,
      kind: profile.kind ?? 'device-owner',
      reasons,
      expiresInDays: Math.floor((Date.parse(profile.tokenExpirationDateTime!) - now.getTime()) / DAY_MS),
      ...(Number.isFinite(created) ? { createdDaysAgo: Math.floor((now.getTime() - created) / DAY_MS) } : {}),
    });
  }
  rows.sort(byUrgency);
  return { at: now.toISOString(), thresholds, counts, rows, activeTokens };
}

/** By the most urgent reason, then the soonest expiry, then name and id (stable pages). */
function byUrgency(a: HygieneRow, b: HygieneRow): number {
  const rank = (row: HygieneRow) => HYGIENE_CATEGORIES.indexOf(row.reasons[0]);
  return (
    rank(a) - rank(b) ||
    Date.parse(a.profile.tokenExpirationDateTime!) - Date.parse(b.profile.tokenExpirationDateTime!) ||
    a.profile.displayName.localeCompare(b.profile.displayName) ||
    (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0)
  );
}
