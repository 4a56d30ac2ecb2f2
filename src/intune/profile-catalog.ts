import type { EnrollmentProfiles } from '../approvals/enrollment-profiles';
import type { ProfileKind } from '../approvals/revoke-request';
import type { ProfileDetails } from './profile-details';
import type { ProfileSummary } from './profile-summary';

/** Reading profiles for people (list, show) on top of what a revoke needs. */
export interface ProfileSource extends EnrollmentProfiles {
  /** Every enrollment profile of both kinds (Device Owner, work profile), unsorted. Throws GraphFailure. */
  listSummaries(): Promise<ProfileSummary[]>;
  /** One profile's non-secret properties (of that kind, when given); undefined when it does not exist. Throws GraphFailure. */
  details(id: string, kind?: ProfileKind): Promise<ProfileDetails | undefined>;
}

/** What the chat commands use: a ProfileSource whose list is sorted, filterable and cached. */
export interface ProfileCatalog extends EnrollmentProfiles {
  /** Profiles whose name contains `filter` (case- and accent-insensitive), sorted by name then id. */
  list(filter?: string): Promise<ProfileSummary[]>;
  details(id: string, kind?: ProfileKind): Promise<ProfileDetails | undefined>;
  /** Forget the cached list (after a revoke, the token states have changed). */
  invalidate(): void;
}
