import type { Client } from '@microsoft/microsoft-graph-client';
import { isProfileId } from '../approvals/enrollment-profiles';
import type { ProfileKind } from '../approvals/revoke-request';
import { GraphEnrollmentProfiles } from './graph-enrollment-profiles';
import type { ProfileSource } from './profile-catalog';
import { DETAIL_FIELDS, toProfileDetails, type ProfileDetails } from './profile-details';
import { SUMMARY_FIELDS, toProfileSummary, type ProfileSummary } from './profile-summary';

export interface GraphProfileSourceOptions {
  /** Stop following @odata.nextLink after this many pages (10,000 profiles at 100 a page are 100 pages). */
  maxPages?: number;
}

/**
 * GraphEnrollmentProfiles plus listing summaries of both kinds (paged through @odata.nextLink, only
 * the shown fields each kind has selected) and reading one profile's non-secret details.
 */
export class GraphProfileSource extends GraphEnrollmentProfiles implements ProfileSource {
  private readonly listPageLimit: number;

  constructor(graph: Client, options: GraphProfileSourceOptions = {}) {
    super(graph, { maxPages: options.maxPages ?? 1000 });
    this.listPageLimit = options.maxPages ?? 1000;
  }

  listSummaries(): Promise<ProfileSummary[]> {
    return this.listPages(SUMMARY_FIELDS, toProfileSummary, this.listPageLimit);
  }

  /** The profile of that kind (or of whichever kind has the id); undefined when none does. */
  async details(id: string, kind?: ProfileKind): Promise<ProfileDetails | undefined> {
    if (!isProfileId(id)) return undefined;
    return this.firstFound(kind, (k) => this.getOne(id.trim(), k, DETAIL_FIELDS, toProfileDetails));
  }
}
