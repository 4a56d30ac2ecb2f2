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
}
