/**
 * The `list` card: one page of profiles (name, mode, token state, devices, and for AOSP profiles the
 * devices enrolled with the current token), each with a "Request revoke" button, and "Show more"
 * for the next page. Buttons carry only a profile id, or the search text and page number: nothing a
 * decision could be authorized on.
 */
import { en, type Messages } from '../i18n/en';
import type { ProfileSummary } from '../intune/profile-summary';
import { isAospMode, tokenStateOf } from '../intune/profile-summary';
import { kindOf } from '../intune/profile-kinds';
import { cardTimestamp } from './card-timestamp';
import profileListTemplate from './profile-list-card.json';
import { renderCard } from './render-card';

export const LIST_PAGE_SIZE = 10;

export interface ProfileListCardData {
  fallbackText: string;
  labels: { title: string; tokenActiveUntil: string; requestRevoke: string; showMore: string };
  range: string;
  rows: { id: string; name: string; details: string; tokenUntil?: string; tokenText?: string }[];
  more?: { query: string; page: number };
}

export interface ProfileListPage {
  /** The whole (filtered, sorted) list; the card shows one page of it. */
  profiles: readonly ProfileSummary[];
  /** 0-based. */
  page: number;
  query?: string;
  now: Date;
  messages?: Messages;
}

export function profileListCardData(input: ProfileListPage): ProfileListCardData {
  const m = input.messages ?? en;
  const text = m.listCard;
  const start = input.page * LIST_PAGE_SIZE;
  const shown = input.profiles.slice(start, start + LIST_PAGE_SIZE);
  const hasMore = start + LIST_PAGE_SIZE < input.profiles.length;
  return {
    fallbackText: text.fallbackText,
    labels: { title: text.title, tokenActiveUntil: text.tokenActiveUntil, requestRevoke: text.requestRevoke, showMore: text.showMore },
    range: text.range({ from: start + 1, to: start + shown.length, total: input.profiles.length, query: input.query }),
    rows: shown.map((profile) => {
      const state = tokenStateOf(profile, input.now);
      return {
        id: profile.id,
        name: profile.displayName || profile.id,
        details: [
          m.profileKind(kindOf(profile)),
          ...(kindOf(profile) === 'device-owner' ? [m.enrollmentMode(profile.enrollmentMode)] : []),
          text.devices({ count: profile.enrolledDeviceCount }),
          ...(isAospMode(profile.enrollmentMode) ? [text.aospEnrolledWithToken({ count: profile.tokenUsageCount })] : []),
        ].join(' · '),
        ...(state === 'active'
          ? { tokenUntil: cardTimestamp(profile.tokenExpirationDateTime!) }
          : { tokenText: state === 'expired' ? text.tokenExpired : text.tokenNone }),
      };
    }),
    ...(hasMore ? { more: { query: input.query ?? '', page: input.page + 1 } } : {}),
  };
}

export function buildProfileListCard(input: ProfileListPage): object {
  const card = renderCard(profileListTemplate, profileListCardData(input)) as { actions?: unknown[] };
  if (card.actions?.length === 0) delete card.actions;
  return card;
}
