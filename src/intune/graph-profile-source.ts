import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphFailure } from '../approvals/enrollment-profiles';
import { CLIENT_REQUEST_ID } from './graph-correlation';
import { GraphEnrollmentProfiles } from './graph-enrollment-profiles';
import { failureOf } from './graph-failure';
import { isProfileId } from '../approvals/enrollment-profiles';
import type { ProfileSource } from './profile-catalog';
import { DETAIL_FIELDS, toProfileDetails, type ProfileDetails } from './profile-details';
import { SUMMARY_FIELDS, toProfileSummary, type ProfileSummary } from './profile-summary';

const COLLECTION = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

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

  listSummaries(): Promise<ProfileSummary[]> {
    return this.listPages(SUMMARY_FIELDS, toProfileSummary, this.listPageLimit);
  }

  async details(id: string): Promise<ProfileDetails | undefined> {
    if (!isProfileId(id)) return undefined;
    const clientRequestId = randomUUID();
    try {
      const raw: unknown = await this.graph
        .api(`${COLLECTION}/${encodeURIComponent(id)}`)
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .select([...DETAIL_FIELDS])
        .get();
      return toProfileDetails(raw);
    } catch (error) {
      const failure = failureOf(error, clientRequestId);
      if (failure.status === 404) return undefined;
      throw new GraphFailure(failure);
    }
  }
}
