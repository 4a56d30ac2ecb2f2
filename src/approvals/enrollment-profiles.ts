import type { ProfileSnapshot, RevokeFailure } from './revoke-request';

/**
 * Intune Device Owner enrollment profiles as Token Guard needs them.
 * graph-enrollment-profiles.ts implements it with @microsoft/microsoft-graph-client.
 */
export interface EnrollmentProfiles {
  /** Profiles whose id equals `query`, or whose displayName equals it case-insensitively. */
  find(query: string): Promise<ProfileSnapshot[]>;
  /** One profile by id, undefined on 404. */
  get(id: string): Promise<ProfileSnapshot | undefined>;
  /**
   * POST …/androidDeviceOwnerEnrollmentProfiles/{id}/revokeToken with an app-only token.
   * Resolves with Graph's request-id and the client-request-id sent on 204; rejects with
   * GraphFailure otherwise (which carries both ids too).
   */
  revokeToken(id: string): Promise<RevokeCall>;
}

/** The ids of one revokeToken call, for the audit and for Intune support. */
export interface RevokeCall {
  graphRequestId?: string;
  clientRequestId?: string;
}

/** A Graph failure already translated into something a person can act on. */
export class GraphFailure extends Error {
  constructor(readonly failure: RevokeFailure) {
    super(failure.message);
  }
}
