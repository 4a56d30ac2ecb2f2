import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphFailure } from '../approvals/enrollment-profiles';
import { isEntraObjectId } from '../approvals/entra-object-id';
import { CLIENT_REQUEST_ID } from '../intune/graph-correlation';
import { failureOf } from '../intune/graph-failure';
import type { GroupMembership } from './directory';

/**
 * Transitive Entra group membership through Graph v1.0 (app permission GroupMember.Read.All):
 * GET /groups/{group}/transitiveMembers/{object} is 200 for a member (also through nested groups)
 * and 404 for anyone else. Every other answer throws GraphFailure, so callers can fail closed.
 * The path is built only from GUIDs, encoded: anything else is not a member and never reaches Graph.
 */
export class GraphGroupMembership implements GroupMembership {
  constructor(private readonly client: Client) {}

  async isMember(groupId: string, objectId: string): Promise<boolean> {
    if (!isEntraObjectId(groupId)) throw new Error('The group id to check membership of is not a GUID.');
    if (!isEntraObjectId(objectId)) return false;
    const clientRequestId = randomUUID();
    try {
      await this.client
        .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/${encodeURIComponent(objectId)}`)
        .version('v1.0')
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .select(['id'])
        .get();
      return true;
    } catch (error) {
      const failure = failureOf(error, clientRequestId);
      if (failure.status === 404) return false;
      // Graph's directory 403 (Authorization_RequestDenied) names no permission: this read needs this one.
      throw new GraphFailure(failure.kind === 'forbidden' && !failure.requiredPermissions ? { ...failure, requiredPermissions: ['GroupMember.Read.All'] } : failure);
    }
  }

  /** GET /groups/{group}/transitiveMembers?$select=id, page by page: the users among them (nested groups flattened by Graph). */
  async members(groupId: string, limit: number): Promise<string[]> {
    if (!isEntraObjectId(groupId)) throw new Error('The group id to list is not a GUID.');
    const found: string[] = [];
    let next: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers`;
    let first = true;
    while (next && found.length < limit) {
      const clientRequestId = randomUUID();
      let page: { value?: { id?: unknown; '@odata.type'?: unknown }[]; '@odata.nextLink'?: unknown };
      try {
        const request = this.client.api(next).header(CLIENT_REQUEST_ID, clientRequestId);
        page = first ? await request.version('v1.0').select(['id']).top(Math.min(limit, 999)).get() : await request.get();
      } catch (error) {
        const failure = failureOf(error, clientRequestId);
        throw new GraphFailure(failure.kind === 'forbidden' && !failure.requiredPermissions ? { ...failure, requiredPermissions: ['GroupMember.Read.All'] } : failure);
      }
      first = false;
      for (const member of page.value ?? []) {
        const type = member['@odata.type'];
        if ((type === undefined || type === '#microsoft.graph.user') && typeof member.id === 'string') found.push(member.id);
      }
      next = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
    }
    return found.slice(0, limit);
  }
}
