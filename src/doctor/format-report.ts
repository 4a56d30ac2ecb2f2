/** The doctor's report as text for a terminal: ✔/✘ per check, what was found, and the fix. */
import type { CheckResult, DoctorReport } from './doctor-check';

const MARK: Record<CheckResult['status'], string> = { pass: '✔', fail: '✘', skip: '–' };

export function formatReport(report: DoctorReport): string {
  const lines = ['Token Guard doctor: the settings `npm start` reads, checked against the endpoints they name.', ''];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.title}: ${check.found}`);
    if (check.fix) lines.push(`    fix: ${check.fix}`);
  }
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} not applicable.${report.ok ? ' Ready.' : ''}`);
  return lines.join('\n') + '\n';
}

/** For monitors (`/healthz?deep=1`): no found/fix text (ids, tenant, URLs), only what passed. */
export function publicReport(report: DoctorReport): { status: 'ok' | 'failing'; checkedAt: string; checks: { id: string; status: CheckResult['status'] }[] } {
  return { status: report.ok ? 'ok' : 'failing', checkedAt: report.checkedAt, checks: report.checks.map(({ id, status }) => ({ id, status })) };
}
