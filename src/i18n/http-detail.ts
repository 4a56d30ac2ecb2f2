import type { RevokeFailure } from '../approvals/revoke-request';

/** " (HTTP 400, BadRequest)": the same in every language, so support can match it to Graph's logs. */
export function httpDetail(failure: RevokeFailure): string {
  const parts = [failure.status !== undefined ? `HTTP ${failure.status}` : '', failure.code ?? ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The permission(s) Graph said the app needs ("A or B"), or the one a revoke needs when it named none. */
export function permissionsNamed(failure: RevokeFailure, or: string): string {
  const named = failure.requiredPermissions?.length ? failure.requiredPermissions : ['DeviceManagementConfiguration.ReadWrite.All'];
  return named.join(` ${or} `);
}
