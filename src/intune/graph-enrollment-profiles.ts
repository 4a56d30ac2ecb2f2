import { randomUUID } from 'node:crypto';
import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import type { ProfileSnapshot } from '../approvals/revoke-request';
import { type EnrollmentProfiles, GraphFailure, isProfileId, type RevokeCall } from '../approvals/enrollment-profiles';
import { CLIENT_REQUEST_ID } from './graph-correlation';
import { failureOf, graphErrorFromResponse } from './graph-failure';
import { PROFILE_FIELDS, toProfileSnapshot } from './profile-snapshot';
import { profileNameKey } from './search-text';

const COLLECTION = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const PAGE_SIZE = 999;

export interface GraphEnrollmentProfilesOptions {
  /** Stop following @odata.nextLink after this many pages: a broken server must not loop us forever. */
  maxPages?: number;
}

/**
 * EnrollmentProfiles over Microsoft Graph beta, app-only. Every failure is a GraphFailure carrying
 * the client-request-id the call was sent with (chosen here, so it survives a call that got no answer).
 */
export class GraphEnrollmentProfiles implements EnrollmentProfiles {
  private readonly maxPages: number;

  constructor(
    private readonly client: Client,
    options: GraphEnrollmentProfilesOptions = {},
  ) {
    this.maxPages = options.maxPages ?? 100;
  }

  async find(query: string): Promise<ProfileSnapshot[]> {
    const wanted = query.trim();
    if (wanted === '') return [];
    // Intune answers 400 for a key that is not a GUID: only a GUID is worth a GET.
    if (isProfileId(wanted)) {
      const byId = await this.fetchProfile(wanted);
      if (byId) return [byId];
    }
    const all = await this.listAll();
    const key = profileNameKey(wanted);
    return all.filter((profile) => profileNameKey(profile.displayName) === key);
  }

  /** Undefined for a key that is not a GUID (no Intune profile has one) and for Graph's 404. */
  async get(id: string): Promise<ProfileSnapshot | undefined> {
    if (!isProfileId(id)) return undefined;
    return this.fetchProfile(id.trim());
  }

  async revokeToken(id: string): Promise<RevokeCall> {
    // Request ids come from Graph itself; whatever Intune thinks of a key, it says so itself.
    if (id.trim() === '') throw new GraphFailure({ kind: 'not-found', message: 'No enrollment profile id was given.' });
    const clientRequestId = randomUUID();
    let response: Response;
    try {
      // RAW: we need the request-id header of the 204, and the client does not throw for non-2xx then.
      response = await this.client
        .api(`${COLLECTION}/${encodeURIComponent(id.trim())}/revokeToken`)
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .responseType(ResponseType.RAW)
        .post(undefined);
    } catch (error) {
      throw new GraphFailure(failureOf(error, clientRequestId));
    }
    if (!response.ok) throw new GraphFailure(failureOf(await graphErrorFromResponse(response), clientRequestId));
    await response.body?.cancel().catch(() => undefined);
    const graphRequestId = response.headers.get('request-id');
    return { ...(graphRequestId ? { graphRequestId } : {}), clientRequestId };
  }

  /** GET one profile; undefined on 404. */
  private async fetchProfile(id: string): Promise<ProfileSnapshot | undefined> {
    const clientRequestId = randomUUID();
    try {
      const raw: unknown = await this.client
        .api(`${COLLECTION}/${encodeURIComponent(id)}`)
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .select([...PROFILE_FIELDS])
        .get();
      return toProfileSnapshot(raw);
    } catch (error) {
      const failure = failureOf(error, clientRequestId);
      if (failure.status === 404) return undefined;
      throw new GraphFailure(failure);
    }
  }

  private listAll(): Promise<ProfileSnapshot[]> {
    return this.listPages(PROFILE_FIELDS, toProfileSnapshot, this.maxPages);
  }

  /** Every profile of the collection, following @odata.nextLink, each mapped (unusable rows dropped). */
  protected async listPages<T>(fields: readonly string[], map: (raw: unknown) => T | undefined, maxPages: number): Promise<T[]> {
    const profiles: T[] = [];
    // One client-request-id per page: each page is its own Graph call.
    let clientRequestId = randomUUID();
    try {
      let page = (await this.client.api(COLLECTION).header(CLIENT_REQUEST_ID, clientRequestId).select([...fields]).top(PAGE_SIZE).get()) as GraphPage;
      for (let pages = 1; ; pages++) {
        for (const raw of page.value ?? []) {
          const profile = map(raw);
          if (profile) profiles.push(profile);
        }
        const next = page['@odata.nextLink'];
        if (!next) return profiles;
        if (pages >= maxPages) {
          throw new GraphFailure({ kind: 'unknown', message: `Graph returned more than ${maxPages} pages of enrollment profiles.` });
        }
        // Only https links: the client treats anything else as a relative path.
        if (!next.startsWith('https://')) throw new GraphFailure({ kind: 'unknown', message: 'Graph returned an unusable next-page link.' });
        clientRequestId = randomUUID();
        page = (await this.client.api(next).header(CLIENT_REQUEST_ID, clientRequestId).get()) as GraphPage;
      }
    } catch (error) {
      throw error instanceof GraphFailure ? error : new GraphFailure(failureOf(error, clientRequestId));
    }
  }
}

interface GraphPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
}
