import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import type { ProfileSnapshot } from '../approvals/revoke-request';
import { type EnrollmentProfiles, GraphFailure, isProfileId } from '../approvals/enrollment-profiles';
import { graphErrorFromResponse, toRevokeFailure } from './graph-failure';
import { PROFILE_FIELDS, toProfileSnapshot } from './profile-snapshot';
import { profileNameKey } from './search-text';

const COLLECTION = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const PAGE_SIZE = 999;

export interface GraphEnrollmentProfilesOptions {
  /** Stop following @odata.nextLink after this many pages: a broken server must not loop us forever. */
  maxPages?: number;
}

/** EnrollmentProfiles over Microsoft Graph beta, app-only. Every failure is a GraphFailure. */
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
    if (isProfileId(wanted)) {
      // 400 too: Graph answers "bad request" for a key that is not shaped like its ids.
      const byId = await this.fetchProfile(wanted, [400, 404]);
      if (byId) return [byId];
    }
    const all = await this.listAll();
    const key = profileNameKey(wanted);
    return all.filter((profile) => profileNameKey(profile.displayName) === key);
  }

  async get(id: string): Promise<ProfileSnapshot | undefined> {
    if (id.trim() === '') return undefined;
    return this.fetchProfile(id, [404]);
  }

  async revokeToken(id: string): Promise<{ graphRequestId?: string }> {
    if (id.trim() === '') throw new GraphFailure({ kind: 'not-found', message: 'No enrollment profile id was given.' });
    let response: Response;
    try {
      // RAW: we need the request-id header of the 204, and the client does not throw for non-2xx then.
      response = await this.client.api(`${COLLECTION}/${encodeURIComponent(id)}/revokeToken`).responseType(ResponseType.RAW).post(undefined);
    } catch (error) {
      throw new GraphFailure(toRevokeFailure(error));
    }
    if (!response.ok) throw new GraphFailure(toRevokeFailure(await graphErrorFromResponse(response)));
    await response.body?.cancel().catch(() => undefined);
    const graphRequestId = response.headers.get('request-id');
    return graphRequestId ? { graphRequestId } : {};
  }

  /** GET one profile; undefined when Graph answers with one of the `absentStatuses`. */
  private async fetchProfile(id: string, absentStatuses: number[]): Promise<ProfileSnapshot | undefined> {
    try {
      const raw: unknown = await this.client.api(`${COLLECTION}/${encodeURIComponent(id)}`).select([...PROFILE_FIELDS]).get();
      return toProfileSnapshot(raw);
    } catch (error) {
      const failure = toRevokeFailure(error);
      if (failure.status !== undefined && absentStatuses.includes(failure.status) && failure.kind !== 'not-applicable') return undefined;
      throw new GraphFailure(failure);
    }
  }

  private listAll(): Promise<ProfileSnapshot[]> {
    return this.listPages(PROFILE_FIELDS, toProfileSnapshot, this.maxPages);
  }

  /** Every profile of the collection, following @odata.nextLink, each mapped (unusable rows dropped). */
  protected async listPages<T>(fields: readonly string[], map: (raw: unknown) => T | undefined, maxPages: number): Promise<T[]> {
    const profiles: T[] = [];
    try {
      let page = (await this.client.api(COLLECTION).select([...fields]).top(PAGE_SIZE).get()) as GraphPage;
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
        page = (await this.client.api(next).get()) as GraphPage;
      }
    } catch (error) {
      throw error instanceof GraphFailure ? error : new GraphFailure(toRevokeFailure(error));
    }
  }
}

interface GraphPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
}
