/**
 * One finding of `npm run doctor` (and of the `doctor` chat command and `/healthz?deep=1`): what
 * was checked, whether it passed, what was found, and the exact fix. Never a secret in any field.
 */
export type CheckStatus = 'pass' | 'fail' | 'skip';

export type CheckId =
  | 'settings'
  | 'bot-credential'
  | 'graph-credential'
  | 'graph-roles'
  | 'intune'
  | 'approver-group'
  | 'requester-group'
  | 'approver-users'
  | 'storage'
  | 'approval-channel'
  | 'public-base-url';

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What the check found, in one or two sentences. */
  found: string;
  /** For a failure: what to change, where (portal blade, permission, setting). */
  fix?: string;
}

export interface DoctorReport {
  /** True when no check failed (skipped checks do not apply to this configuration). */
  ok: boolean;
  checkedAt: string;
  checks: CheckResult[];
}

export function pass(id: CheckId, title: string, found: string): CheckResult {
  return { id, title, status: 'pass', found };
}

export function fail(id: CheckId, title: string, found: string, fix: string): CheckResult {
  return { id, title, status: 'fail', found, fix };
}

export function skip(id: CheckId, title: string, found: string): CheckResult {
  return { id, title, status: 'skip', found };
}

export function reportOf(checks: CheckResult[], now: Date): DoctorReport {
  return { ok: checks.every((c) => c.status !== 'fail'), checkedAt: now.toISOString(), checks };
}

/** `work`, or a rejection after `ms` (a check never hangs the doctor). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`), { name: 'TimeoutError' })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
