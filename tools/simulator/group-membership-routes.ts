import { GraphIds, graphHeaders, sendGraphError } from './graph-errors';
import { Exchange, parseJsonBody, sendJson } from './http-exchange';

/**
 * App-only membership checks for the approver group, both ways the notes list:
 * GET /groups/{id}/transitiveMembers/{userId} (404 = not a member) and
 * POST /users/{id}/checkMemberGroups. Groups are stored already flattened.
 */
export type GroupTable = Map<string, Set<string>>;

export function handleGroupMembership(ex: Exchange, groups: GroupTable, baseUrl: string, ids: GraphIds): boolean {
  const [version, collection, id, relation, memberId, ...extra] = ex.segments;
  const lowerCollection = collection?.toLowerCase();
  const lowerRelation = relation?.toLowerCase();
  if (extra.length > 0) return false;

  if (ex.method === 'GET' && lowerCollection === 'groups' && lowerRelation === 'transitivemembers') {
    const members = groups.get(id);
    if (memberId === undefined) {
      if (!members) return missing(ex, ids, id);
      sendJson(ex.res, 200, {
        '@odata.context': `${baseUrl}/${version}/$metadata#directoryObjects`,
        value: [...members].map((m) => ({ '@odata.type': '#microsoft.graph.user', id: m })),
      }, graphHeaders(ids));
      return true;
    }
    if (!members || !members.has(memberId)) return missing(ex, ids, members ? memberId : id);
    sendJson(ex.res, 200, { '@odata.context': `${baseUrl}/${version}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', id: memberId }, graphHeaders(ids));
    return true;
  }

  if (ex.method === 'POST' && (lowerCollection === 'users' || lowerCollection === 'directoryobjects') && lowerRelation === 'checkmembergroups' && memberId === undefined) {
    const body = parseJsonBody(ex.body);
    const groupIds = body instanceof Error ? undefined : body.groupIds;
    if (!Array.isArray(groupIds) || groupIds.some((g) => typeof g !== 'string') || groupIds.length > 20) {
      sendGraphError(ex.res, ids, 400, 'Request_BadRequest', "Invalid value specified for property 'groupIds' of resource 'User'.");
      return true;
    }
    const value = (groupIds as string[]).filter((g) => groups.get(g)?.has(id) === true);
    sendJson(ex.res, 200, { '@odata.context': `${baseUrl}/${version}/$metadata#Collection(Edm.String)`, value }, graphHeaders(ids));
    return true;
  }
  return false;
}

function missing(ex: Exchange, ids: GraphIds, id: string): true {
  sendGraphError(ex.res, ids, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  return true;
}
