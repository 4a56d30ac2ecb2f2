import type { ProfileKind, ProfileSnapshot, RevokeFailure } from './revoke-request';

/**
 * Intune's Android enrollment profiles of both kinds (Device Owner and work profile) as Token Guard
 * needs them. graph-enrollment-profiles.ts implements it with @microsoft/microsoft-graph-client.
 */
export interface EnrollmentProfiles {
  /** Profiles of either kind whose id equals `query`, or whose displayName equals it case-insensitively. */
  find(query: string): Promise<ProfileSnapshot[]>;
  /** One profile by id (of that kind only, when given), undefined on 404. */
  get(id: string, kind?: ProfileKind): Promise<ProfileSnapshot | undefined>;
  /**
   * POST …/{androidDeviceOwnerEnrollmentProfiles|androidForWorkEnrollmentProfiles}/{id}/revokeToken
   * (the kind's collection; default Device Owner) with an app-only token.
   * Resolves with Graph's request-id and the client-request-id sent on 204; rejects with
   * GraphFailure otherwise (which carries both ids too).
   */
  revokeToken(id: string, kind?: ProfileKind): Promise<RevokeCall>;
  /**
   * POST …/{collection}/{id}/createToken with {"tokenValidityInSeconds": validitySeconds}: a new
   * token (and QR code) that Token Guard never reads. Same answers as revokeToken.
   */
  createToken(id: string, validitySeconds: number, kind?: ProfileKind): Promise<RevokeCall>;
}

/** The ids of one revokeToken call, for the audit and for Intune support. */
export interface RevokeCall {
  graphRequestId?: string;
  clientRequestId?: string;
}

/**
 * Intune's enrollment profile ids are GUIDs, and Intune answers a GET by any other key with
 * 400 BadRequest ("An error has occurred - Operation ID …"), not 404. So a typed word is tried as
 * an id only when it is GUID-shaped, and anything else is known not to be a profile without asking.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isProfileId(text: unknown): text is string {
  return typeof text === 'string' && GUID.test(text.trim());
}

/** A Graph failure already translated into something a person can act on. */
export class GraphFailure extends Error {
  constructor(readonly failure: RevokeFailure) {
    super(failure.message);
  }
}
