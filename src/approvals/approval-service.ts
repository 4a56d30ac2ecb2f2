import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from './audit-log';
import type { BulkItemStore } from './bulk-items';
import { OpenRequestExists, type RequestStore } from './request-store';
import type { Clock } from '../support/clock';
import { about, SYSTEM_ACTOR } from './audit-fields';
import { quorumFor } from './quorum';
import {
  applyEvent,
  approvalsNeeded,
  hasApproved,
  type Person,
  type MatchingSet,
  type ProfileSnapshot,
  type RequestEvent,
  type RequestLocation,
  type RequestOperation,
  type RevokeRequest,
  type Verdict,
} from './revoke-request';
import { cleanText, JUSTIFICATION_MAX_LENGTH, REASON_MAX_LENGTH } from './text';

export interface OpenInput {
  tenantId: string;
  profile: ProfileSnapshot;
  requester: Person;
  justification: string;
  location: RequestLocation;
  /** What the request does once approved (absent: 'revoke'). */
  operation?: RequestOperation;
  /**
   * At least this many distinct approvers (absent: 1), e.g. BULK_APPROVALS for a bulk request.
   * The quorum rule (quorum.ts) may ask for more; the request needs the larger of the two.
   */
  approvalsRequired?: number;
  matching?: MatchingSet;
  /**
   * Runs with the new request before it is stored (not for an existing one): what the request
   * needs stored elsewhere first (a revoke-matching request's items), so no stored request lacks it.
   */
  prepare?(request: RevokeRequest): Promise<void>;
}

export type OpenResult = { created: true; request: RevokeRequest } | { created: false; existing: RevokeRequest };

export type DecideRefusal = 'unknown-request' | 'not-pending' | 'expired' | 'reason-required' | 'busy' | 'already-approved';

export type DecideResult = { ok: true; request: RevokeRequest } | { ok: false; refusal: DecideRefusal; request?: RevokeRequest };

export interface ApprovalServiceDeps {
  requests: RequestStore;
  /**
   * The profiles of revoke-matching requests: a profile in an open one is not opened again on its own
   * (one open request per profile, bulk or not). Absent: no bulk requests exist.
   */
  bulkItems?: Pick<BulkItemStore, 'list'>;
  audit: AuditLog;
  clock: Clock;
  /** How long a pending request waits for a decision (PIM: 24 h). */
  ttlMinutes: number;
  /** QUORUM_DEVICE_THRESHOLD: revokes and rotates of profiles with at least this many devices need two approvers (unset: off). */
  quorumDeviceThreshold?: number;
  newId?: () => string;
}

/** Thrown by `open` when the justification is blank: the command layer must ask for one first. */
export class JustificationRequired extends Error {
  constructor() {
    super('A justification is required.');
  }
}

/** Compare-and-set retries before giving up; only reached when other writers keep changing the request. */
const MAX_CAS_ATTEMPTS = 10;

/**
 * Opening and deciding revoke requests. Every change is a compare-and-set on the stored version,
 * so the first decision wins even across processes, and each stored change is audited exactly once:
 * the change and its audit line are one write (see RequestStore).
 * Authorization is not done here: the caller runs policy.ts `authorize` first.
 */
export class ApprovalService {
  private readonly newId: () => string;

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** One open (pending/approved/executing) request per tenant+profile: a second ask gets the existing one. */
  async open(input: OpenInput): Promise<OpenResult> {
    const justification = cleanText(input.justification, JUSTIFICATION_MAX_LENGTH);
    if (!justification) throw new JustificationRequired();
    if (input.approvalsRequired !== undefined && !(Number.isInteger(input.approvalsRequired) && input.approvalsRequired >= 1)) {
      throw new RangeError(`approvalsRequired must be a whole number of at least 1, not ${input.approvalsRequired}.`);
    }
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const existing = await this.deps.requests.findOpenForProfile(input.tenantId, input.profile.id);
      if (existing) {
        // An overdue request would block new ones until the sweeper runs: expire it now.
        if (existing.state === 'pending' && this.isOverdue(existing)) {
          await this.tryExpire(existing);
          continue;
        }
        return { created: false, existing };
      }
      if (input.operation !== 'revoke-matching') {
        const bulk = await this.openBulkCovering(input.tenantId, input.profile.id);
        if (bulk) return { created: false, existing: bulk };
      }
      const request = this.newRequest(input, justification);
      const created = this.entry({
        action: 'request.created',
        actorId: request.requester.id,
        actorName: request.requester.name,
        detail: request.justification,
        ...(request.operation ? { outcome: request.operation } : {}),
        ...about(request),
      });
      try {
        await input.prepare?.(request);
        await this.deps.requests.insert(request, [created]);
      } catch (error) {
        if (error instanceof OpenRequestExists) continue; // another process opened one first: return theirs
        throw error;
      }
      return { created: true, request };
    }
    throw new Error('Could not open the request: the store kept changing. Try again.');
  }

  get(id: string): Promise<RevokeRequest | undefined> {
    return this.deps.requests.get(id);
  }

  /** The open revoke-matching request whose set holds the profile, if any (revoke-matching leaves out profiles with a request of their own; this is the other way round). */
  private async openBulkCovering(tenantId: string, profileId: string): Promise<RevokeRequest | undefined> {
    if (!this.deps.bulkItems) return undefined;
    const open = await this.deps.requests.listByState(OPEN_STATES);
    const wanted = profileId.toLowerCase();
    for (const request of open) {
      if (request.operation !== 'revoke-matching' || request.tenantId !== tenantId) continue;
      const items = await this.deps.bulkItems.list(request.id);
      if (items.some((item) => item.profileId.toLowerCase() === wanted)) return request;
    }
    return undefined;
  }

  /** Open (pending, approved, executing) requests of a tenant, oldest first. */
  async listOpen(tenantId: string, limit = 500): Promise<RevokeRequest[]> {
    const open = await this.deps.requests.listByState(OPEN_STATES, limit);
    return open.filter((request) => request.tenantId === tenantId);
  }

  /** The open request for a profile, if any. */
  openForProfile(tenantId: string, profileId: string): Promise<RevokeRequest | undefined> {
    return this.deps.requests.findOpenForProfile(tenantId, profileId);
  }

  /**
   * Approve, reject or cancel a pending request. The first stored decision wins; later ones get 'not-pending'.
   * A request that needs several approvers stays pending until the last of them approves; each
   * approval is its own compare-and-set, so concurrent approvals by different people are all kept
   * and exactly one of them moves the request to 'approved'. The same approver counts once.
   */
  async decide(requestId: string, actor: Person, verdict: Verdict, reason?: string): Promise<DecideResult> {
    const cleanReason = cleanText(reason, REASON_MAX_LENGTH);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.deps.requests.get(requestId);
      if (!current) return this.refuse('unknown-request', actor, verdict, requestId);
      if (current.state !== 'pending') return this.refuse('not-pending', actor, verdict, requestId, current);
      if (this.isOverdue(current)) {
        const expired = await this.tryExpire(current);
        if (!expired) continue; // changed meanwhile: look again
        return this.refuse('expired', actor, verdict, requestId, expired);
      }
      if (verdict === 'reject' && !cleanReason) return this.refuse('reason-required', actor, verdict, requestId, current);
      // Checked on every round: a second click by the same approver may have lost the race to their first.
      if (verdict === 'approve' && hasApproved(current, actor.id)) return this.refuse('already-approved', actor, verdict, requestId, current);
      const next = applyEvent(current, decisionEvent(verdict, actor, this.nowIso(), cleanReason));
      const decided = this.entry({
        action: next.state === 'pending' ? 'request.approval-added' : DECISION_AUDIT_ACTION[verdict],
        actorId: actor.id,
        actorName: actor.name,
        ...(verdict === 'approve' && approvalsNeeded(next) > 1 ? { outcome: approvalCount(next) } : {}),
        ...(cleanReason ? { detail: cleanReason } : {}),
        ...about(next),
      });
      // The decision and its audit line are one write: no decided request without its line.
      if (await this.deps.requests.replace(next, current.version, [decided])) return { ok: true, request: next };
      // Lost the race: re-read; if someone else decided, the next round refuses with 'not-pending'.
    }
    return this.refuse('busy', actor, verdict, requestId, await this.deps.requests.get(requestId));
  }

  /** Remembers the approval card's activity id so that every later update can replace it. No state change. */
  async setCardActivityId(requestId: string, activityId: string): Promise<RevokeRequest | undefined> {
    return this.changeLocation(requestId, { cardActivityId: activityId });
  }

  /**
   * Moves the request to where its card was posted (the approvals channel's new thread), so that
   * updates and replies go there. No state change; a decision stored meanwhile is kept.
   */
  async relocate(requestId: string, location: RequestLocation): Promise<RevokeRequest | undefined> {
    return this.changeLocation(requestId, location);
  }

  private async changeLocation(requestId: string, change: Partial<RequestLocation>): Promise<RevokeRequest | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.deps.requests.get(requestId);
      if (!current) return undefined;
      const location: RequestLocation = { ...current.location, ...change };
      if (JSON.stringify(location) === JSON.stringify(current.location)) return current;
      const next: RevokeRequest = { ...current, version: current.version + 1, location };
      if (await this.deps.requests.replace(next, current.version)) return next;
    }
    throw new Error(`Could not store where request ${requestId}'s card is: the store kept changing.`);
  }

  /** Expires every overdue pending request; returns only those this call expired (the CAS winners). */
  async expireOverdue(): Promise<RevokeRequest[]> {
    const overdue = await this.deps.requests.listOverdue(this.nowIso());
    const expired: RevokeRequest[] = [];
    for (const request of overdue) {
      const result = await this.tryExpire(request);
      if (result) expired.push(result);
    }
    return expired;
  }

  private async tryExpire(request: RevokeRequest): Promise<RevokeRequest | undefined> {
    const next = applyEvent(request, { type: 'expire', at: this.nowIso() });
    const expired = this.entry({ action: 'request.expired', actorId: SYSTEM_ACTOR, outcome: 'overdue', ...about(next) });
    return (await this.deps.requests.replace(next, request.version, [expired])) ? next : undefined;
  }

  private async refuse(
    refusal: DecideRefusal,
    actor: Person,
    verdict: Verdict,
    requestId: string,
    request?: RevokeRequest,
  ): Promise<DecideResult> {
    await this.audit({
      action: 'action.refused',
      actorId: actor.id,
      actorName: actor.name,
      requestId,
      ...(request ? { tenantId: request.tenantId, profileId: request.profile.id } : {}),
      outcome: refusal,
      detail: verdict,
    });
    return request ? { ok: false, refusal, request } : { ok: false, refusal };
  }

  private newRequest(input: OpenInput, justification: string): RevokeRequest {
    const now = this.deps.clock.now();
    const approvalsRequired = Math.max(
      input.approvalsRequired ?? 1,
      quorumFor(input.operation ?? 'revoke', input.profile, this.deps.quorumDeviceThreshold),
    );
    return {
      id: this.newId(),
      version: 1,
      state: 'pending',
      ...(input.operation && input.operation !== 'revoke' ? { operation: input.operation } : {}),
      // Absent means 1: single-approver requests look exactly as they always did.
      ...(approvalsRequired > 1 ? { approvalsRequired, approvals: [] } : {}),
      tenantId: input.tenantId,
      profile: input.profile,
      requester: input.requester,
      justification,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.ttlMinutes * 60_000).toISOString(),
      location: input.location,
      ...(input.matching ? { matching: input.matching } : {}),
    };
  }

  private isOverdue(request: RevokeRequest): boolean {
    return Date.parse(request.expiresAt) <= this.deps.clock.now().getTime();
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  private audit(entry: Omit<AuditEntry, 'at' | 'seq'>): Promise<void> {
    return this.deps.audit.append(this.entry(entry));
  }

  private entry(entry: Omit<AuditEntry, 'at' | 'seq'>): AuditEntry {
    return { at: this.nowIso(), ...entry };
  }
}

/** A request in these states holds its profile (or, for revoke-matching, its profiles): no second one opens for them. */
const OPEN_STATES = ['pending', 'approved', 'executing'] as const;

const DECISION_AUDIT_ACTION = {
  approve: 'request.approved',
  reject: 'request.rejected',
  cancel: 'request.cancelled',
} as const satisfies Record<Verdict, AuditEntry['action']>;

/** "1 of 2": how far the request is towards its quorum, for the audit line. */
function approvalCount(request: RevokeRequest): string {
  return `${request.approvals?.length ?? 0} of ${approvalsNeeded(request)}`;
}

function decisionEvent(verdict: Verdict, by: Person, at: string, reason: string | undefined): RequestEvent {
  if (verdict === 'reject') return { type: 'reject', by, at, reason: reason ?? '' };
  return { type: verdict, by, at, ...(reason ? { reason } : {}) };
}
