/**
 * The `report` card (token hygiene): a heading with how many tokens fall in each category, then
 * one page of tokens, each once with every reason it is listed for, and a "Request revoke" button
 * (the list card's flow). "Show more" pages like `list`. Buttons carry only a profile id or a page
 * number: nothing a decision could be authorized on.
 */
import { en, type Messages } from '../i18n/en';
import { HYGIENE_CATEGORIES, type HygieneCategory, type HygieneReport, type HygieneRow } from '../hygiene/hygiene-report';
import { CARD_NAME_MAX, CARD_ROW_NAME_MAX, shortened } from './card-text';
import { cardTimestamp } from './card-timestamp';
import hygieneTemplate from './hygiene-card.json';
import { renderCard } from './render-card';

/** Ten rows of at most ~1.5 KB each (names are Intune's, up to 200 characters) keep a page near 12 KB. */
export const REPORT_PAGE_SIZE = 10;

export interface HygieneCardData {
  fallbackText: string;
  labels: { title: string; tokenExpires: string; requestRevoke: string; showMore: string };
  summary: string;
  origin?: string;
  counts: { label: string; count: string }[];
  renewHint?: string;
  range?: string;
  rows: { id: string; name: string; details: string; tokenUntil: string; why: string }[];
  more?: { page: number };
}

export interface HygieneCardInput {
  report: HygieneReport;
  /** 0-based. */
  page: number;
  /** Who asked for it (a name), or 'scheduled'. */
  origin?: { scheduled: true } | { askedBy: string };
  messages?: Messages;
}

export function hygieneCardData(input: HygieneCardInput): HygieneCardData {
  const m = input.messages ?? en;
  const text = m.hygieneCard;
  const { report } = input;
  const t = report.thresholds;
  const days: Record<HygieneCategory, number> = { expiring: t.expiringDays, 'no-devices': 0, old: t.oldTokenDays, 'long-lived': t.longLivedDays };
  const start = input.page * REPORT_PAGE_SIZE;
  const shown = report.rows.slice(start, start + REPORT_PAGE_SIZE);
  const origin = input.origin && ('scheduled' in input.origin ? text.scheduled : text.askedBy({ name: shortened(input.origin.askedBy, CARD_NAME_MAX) }));
  return {
    fallbackText: text.fallbackText({ count: report.rows.length }),
    labels: { title: text.title, tokenExpires: text.tokenExpires, requestRevoke: text.requestRevoke, showMore: text.showMore },
    summary: text.summary({ count: report.rows.length, active: report.activeTokens }),
    ...(origin ? { origin } : {}),
    counts: HYGIENE_CATEGORIES.map((category) => ({ label: text.category[category]({ days: days[category] }), count: String(report.counts[category]) })),
    ...(report.counts.expiring > 0 ? { renewHint: text.renewHint } : {}),
    ...(shown.length > 0 ? { range: text.range({ from: start + 1, to: start + shown.length, total: report.rows.length }) } : {}),
    rows: shown.map((row) => rowData(row, m)),
    ...(start + REPORT_PAGE_SIZE < report.rows.length ? { more: { page: input.page + 1 } } : {}),
  };
}

function rowData(row: HygieneRow, m: Messages): HygieneCardData['rows'][number] {
  const text = m.hygieneCard;
  const why = row.reasons.map((reason) => {
    switch (reason) {
      case 'expiring':
        return text.reason.expiring({ days: row.expiresInDays });
      case 'no-devices':
        return text.reason['no-devices']();
      case 'old':
        return text.reason.old({ days: row.createdDaysAgo });
      case 'long-lived':
        return text.reason['long-lived']({ days: row.expiresInDays });
    }
  });
  return {
    id: row.profile.id,
    name: shortened(row.profile.displayName || row.profile.id, CARD_ROW_NAME_MAX),
    details: [
      m.profileKind(row.kind),
      // A work-profile profile has no mode in Graph: its kind says it all.
      ...(row.kind === 'device-owner' ? [m.enrollmentMode(row.profile.enrollmentMode)] : []),
      m.listCard.devices({ count: row.profile.enrolledDeviceCount }),
    ].join(' · '),
    tokenUntil: cardTimestamp(row.profile.tokenExpirationDateTime!),
    why: why.join(' · '),
  };
}

export function buildHygieneCard(input: HygieneCardInput): object {
  const card = renderCard(hygieneTemplate, hygieneCardData(input)) as { actions?: unknown[] };
  if (card.actions?.length === 0) delete card.actions;
  return card;
}
