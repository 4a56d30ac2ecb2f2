import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphFailure } from './enrollment-profiles';
import { GraphEnrollmentProfiles } from './graph-enrollment-profiles';
import { toRevokeFailure } from './graph-failure';
import type { ProfileSource } from './profile-catalog';
import { DETAIL_FIELDS, toProfileDetails, type ProfileDetails } from './profile-details';
import { SUMMARY_FIELDS, toProfileSummary, type ProfileSummary } from './profile-summary';

const COLLECTION = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const PAGE_SIZE = 999;

export interface GraphProfileSourceOptions {
  /** Stop following @odata.nextLink after this many pages (10,000 profiles at 100 a page are 100 pages). */
  maxPages?: number;
}

/**
 * GraphEnrollmentProfiles plus listing summaries (paged through @odata.nextLink, only the shown
 * fields selected) and reading one profile's non-secret details.
 */
export class GraphProfileSource extends GraphEnrollmentProfiles implements ProfileSource {
  private readonly listPageLimit: number;

  constructor(
    private readonly graph: Client,
    options: GraphProfileSourceOptions = {},
  ) {
    super(graph, { maxPages: options.maxPages ?? 1000 });
    this.listPageLimit = options.maxPages ?? 1000;
  }

  async listSummaries(): Promise<ProfileSummary[]> {
    const profiles: ProfileSummary[] = [];
    try {
      let page = (await this.graph.api(COLLECTION).select([...SUMMARY_FIELDS]).top(PAGE_SIZE).get()) as GraphPage;
      for (let pages = 1; ; pages++) {
        for (const raw of page.value ?? []) {
          const profile = toProfileSummary(raw);
          if (profile) profiles.push(profile);
        }
        const next = page['@odata.nextLink'];
        if (!next) return profiles;
        if (pages >= this.listPageLimit) {
          throw new GraphFailure({ kind: 'unknown', message: `Graph returned more than ${this.listPageLimit} pages of enrollment profiles.` });
        }
        if (!next.startsWith('https://')) throw new GraphFailure({ kind: 'unknown', message: 'Graph returned an unusable next-page link.' });
        page = (await this.graph.api(next).get()) as GraphPage;
      }
    } catch (error) {
      throw error instanceof GraphFailure ? error : new GraphFailure(toRevokeFailure(error));
    }
  }

  async details(id: string): Promise<ProfileDetails | undefined> {
    if (id.trim() === '') return undefined;
    try {
      const raw: unknown = await this.graph.api(`${COLLECTION}/${encodeURIComponent(id)}`).select([...DETAIL_FIELDS]).get();
      return toProfileDetails(raw);
    } catch (error) {
      const failure = toRevokeFailure(error);
      if ((failure.status === 404 || failure.status === 400) && failure.kind !== 'not-applicable') return undefined;
      throw new GraphFailure(failure);
    }
  }
}

interface GraphPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
}
