import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphFailure } from '../approvals/enrollment-profiles';
import { isEntraObjectId } from '../approvals/entra-object-id';
import { toRevokeFailure } from '../intune/graph-failure';
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
    try {
      await this.client
        .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/${encodeURIComponent(objectId)}`)
        .version('v1.0')
        .select(['id'])
        .get();
      return true;
    } catch (error) {
      const failure = toRevokeFailure(error);
      if (failure.status === 404) return false;
      throw new GraphFailure(failure);
    }
  }
}
