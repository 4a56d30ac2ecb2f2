/**
 * Quorum for high-impact profiles: how many distinct approvers a single-profile request needs.
 * Pure: the caller (ApprovalService.open) applies it to every revoke and rotate it opens.
 */
import type { ProfileSnapshot, RequestOperation } from './revoke-request';

/** Approvers a high-impact profile needs (issue 13: "two distinct approvers"). */
export const QUORUM_APPROVALS = 2;

/**
 * 2 for a revoke or rotate of a profile with at least `deviceThreshold` enrolled devices
 * (QUORUM_DEVICE_THRESHOLD), 1 otherwise; 1 for every profile when the threshold is unset.
 * Bulk requests (revoke-matching) are not judged here: they ask for BULK_APPROVALS themselves.
 */
export function quorumFor(operation: RequestOperation, profile: ProfileSnapshot, deviceThreshold: number | undefined): number {
  if (deviceThreshold === undefined) return 1;
  if (operation !== 'revoke' && operation !== 'rotate') return 1;
  return profile.enrolledDeviceCount >= deviceThreshold ? QUORUM_APPROVALS : 1;
}
