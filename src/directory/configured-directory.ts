import { isEntraObjectId } from '../approvals/entra-object-id';
import { type Clock, systemClock } from '../support/clock';
import type { ApproverListing, Directory, GroupMembership } from './directory';

export interface ConfiguredDirectoryOptions {
  /** Entra object ids allowed to approve. */
  approverIds: string[];
  /** Members of this group (transitively) may approve too. */
  approverGroupId?: string;
  requesterIds?: string[];
  requesterGroupId?: string;
  /** Needed when a group is configured. */
  membership?: GroupMembership;
  /** How long a group answer (yes or no) is trusted. */
  cacheTtlMs: number;
  clock?: Clock;
}

interface Role {
  ids: ReadonlySet<string>;
  groupId?: string;
}

interface CachedAnswer {
  isMember: boolean;
  expiresAt: number;
}

/** Private notifications reach at most this many approvers (a group is read up to this many users). */
export const MAX_LISTED_APPROVERS = 200;

/** Beyond this many cached answers, expired ones are swept on the next write. */
const SWEEP_ABOVE = 1000;

/**
 * Who may approve and who may request, from configuration: allow-lists of object ids first (no Graph
 * call), then an Entra group. When no requesters are configured, approvers are the requesters.
 * Group answers are cached for cacheTtlMs; Graph errors are not cached and reach the caller, which
 * must deny. Every id is a GUID: configured ones are checked here, and an asked-about id that is
 * not one holds no role and is never looked up.
 */
export class ConfiguredDirectory implements Directory, ApproverListing {
  private readonly approvers: Role;
  private readonly requesters: Role;
  private readonly membership?: GroupMembership;
  private readonly cacheTtlMs: number;
  private readonly clock: Clock;
  private readonly cache = new Map<string, CachedAnswer>();
  /** Concurrent checks of the same pair share one Graph call. */
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(options: ConfiguredDirectoryOptions) {
    this.approvers = role(options.approverIds, options.approverGroupId);
    // An empty requester list counts as "not configured": an empty environment variable must not lock everyone out.
    const requestersConfigured = (options.requesterIds?.some((id) => id.trim() !== '') ?? false) || isSet(options.requesterGroupId);
    this.requesters = requestersConfigured ? role(options.requesterIds ?? [], options.requesterGroupId) : this.approvers;
    if ((this.approvers.groupId || this.requesters.groupId) && !options.membership) {
      throw new Error('A group of approvers or requesters is configured, but no way to check group membership.');
    }
    this.membership = options.membership;
    this.cacheTtlMs = options.cacheTtlMs;
    this.clock = options.clock ?? systemClock;
  }

  isApprover(objectId: string): Promise<boolean> {
    return this.holds(this.approvers, objectId);
  }

  isRequester(objectId: string): Promise<boolean> {
    return this.holds(this.requesters, objectId);
  }

  /**
   * Every approver by object id: the allow-list first, then the approver group's users (at most
   * MAX_LISTED_APPROVERS in all). A Graph failure reaches the caller.
   */
  async approverIds(): Promise<string[]> {
    const ids = new Set(this.approvers.ids);
    if (this.approvers.groupId && this.membership?.members) {
      for (const id of await this.membership.members(this.approvers.groupId, MAX_LISTED_APPROVERS)) {
        const normalized = normalize(id);
        if (isEntraObjectId(normalized)) ids.add(normalized);
      }
    }
    return [...ids].slice(0, MAX_LISTED_APPROVERS);
  }

  private async holds(role: Role, objectId: string): Promise<boolean> {
    const id = normalize(objectId);
    if (!isEntraObjectId(id)) return false;
    if (role.ids.has(id)) return true;
    if (!role.groupId || !this.membership) return false;
    return this.groupAnswer(role.groupId, id, this.membership);
  }

  private async groupAnswer(groupId: string, objectId: string, membership: GroupMembership): Promise<boolean> {
    const key = `${groupId}|${objectId}`;
    const now = this.clock.now().getTime();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.isMember;

    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const check = membership.isMember(groupId, objectId).then((isMember) => {
      this.remember(key, isMember);
      return isMember;
    });
    this.inFlight.set(key, check);
    try {
      return await check;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string, isMember: boolean): void {
    const now = this.clock.now().getTime();
    if (this.cache.size >= SWEEP_ABOVE) {
      for (const [k, answer] of this.cache) if (answer.expiresAt <= now) this.cache.delete(k);
    }
    this.cache.set(key, { isMember, expiresAt: now + this.cacheTtlMs });
  }
}

function role(ids: string[], groupId: string | undefined): Role {
  const malformed = [...ids.filter((id) => id.trim() !== ''), ...(isSet(groupId) ? [groupId] : [])].filter((id) => !isEntraObjectId(normalize(id)));
  if (malformed.length) throw new Error(`Configured Entra ids must be GUIDs; not valid: ${malformed.map((id) => JSON.stringify(id.slice(0, 60))).join(', ')}.`);
  return {
    ids: new Set(ids.map(normalize).filter((id) => id !== '')),
    ...(isSet(groupId) ? { groupId: normalize(groupId) } : {}),
  };
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Object ids are GUIDs: compare them trimmed and lower-cased. */
function normalize(id: string): string {
  return id.trim().toLowerCase();
}
