import type { RevokeFailure } from '../approvals/revoke-request';

/** " (HTTP 400, BadRequest)": the same in every language, so support can match it to Graph's logs. */
export function httpDetail(failure: RevokeFailure): string {
  const parts = [failure.status !== undefined ? `HTTP ${failure.status}` : '', failure.code ?? ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
