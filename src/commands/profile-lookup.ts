/** One profile from what someone typed: by id or exact name, with "did you mean" suggestions when none matches. */
import type { ProfileSnapshot } from '../approvals/revoke-request';
import type { ProfileCatalog } from '../intune/profile-catalog';
import { snapshotOf } from '../intune/profile-summary';
import { closestNames } from './closest-match';

export type ProfileLookup =
  | { found: 'one'; profile: ProfileSnapshot }
  | { found: 'several'; profiles: ProfileSnapshot[] }
  | { found: 'none'; suggestions: ProfileSnapshot[] };

const MAX_SUGGESTIONS = 5;
const MAX_CANDIDATES = 25;

/** Throws GraphFailure when Graph cannot answer. */
export async function lookUpProfile(catalog: ProfileCatalog, query: string): Promise<ProfileLookup> {
  const matches = await catalog.find(query);
  if (matches.length === 1) return { found: 'one', profile: matches[0] };
  if (matches.length > 1) return { found: 'several', profiles: matches.slice(0, MAX_CANDIDATES) };
  return { found: 'none', suggestions: await suggestProfiles(catalog, query) };
}

/** The profiles whose names are nearest `query` (containing it first, then by edit distance). */
export async function suggestProfiles(catalog: ProfileCatalog, query: string): Promise<ProfileSnapshot[]> {
  const all = await catalog.list();
  return closestNames(query, all, (p) => p.displayName, MAX_SUGGESTIONS).map(snapshotOf);
}
