import { GraphIds, graphHeaders, intuneMessage, sendGraphError } from './graph-errors';
import { Exchange, sendEmpty, sendJson } from './http-exchange';
import { issueToken, issueWorkProfileToken } from './profile-factory';
import {
  decodeSkipToken,
  DEVICE_OWNER_TYPE,
  encodeSkipToken,
  parseSelect,
  parseSkip,
  parseTop,
  project,
  QueryError,
  type ResourceType,
  WORK_PROFILE_TYPE,
} from './profile-query';
import type { SimProfile, SimWorkProfile } from './simulator-api';

/**
 * /{version}/deviceManagement/androidDeviceOwnerEnrollmentProfiles and …/androidForWorkEnrollmentProfiles:
 * list (paged), get, revokeToken and createToken, with Intune's answers (204 for actions,
 * stringified-JSON 404s, and 400 for a key that is not a GUID, as Intune answers a GET by a key it
 * cannot parse). Each collection validates $select against its own type's properties.
 */
export interface ProfileRoutesState {
  baseUrl: string;
  profiles: Map<string, SimProfile>;
  workProfiles: Map<string, SimWorkProfile>;
  pageSize: number;
}

/** One collection: its path segment, its OData type, where its profiles live, what createToken sets. */
interface Collection<T extends { id: string }> {
  segment: string;
  type: ResourceType<T>;
  profiles: (state: ProfileRoutesState) => Map<string, T>;
  issue: (profile: T, seed: string, createdAt: Date, expiresAt: Date) => Partial<T>;
}

const DEVICE_OWNER: Collection<SimProfile> = {
  segment: 'androidDeviceOwnerEnrollmentProfiles',
  type: DEVICE_OWNER_TYPE,
  profiles: (state) => state.profiles,
  issue: issueToken,
};

const WORK_PROFILE: Collection<SimWorkProfile> = {
  segment: 'androidForWorkEnrollmentProfiles',
  type: WORK_PROFILE_TYPE,
  profiles: (state) => state.workProfiles,
  issue: issueWorkProfileToken,
};

const COLLECTIONS = new Map<string, Collection<SimProfile> | Collection<SimWorkProfile>>([
  [DEVICE_OWNER.segment.toLowerCase(), DEVICE_OWNER],
  [WORK_PROFILE.segment.toLowerCase(), WORK_PROFILE],
]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2_147_483_647;

/** segments: [version, ...]; true when the path is under one of the collections (answered here). */
export function handleEnrollmentProfiles(ex: Exchange, state: ProfileRoutesState, ids: GraphIds): boolean {
  const [, ...rest] = ex.segments;
  if (rest.length < 2 || rest[0].toLowerCase() !== 'devicemanagement') return false;
  const collection = COLLECTIONS.get(rest[1].toLowerCase());
  if (!collection) return false;
  return handleCollection(ex, state, ids, collection as unknown as Collection<{ id: string }>);
}

function handleCollection<T extends { id: string }>(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, collection: Collection<T>): boolean {
  const [version, ...rest] = ex.segments;
  const id = rest[2];
  const action = rest[3]?.toLowerCase();
  if (id !== undefined && !GUID.test(id) && (rest.length === 3 || action === 'revoketoken' || action === 'createtoken')) {
    sendGraphError(ex.res, ids, 400, 'BadRequest', intuneMessage(ids, `/deviceManagement/${collection.segment}('${id}')`, 'An error has occurred', { phrase: '' }));
    return true;
  }
  try {
    if (rest.length === 2 && ex.method === 'GET') list(ex, state, ids, version, collection);
    else if (rest.length === 3 && ex.method === 'GET') getOne(ex, state, ids, version, id, collection);
    else if (rest.length === 4 && action === 'revoketoken' && ex.method === 'POST') revokeToken(ex, state, ids, id, collection);
    else if (rest.length === 4 && action === 'createtoken' && ex.method === 'POST') createToken(ex, state, ids, id, collection);
    else if (rest.length <= 3 || action === 'revoketoken' || action === 'createtoken') {
      sendGraphError(ex.res, ids, 405, 'BadRequest', `The simulator does not support ${ex.method} on this resource.`);
    } else return false;
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    sendGraphError(ex.res, ids, 400, 'BadRequest', error.message);
  }
  return true;
}

/**
 * The docs list $select, $top and $skip as supported and $filter, $search, $orderby as not; Intune
 * has been seen to ignore those silently, so they are ignored here (a bot relying on them lists the
 * wrong profiles, and its tests see it).
 */
function list<T extends { id: string }>(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, version: string, collection: Collection<T>): void {
  const select = parseSelect(ex.query.$select, collection.type);
  const top = parseTop(ex.query.$top);
  const offset = parseSkip(ex.query.$skip) + decodeSkipToken(ex.query.$skiptoken);
  const size = Math.min(state.pageSize, top ?? Number.POSITIVE_INFINITY);
  const all = [...collection.profiles(state).values()];
  const page = all.slice(offset, offset + size);
  const collectionUrl = `${state.baseUrl}/${version}/deviceManagement/${collection.segment}`;
  const body: Record<string, unknown> = {
    '@odata.context': `${state.baseUrl}/${version}/$metadata#deviceManagement/${collection.segment}${select ? `(${select.join(',')})` : ''}`,
  };
  if (ex.query.$count === 'true') body['@odata.count'] = all.length;
  if (offset + size < all.length) {
    const params = [
      ...(select ? [`$select=${select.join(',')}`] : []),
      ...(top !== undefined ? [`$top=${top}`] : []),
      `$skiptoken=${encodeSkipToken(offset + size)}`,
    ];
    body['@odata.nextLink'] = `${collectionUrl}?${params.join('&')}`;
  }
  body.value = page.map((p) => project(p, select, collection.type));
  sendJson(ex.res, 200, body, graphHeaders(ids));
}

function getOne<T extends { id: string }>(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, version: string, id: string, collection: Collection<T>): void {
  const select = parseSelect(ex.query.$select, collection.type);
  const profile = collection.profiles(state).get(id);
  if (!profile) return notFound(ex, ids, id, collection);
  sendJson(
    ex.res,
    200,
    { '@odata.context': `${state.baseUrl}/${version}/$metadata#deviceManagement/${collection.segment}/$entity`, ...project(profile, select, collection.type) },
    graphHeaders(ids),
  );
}

/** Intune: "Immediately expire the token"; a second revoke is just as successful. */
function revokeToken<T extends { id: string }>(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, id: string, collection: Collection<T>): void {
  const profile = collection.profiles(state).get(id);
  if (!profile) return notFound(ex, ids, id, collection);
  const now = new Date().toISOString();
  Object.assign(profile, { tokenValue: null, qrCodeContent: null, qrCodeImage: null, tokenExpirationDateTime: now, lastModifiedDateTime: now });
  sendEmpty(ex.res, 204, graphHeaders(ids));
}

/**
 * createToken(tokenValidityInSeconds: Edm.Int32): the OData layer rejects a body it cannot bind
 * (no body, not JSON, an unknown parameter, a value that is not an Int32) before Intune sees it;
 * Intune itself refuses a validity below one second.
 */
function createToken<T extends { id: string }>(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, id: string, collection: Collection<T>): void {
  const bound = bindCreateTokenBody(ex.body);
  if (typeof bound === 'string') return sendGraphError(ex.res, ids, 400, 'BadRequest', bound);
  const profile = collection.profiles(state).get(id);
  if (!profile) return notFound(ex, ids, id, collection);
  if (bound < 1) {
    return sendGraphError(ex.res, ids, 400, 'BadRequest', intuneMessage(ids, `/deviceManagement/${collection.segment}('${id}')/createToken`, 'An error has occurred', { phrase: 'tokenValidityInSeconds must be a positive Int32.' }));
  }
  const now = new Date();
  Object.assign(profile, collection.issue(profile, `${id}:${now.getTime()}:${Math.random()}`, now, new Date(now.getTime() + bound * 1000)));
  sendEmpty(ex.res, 204, graphHeaders(ids));
}

/** The Int32 parameter, or OData's message for a payload it cannot bind. */
export function bindCreateTokenBody(body: string): number | string {
  if (body.trim() === '') return 'Empty Payload. JSON content expected.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'Invalid JSON. A token was not recognized in the JSON content.';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return "The parameter payload is not a JSON object: an action's parameters are the members of one object.";
  }
  const members = parsed as Record<string, unknown>;
  for (const name of Object.keys(members)) {
    if (name !== 'tokenValidityInSeconds') return `The parameter '${name}' in the request payload is not a valid parameter for the operation 'createToken'.`;
  }
  const validity = members.tokenValidityInSeconds;
  if (validity === undefined) return "The parameter 'tokenValidityInSeconds' of the operation 'createToken' is missing from the request payload.";
  if (typeof validity !== 'number' || !Number.isInteger(validity) || validity > INT32_MAX || validity < -INT32_MAX - 1) {
    return `Cannot convert the literal '${JSON.stringify(validity)}' to the expected type 'Edm.Int32'.`;
  }
  return validity;
}

function notFound<T extends { id: string }>(ex: Exchange, ids: GraphIds, id: string, collection: Collection<T>): void {
  sendGraphError(ex.res, ids, 404, 'ResourceNotFound', intuneMessage(ids, `/deviceManagement/${collection.segment}('${id}')`, 'An error has occurred', { phrase: '' }));
}
