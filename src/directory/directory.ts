/**
 * Who may ask for a revoke and who may approve one.
 * Allow-lists of Entra object ids and/or an Entra group checked through Graph (transitive, cached).
 */
export interface Directory {
  isApprover(objectId: string): Promise<boolean>;
  isRequester(objectId: string): Promise<boolean>;
}

/** Transitive membership of one Entra group. */
export interface GroupMembership {
  isMember(groupId: string, objectId: string): Promise<boolean>;
  /** The group's transitive user members' object ids (at most `limit`). */
  members?(groupId: string, limit: number): Promise<string[]>;
}

/** Who the approvers are, by object id: the allow-list, then the approver group's users. */
export interface ApproverListing {
  approverIds(): Promise<string[]>;
}
