import { GraphIds, graphHeaders, intuneMessage, sendGraphError } from './graph-errors';
import { Exchange, parseJsonBody, sendEmpty, sendJson } from './http-exchange';
import { issueToken } from './profile-factory';
import { decodeSkipToken, encodeSkipToken, parseSelect, parseSkip, parseTop, project, QueryError } from './profile-query';
import type { SimProfile } from './simulator-api';

/**
 * /{version}/deviceManagement/androidDeviceOwnerEnrollmentProfiles: list (paged), get,
 * revokeToken and createToken, with Intune's answers (204 for actions, stringified-JSON 404s, and
 * 400 for a key that is not a GUID, as Intune answers a GET by a key it cannot parse).
 */
export interface ProfileRoutesState {
  baseUrl: string;
  profiles: Map<string, SimProfile>;
  pageSize: number;
}

const COLLECTION = ['devicemanagement', 'androiddeviceownerenrollmentprofiles'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** segments: [version, ...]; true when the path is under the collection (answered here). */
export function handleEnrollmentProfiles(ex: Exchange, state: ProfileRoutesState, ids: GraphIds): boolean {
  const [version, ...rest] = ex.segments;
  if (rest.length < 2 || rest[0].toLowerCase() !== COLLECTION[0] || rest[1].toLowerCase() !== COLLECTION[1]) return false;
  const id = rest[2];
  const action = rest[3]?.toLowerCase();
  if (id !== undefined && !GUID.test(id) && (rest.length === 3 || action === 'revoketoken' || action === 'createtoken')) {
    sendGraphError(ex.res, ids, 400, 'BadRequest', intuneMessage(ids, `/deviceManagement/androidDeviceOwnerEnrollmentProfiles('${id}')`, 'An error has occurred', { phrase: '' }));
    return true;
  }
  try {
    if (rest.length === 2 && ex.method === 'GET') list(ex, state, ids, version);
    else if (rest.length === 3 && ex.method === 'GET') getOne(ex, state, ids, version, id);
    else if (rest.length === 4 && action === 'revoketoken' && ex.method === 'POST') revokeToken(ex, state, ids, id);
    else if (rest.length === 4 && action === 'createtoken' && ex.method === 'POST') createToken(ex, state, ids, id);
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
function list(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, version: string): void {
  const select = parseSelect(ex.query.$select);
  const top = parseTop(ex.query.$top);
  const offset = parseSkip(ex.query.$skip) + decodeSkipToken(ex.query.$skiptoken);
  const size = Math.min(state.pageSize, top ?? Number.POSITIVE_INFINITY);
  const all = [...state.profiles.values()];
  const page = all.slice(offset, offset + size);
  const collectionUrl = `${state.baseUrl}/${version}/deviceManagement/androidDeviceOwnerEnrollmentProfiles`;
  const body: Record<string, unknown> = {
    '@odata.context': `${state.baseUrl}/${version}/$metadata#deviceManagement/androidDeviceOwnerEnrollmentProfiles${select ? `(${select.join(',')})` : ''}`,
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
  body.value = page.map((p) => project(p, select));
  sendJson(ex.res, 200, body, graphHeaders(ids));
}

function getOne(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, version: string, id: string): void {
  const profile = state.profiles.get(id);
  if (!profile) return notFound(ex, ids, id);
  const select = parseSelect(ex.query.$select);
  sendJson(
    ex.res,
    200,
    { '@odata.context': `${state.baseUrl}/${version}/$metadata#deviceManagement/androidDeviceOwnerEnrollmentProfiles/$entity`, ...project(profile, select) },
    graphHeaders(ids),
  );
}

/** Intune: "Immediately expire the token"; a second revoke is just as successful. */
function revokeToken(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, id: string): void {
  const profile = state.profiles.get(id);
  if (!profile) return notFound(ex, ids, id);
  const now = new Date().toISOString();
  Object.assign(profile, { tokenValue: null, qrCodeContent: null, qrCodeImage: null, tokenExpirationDateTime: now, lastModifiedDateTime: now });
  sendEmpty(ex.res, 204, graphHeaders(ids));
}

function createToken(ex: Exchange, state: ProfileRoutesState, ids: GraphIds, id: string): void {
  const body = parseJsonBody(ex.body);
  if (body instanceof Error) return sendGraphError(ex.res, ids, 400, 'BadRequest', body.message);
  const profile = state.profiles.get(id);
  if (!profile) return notFound(ex, ids, id);
  const validity = body.tokenValidityInSeconds;
  if (typeof validity !== 'number' || !Number.isInteger(validity) || validity < 1 || validity > 2_147_483_647) {
    return sendGraphError(ex.res, ids, 400, 'BadRequest', intuneMessage(ids, `/deviceManagement/androidDeviceOwnerEnrollmentProfiles('${id}')/createToken`, 'An error has occurred', { phrase: 'tokenValidityInSeconds must be a positive Int32.' }));
  }
  const now = new Date();
  Object.assign(profile, issueToken(profile, `${id}:${now.getTime()}:${Math.random()}`, now, new Date(now.getTime() + validity * 1000)));
  sendEmpty(ex.res, 204, graphHeaders(ids));
}

function notFound(ex: Exchange, ids: GraphIds, id: string): void {
  sendGraphError(ex.res, ids, 404, 'ResourceNotFound', intuneMessage(ids, `/deviceManagement/androidDeviceOwnerEnrollmentProfiles('${id}')`, 'An error has occurred', { phrase: '' }));
}
