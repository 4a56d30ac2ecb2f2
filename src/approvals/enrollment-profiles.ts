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
   * Resolves with Graph's request-id on 204; rejects with GraphFailure otherwise.
   */
  revokeToken(id: string): Promise<{ graphRequestId?: string }>;
}

/**
 * Worth trying as a profile id: one URL-safe word (Intune ids are GUIDs, but we do not insist, so
 * other id shapes — and the simulator's — work too). Names with spaces are never looked up by id.
 */
const PROFILE_ID = /^[\w.~-]{1,128}$/;

export function isProfileId(text: unknown): text is string {
  return typeof text === 'string' && PROFILE_ID.test(text);
}

/** A Graph failure already translated into something a person can act on. */
export class GraphFailure extends Error {
  constructor(readonly failure: RevokeFailure) {
    super(failure.message);
  }
}
