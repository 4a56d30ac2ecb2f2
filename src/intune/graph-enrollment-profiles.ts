import { randomUUID } from 'node:crypto';
import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import type { ProfileKind, ProfileSnapshot } from '../approvals/revoke-request';
import { type EnrollmentProfiles, GraphFailure, isProfileId, type RevokeCall } from '../approvals/enrollment-profiles';
import { CLIENT_REQUEST_ID } from './graph-correlation';
import { failureOf, graphErrorFromResponse } from './graph-failure';
import { collectionOf, fieldsFor, PROFILE_KINDS } from './profile-kinds';
import { PROFILE_FIELDS, toProfileSnapshot } from './profile-snapshot';
import { profileNameKey } from './search-text';

const PAGE_SIZE = 999;

export interface GraphEnrollmentProfilesOptions {
  /** Stop following @odata.nextLink after this many pages (per kind): a broken server must not loop us forever. */
  maxPages?: number;
}

/**
 * EnrollmentProfiles over Microsoft Graph beta, app-only, for both kinds of profile (each in its own
 * collection, each asked only for the properties its type has). Every failure is a GraphFailure
 * carrying the client-request-id the call was sent with (chosen here, so it survives a call that
 * got no answer).
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
      const byId = await this.get(wanted);
      if (byId) return [byId];
    }
    const all = await this.listAll();
    const key = profileNameKey(wanted);
    return all.filter((profile) => profileNameKey(profile.displayName) === key);
  }

  /** Undefined for a key that is not a GUID (no Intune profile has one) and for Graph's 404 (in every kind asked). */
  async get(id: string, kind?: ProfileKind): Promise<ProfileSnapshot | undefined> {
    if (!isProfileId(id)) return undefined;
    return this.firstFound(kind, (k) => this.getOne(id.trim(), k, PROFILE_FIELDS, toProfileSnapshot));
  }

  revokeToken(id: string, kind: ProfileKind = 'device-owner'): Promise<RevokeCall> {
    return this.action(id, kind, 'revokeToken', undefined);
  }

  createToken(id: string, validitySeconds: number, kind: ProfileKind = 'device-owner'): Promise<RevokeCall> {
    return this.action(id, kind, 'createToken', { tokenValidityInSeconds: validitySeconds });
  }

  /** One POST action on a profile; its answer's ids, or a GraphFailure. */
  private async action(id: string, kind: ProfileKind, name: 'revokeToken' | 'createToken', body: object | undefined): Promise<RevokeCall> {
    // Request ids come from Graph itself; whatever Intune thinks of a key, it says so itself.
    if (id.trim() === '') throw new GraphFailure({ kind: 'not-found', message: 'No enrollment profile id was given.' });
    const clientRequestId = randomUUID();
    let response: Response;
    try {
      // RAW: we need the request-id header of the 204, and the client does not throw for non-2xx then.
      response = await this.client
        .api(`${collectionOf(kind)}/${encodeURIComponent(id.trim())}/${name}`)
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .responseType(ResponseType.RAW)
        .post(body);
    } catch (error) {
      throw new GraphFailure(failureOf(error, clientRequestId));
    }
    if (!response.ok) throw new GraphFailure(failureOf(await graphErrorFromResponse(response), clientRequestId));
    await response.body?.cancel().catch(() => undefined);
    const graphRequestId = response.headers.get('request-id');
    return { ...(graphRequestId ? { graphRequestId } : {}), clientRequestId };
  }

  /** The kind given, or each kind in turn (Device Owner first) until one has the profile. */
  protected async firstFound<T>(kind: ProfileKind | undefined, read: (kind: ProfileKind) => Promise<T | undefined>): Promise<T | undefined> {
    for (const k of kind ? [kind] : PROFILE_KINDS) {
      const found = await read(k);
      if (found) return found;
    }
    return undefined;
  }

  /** GET one profile of a kind, only the given fields it has; undefined on 404. */
  protected async getOne<T>(id: string, kind: ProfileKind, fields: readonly string[], map: (raw: unknown, kind: ProfileKind) => T | undefined): Promise<T | undefined> {
    const clientRequestId = randomUUID();
    try {
      const raw: unknown = await this.client
        .api(`${collectionOf(kind)}/${encodeURIComponent(id)}`)
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .select(fieldsFor(kind, fields))
        .get();
      return map(raw, kind);
    } catch (error) {
      const failure = failureOf(error, clientRequestId);
      if (failure.status === 404) return undefined;
      throw new GraphFailure(failure);
    }
  }

  private listAll(): Promise<ProfileSnapshot[]> {
    return this.listPages(PROFILE_FIELDS, toProfileSnapshot, this.maxPages);
  }

  /** Every profile of both collections, each read through @odata.nextLink and mapped (unusable rows dropped). */
  protected async listPages<T>(fields: readonly string[], map: (raw: unknown, kind: ProfileKind) => T | undefined, maxPages: number): Promise<T[]> {
    const byKind = await Promise.all(PROFILE_KINDS.map((kind) => this.listKind(kind, fields, map, maxPages)));
    return byKind.flat();
  }

  private async listKind<T>(kind: ProfileKind, fields: readonly string[], map: (raw: unknown, kind: ProfileKind) => T | undefined, maxPages: number): Promise<T[]> {
    const profiles: T[] = [];
    // One client-request-id per page: each page is its own Graph call.
    let clientRequestId = randomUUID();
    try {
      let page = (await this.client.api(collectionOf(kind)).header(CLIENT_REQUEST_ID, clientRequestId).select(fieldsFor(kind, fields)).top(PAGE_SIZE).get()) as GraphPage;
      for (let pages = 1; ; pages++) {
        for (const raw of page.value ?? []) {
          const profile = map(raw, kind);
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
