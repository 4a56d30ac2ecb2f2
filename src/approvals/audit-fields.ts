import type { AuditEntry } from './audit-log';
import type { RevokeRequest } from './revoke-request';

/** The audit fields that say which request an entry is about. */
export function about(request: RevokeRequest): Pick<AuditEntry, 'tenantId' | 'requestId' | 'profileId'> {
  return { tenantId: request.tenantId, requestId: request.id, profileId: request.profile.id };
}

/** Who the program itself is, in the audit log. */
export const SYSTEM_ACTOR = 'system';
