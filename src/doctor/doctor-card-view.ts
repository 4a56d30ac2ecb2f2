/**
 * The `doctor` card: the same checks as `npm run doctor`, for approvers in Teams. Found and fix
 * texts are plain TextRuns (never markdown, never links): they can echo setting values.
 */
import type { CheckResult, DoctorReport } from './doctor-check';
import { cardTimestamp } from '../cards/card-timestamp';
import doctorTemplate from './doctor-card.json';
import { renderCard } from '../cards/render-card';
import { CARD_ROW_NAME_MAX, shortened } from '../cards/card-text';

/**
 * Most code points of a check's finding and of its fix on the card. Both are ours, but they echo
 * setting values and the answers of Entra, Graph and storage; `npm run doctor` prints them whole.
 */
export const DOCTOR_FOUND_MAX = 160;
export const DOCTOR_FIX_MAX = 120;

export interface DoctorCardData {
  fallbackText: string;
  title: string;
  summary: string;
  summaryColor: 'Good' | 'Attention';
  checkedAtLabel: string;
  checkedAt: string;
  fixLabel: string;
  checks: { mark: string; color: 'Good' | 'Attention' | 'Default'; title: string; found: string; fix?: string }[];
}

const MARK: Record<CheckResult['status'], { mark: string; color: DoctorCardData['checks'][number]['color'] }> = {
  pass: { mark: '✔', color: 'Good' },
  fail: { mark: '✘', color: 'Attention' },
  skip: { mark: '–', color: 'Default' },
};

export function doctorCardData(report: DoctorReport): DoctorCardData {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  const summary = failed === 0 ? `Ready: ${passed} checks passed.` : `${failed} check${failed === 1 ? '' : 's'} failed, ${passed} passed.`;
  return {
    fallbackText: `Token Guard doctor: ${summary}`,
    title: 'Token Guard doctor',
    summary,
    summaryColor: failed === 0 ? 'Good' : 'Attention',
    checkedAtLabel: 'Checked',
    checkedAt: cardTimestamp(report.checkedAt),
    fixLabel: 'Fix:',
    checks: report.checks.map((check) => ({
      ...MARK[check.status],
      title: shortened(check.title, CARD_ROW_NAME_MAX),
      found: shortened(check.found, DOCTOR_FOUND_MAX),
      ...(check.fix ? { fix: shortened(check.fix, DOCTOR_FIX_MAX) } : {}),
    })),
  };
}

export function doctorCard(report: DoctorReport): object {
  return renderCard(doctorTemplate, doctorCardData(report));
}
