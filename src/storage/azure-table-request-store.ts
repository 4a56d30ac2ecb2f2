import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { RequestState, RevokeRequest } from '../approvals/revoke-request';
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

/**
 * RequestStore on Azure Table storage (or Cosmos DB for Table).
 * - A request is one entity (`request|<id>`); `replace` reads its ETag and writes with If-Match, so
 *   of two processes writing the same version exactly one wins (the other gets 412 → false).
 * - "One open request per profile" is an entity `open|<tenant>|<profile>` created in the same
 *   transaction as the open request and deleted in the same transaction that closes it, so two
 *   processes cannot both open one (the second transaction fails with 409, nothing written).
 * Listing filters the partition on the server and sorts here (Cosmos DB does not promise an order).
 */
export class AzureTableRequestStore implements RequestStore {
  constructor(private readonly table: TableClient) {}

  async insert(request: RevokeRequest): Promise<void> {
    const entity = requestEntity(request);
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
  }

  async get(id: string): Promise<RevokeRequest | undefined> {
    const entity = await this.read(requestRowKey(id));
    return entity ? fromEntity(entity) : undefined;
  }

  async replace(next: RevokeRequest, expectedVersion: number): Promise<boolean> {
    const entity = requestEntity(next); // refuses an oversized request before anything is read
    const current = await this.read(requestRowKey(next.id));
    if (!current || Number(current.Version) !== expectedVersion) return false;
    const update: TransactionAction = ['update', entity, 'Replace', { etag: current.etag }];
    const heldLock = isOpen(String(current.State) as RequestState) ? lockRowKey(String(current.TenantId), String(current.ProfileId)) : undefined;
    const wantedLock = isOpen(next.state) ? lockRowKey(next.tenantId, next.profile.id) : undefined;
    const actions: TransactionAction[] = [update];
    if (heldLock !== wantedLock) {
      if (heldLock) actions.push(['delete', { partitionKey: PARTITION, rowKey: heldLock }]);
      if (wantedLock) actions.push(['create', lockEntity(next.tenantId, next.profile.id, next.id)]);
    }
    try {
      if (actions.length === 1) await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
      else await this.table.submitTransaction(actions);
      return true;
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

  private async replaceWithoutLockChange(entity: Entity, etag: string): Promise<boolean> {
    try {
      await this.table.updateEntity(entity, 'Replace', { etag });
      return true;
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
