import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { AuditEntry } from '../approvals/audit-log';
import type { RequestState, RevokeRequest } from '../approvals/revoke-request';
import type { AzureTableAuditLog } from './azure-table-audit-log';
import { jsonOf, jsonProperties, rowKeyRange, statusOf, tableKey } from './azure-table-entities';
import { jsonWithinLimit } from './item-size';
import { DuplicateRequest, OpenRequestExists, type RequestStore } from '../approvals/request-store';

const OPEN_STATES: readonly RequestState[] = ['pending', 'approved', 'executing'];
/**
 * Everything lives in one partition: a table transaction (all-or-nothing) only spans one partition,
 * and a request and its profile's "open" lock must change together. One partition serves about
 * 2,000 operations per second, far beyond what approvals in one tenant need.
 */
const PARTITION = 'requests';
const REQUEST = 'request';
const OPEN_LOCK = 'open';

type Entity = TableEntity<Record<string, unknown>>;

/** An audit line waiting in a request's outbox, with the id that makes its append idempotent. */
interface OutboxItem {
  eventId: string;
  entry: AuditEntry;
}
/** What a write stored: its ETag and outbox. */
interface Written {
  etag: string;
  outbox: OutboxItem[];
}
/** A replace that lost only to an outbox flush (same Version, new ETag) is tried again this often. */
const MAX_OUTBOX_RACE_RETRIES = 5;

/**
 * RequestStore on Azure Table storage (or Cosmos DB for Table).
 * - A request is one entity (`request|<id>`); `replace` reads its ETag and writes with If-Match, so
 *   of two processes writing the same version exactly one wins (the other gets 412 → false).
 * - "One open request per profile" is an entity `open|<tenant>|<profile>` created in the same
 *   transaction as the open request and deleted in the same transaction that closes it, so two
 *   processes cannot both open one (the second transaction fails with 409, nothing written).
 * - A change and its audit lines are one write: the lines go into the request entity's `Outbox` in
 *   the same conditional write (requests and audit live in different tables, so no transaction
 *   spans both). The outbox is then flushed to the audit log with an event id per line (appended at
 *   most once, whoever flushes, however often) and cleared. A process that dies in between leaves
 *   the outbox set (`OutboxPending`); completeUnfinishedWrites, run by every instance's recovery
 *   loop, flushes it. Later changes keep earlier unflushed lines ahead of theirs, so order holds.
 * Listing filters the partition on the server and sorts here (Cosmos DB does not promise an order).
 */
export class AzureTableRequestStore implements RequestStore {
  constructor(
    private readonly table: TableClient,
    private readonly audit?: AzureTableAuditLog,
  ) {}

  async insert(request: RevokeRequest, audit: readonly AuditEntry[] = []): Promise<void> {
    const outbox = this.outboxItems([], audit);
    const entity = { ...requestEntity(request), ...outboxProperties(outbox) };
    try {
      if (isOpen(request.state)) {
        await this.table.submitTransaction([
          ['create', entity],
          ['create', lockEntity(request.tenantId, request.profile.id, request.id)],
        ]);
      } else {
        await this.table.createEntity(entity);
      }
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      // The transaction does not say reliably which entity existed; a taken id is the more basic problem.
      throw (await this.get(request.id)) ? new DuplicateRequest(request.id) : new OpenRequestExists(request.tenantId, request.profile.id);
    }
    if (outbox.length) await this.flushQuietly(requestRowKey(request.id));
  }

  async get(id: string): Promise<RevokeRequest | undefined> {
    const entity = await this.read(requestRowKey(id));
    return entity ? fromEntity(entity) : undefined;
  }

  async replace(next: RevokeRequest, expectedVersion: number, audit: readonly AuditEntry[] = []): Promise<boolean> {
    requestEntity(next); // refuses an oversized request before anything is read
    const added = this.outboxItems([], audit);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.replaceOnce(next, expectedVersion, added);
      if (stored === false) return false;
      if (stored !== 'outbox-race') {
        if (added.length > 0) await this.flushQuietly(requestRowKey(next.id), stored);
        return true;
      }
      if (attempt >= MAX_OUTBOX_RACE_RETRIES) return false;
    }
  }

  async listResultsToPost(limit?: number): Promise<RevokeRequest[]> {
    const found = await this.query(odata`ResultToPost eq ${true}`);
    found.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    return found.slice(0, limit ?? found.length);
  }

  /** Flushes every outbox a process left behind (crashed between the write and the flush). */
  async completeUnfinishedWrites(): Promise<number> {
    const range = rowKeyRange(REQUEST);
    const filter = `${odata`PartitionKey eq ${PARTITION} and RowKey ge ${range.from} and RowKey lt ${range.to}`} and ${odata`OutboxPending eq ${true}`}`;
    const ids: string[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey', 'OutboxPending'] } })) {
      ids.push(String(entity.rowKey));
    }
    for (const rowKey of ids) await this.flushOutbox(rowKey);
    return ids.length;
  }

  private outboxItems(base: OutboxItem[], audit: readonly AuditEntry[]): OutboxItem[] {
    if (audit.length && !this.audit) throw new Error('This request store was opened without its audit log: it cannot store audit lines with a change.');
    return [...base, ...audit.map((entry) => ({ eventId: randomUUID(), entry: { ...entry } }))];
  }

  /** After a write with audit lines: flush now; if the audit table is unreachable, the recovery loop flushes later. */
  private async flushQuietly(rowKey: string, written?: Written): Promise<void> {
    try {
      await this.flushOutbox(rowKey, written);
    } catch {
      // Left in the outbox (OutboxPending): completeUnfinishedWrites appends it, once.
    }
  }

  /** `written`: what this process just wrote (saves reading it back). */
  private async flushOutbox(rowKey: string, written?: Written): Promise<void> {
    const current: (Readonly<Record<string, unknown>> & { etag: string }) | undefined = written?.etag
      ? { etag: written.etag, ...outboxProperties(written.outbox) }
      : await this.read(rowKey);
    const items = current ? outboxOf(current) : [];
    if (!current || items.length === 0 || !this.audit) return;
    await this.audit.appendOnce(items);
    const flushed = new Set(items.map((item) => item.eventId));
    // Clear what was appended, keeping lines a later change added meanwhile. Version stays: the
    // outbox is the store's business, not a change of the request.
    let entity: (Readonly<Record<string, unknown>> & { etag: string }) | undefined = current;
    for (let attempt = 0; attempt < MAX_OUTBOX_RACE_RETRIES && entity; attempt++) {
      const remaining = outboxOf(entity).filter((item) => !flushed.has(item.eventId));
      try {
        await this.table.updateEntity({ partitionKey: PARTITION, rowKey, ...outboxProperties(remaining) }, 'Merge', { etag: entity.etag });
        return;
      } catch (error) {
        if (statusOf(error) === 404) return;
        if (statusOf(error) !== 412) throw error;
        entity = await this.read(rowKey);
      }
    }
  }

  /** One conditional write; 'outbox-race' when only a concurrent outbox flush changed the entity. */
  private async replaceOnce(next: RevokeRequest, expectedVersion: number, added: OutboxItem[]): Promise<Written | false | 'outbox-race'> {
    const current = await this.read(requestRowKey(next.id));
    if (!current || Number(current.Version) !== expectedVersion) return false;
    const outbox = [...outboxOf(current), ...added];
    const entity = { ...requestEntity(next), ...outboxProperties(outbox) };
    const etag = await this.write(next, current, entity);
    if (etag !== false) return { etag, outbox };
    const now = await this.read(requestRowKey(next.id));
    return now && Number(now.Version) === expectedVersion ? 'outbox-race' : false;
  }

  /** The new ETag, or false when someone else wrote first. */
  private async write(next: RevokeRequest, current: Entity & { etag: string }, entity: Entity): Promise<string | false> {
    const update: TransactionAction = ['update', entity, 'Replace', { etag: current.etag }];
    const heldLock = isOpen(String(current.State) as RequestState) ? lockRowKey(String(current.TenantId), String(current.ProfileId)) : undefined;
    const wantedLock = isOpen(next.state) ? lockRowKey(next.tenantId, next.profile.id) : undefined;
    const actions: TransactionAction[] = [update];
    if (heldLock !== wantedLock) {
      if (heldLock) actions.push(['delete', { partitionKey: PARTITION, rowKey: heldLock }]);
      if (wantedLock) actions.push(['create', lockEntity(next.tenantId, next.profile.id, next.id)]);
    }
    try {
      if (actions.length === 1) return (await this.table.updateEntity(entity, 'Replace', { etag: current.etag })).etag ?? '';
      return (await this.table.submitTransaction(actions)).subResponses[0]?.etag ?? '';
    } catch (error) {
      const status = statusOf(error);
      if (status === 412) return false; // someone else wrote first
      if (status === 409) throw new OpenRequestExists(next.tenantId, next.profile.id);
      if (status === 404 && actions.length > 1) {
        // The request vanished (→ false), or its lock was missing: a lock cannot be deleted twice,
        // so store the request alone, still conditional on the ETag.
        return this.replaceWithoutLockChange(entity, current.etag);
      }
      throw error;
    }
  }

  async listByState(states: readonly RequestState[], limit?: number): Promise<RevokeRequest[]> {
    if (states.length === 0) return [];
    const byState = states.map((state) => odata`State eq ${state}`).join(' or ');
    const found = await this.query(`(${byState})`);
    found.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    return found.slice(0, limit ?? found.length);
  }

  async listOverdue(now: string, limit?: number): Promise<RevokeRequest[]> {
    // ISO-8601 UTC strings from Date.toISOString() order correctly as text.
    const found = await this.query(odata`State eq ${'pending'} and ExpiresAt le ${now}`);
    found.sort((a, b) => compare(a.expiresAt, b.expiresAt) || compare(a.id, b.id));
    return found.slice(0, limit ?? found.length);
  }

  async findOpenForProfile(tenantId: string, profileId: string): Promise<RevokeRequest | undefined> {
    const lock = await this.read(lockRowKey(tenantId, profileId));
    if (!lock) return undefined;
    const request = await this.get(String(lock.RequestId));
    return request && isOpen(request.state) ? request : undefined;
  }

  private async replaceWithoutLockChange(entity: Entity, etag: string): Promise<string | false> {
    try {
      return (await this.table.updateEntity(entity, 'Replace', { etag })).etag ?? '';
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  private async read(rowKey: string): Promise<(Entity & { etag: string }) | undefined> {
    try {
      return (await this.table.getEntity<Record<string, unknown>>(PARTITION, rowKey)) as Entity & { etag: string };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async query(condition: string): Promise<RevokeRequest[]> {
    const range = rowKeyRange(REQUEST);
    const filter = `${odata`PartitionKey eq ${PARTITION} and RowKey ge ${range.from} and RowKey lt ${range.to}`} and ${condition}`;
    const found: RevokeRequest[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) found.push(fromEntity(entity));
    return found;
  }
}

function isOpen(state: RequestState): boolean {
  return OPEN_STATES.includes(state);
}

function requestRowKey(id: string): string {
  return `${REQUEST}|${tableKey(id)}`;
}

function lockRowKey(tenantId: string, profileId: string): string {
  return `${OPEN_LOCK}|${tableKey(tenantId)}|${tableKey(profileId)}`;
}

function outboxOf(entity: Readonly<Record<string, unknown>>): OutboxItem[] {
  const raw = entity.Outbox;
  return typeof raw === 'string' && raw ? (JSON.parse(raw) as OutboxItem[]) : [];
}

function outboxProperties(outbox: OutboxItem[]): Record<string, string | boolean> {
  return { Outbox: outbox.length ? jsonWithinLimit('a request\'s audit outbox', outbox) : '', OutboxPending: outbox.length > 0 };
}

function requestEntity(request: RevokeRequest): Entity {
  return {
    partitionKey: PARTITION,
    rowKey: requestRowKey(request.id),
    Version: request.version,
    State: request.state,
    TenantId: request.tenantId,
    ProfileId: request.profile.id,
    CreatedAt: request.createdAt,
    ExpiresAt: request.expiresAt,
    ResultToPost: request.resultToPost === true,
    ...jsonProperties(jsonWithinLimit(`request ${request.id}`, request)),
  };
}

function lockEntity(tenantId: string, profileId: string, requestId: string): Entity {
  return { partitionKey: PARTITION, rowKey: lockRowKey(tenantId, profileId), RequestId: requestId };
}

function fromEntity(entity: Readonly<Record<string, unknown>>): RevokeRequest {
  return JSON.parse(jsonOf(entity)) as RevokeRequest;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
