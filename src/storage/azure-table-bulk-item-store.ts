import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { BulkItem, BulkItemStore } from '../approvals/bulk-items';
import { jsonOf, jsonProperties, statusOf, tableKey } from './azure-table-entities';

/** Azure allows at most 100 operations in one entity-group transaction. */
const TRANSACTION_SIZE = 100;

/**
 * BulkItemStore on Azure Table storage: one partition per request, one entity per profile.
 * `replace` reads the entity and writes it back with its ETag only if the stored version is the
 * expected one, so of two writers of a version exactly one wins (412 for the other).
 */
export class AzureTableBulkItemStore implements BulkItemStore {
  constructor(private readonly table: TableClient) {}

  async insertAll(items: readonly BulkItem[]): Promise<void> {
    const byRequest = new Map<string, BulkItem[]>();
    for (const item of items) byRequest.set(item.requestId, [...(byRequest.get(item.requestId) ?? []), item]);
    for (const [requestId, ofRequest] of byRequest) {
      const existing = new Set((await this.list(requestId)).map((item) => item.profileId));
      const fresh = ofRequest.filter((item) => !existing.has(item.profileId));
      for (let start = 0; start < fresh.length; start += TRANSACTION_SIZE) {
        const actions: TransactionAction[] = fresh.slice(start, start + TRANSACTION_SIZE).map((item) => ['create', entityOf(item)]);
        try {
          await this.table.submitTransaction(actions);
        } catch (error) {
          // Another process stored some of them first: store the rest one by one, keeping theirs.
          if (statusOf(error) !== 409) throw error;
          for (const [, entity] of actions as ['create', ReturnType<typeof entityOf>][]) {
            await this.table.createEntity(entity).catch((e: unknown) => {
              if (statusOf(e) !== 409) throw e;
            });
          }
        }
      }
    }
  }

  async list(requestId: string): Promise<BulkItem[]> {
    const items: BulkItem[] = [];
    const filter = odata`PartitionKey eq ${tableKey(requestId)}`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      items.push(JSON.parse(jsonOf(entity)) as BulkItem);
    }
    return items.sort((a, b) => compare(a.displayName, b.displayName) || compare(a.profileId, b.profileId));
  }

  async replace(next: BulkItem, expectedVersion: number): Promise<boolean> {
    let current: Record<string, unknown> & { etag: string };
    try {
      current = (await this.table.getEntity<Record<string, unknown>>(tableKey(next.requestId), tableKey(next.profileId))) as Record<string, unknown> & { etag: string };
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
    if (Number(current.Version) !== expectedVersion) return false;
    try {
      await this.table.updateEntity(entityOf(next), 'Replace', { etag: current.etag });
      return true;
    } catch (error) {
      if (statusOf(error) === 412) return false;
      throw error;
    }
  }
}

function entityOf(item: BulkItem) {
  return {
    partitionKey: tableKey(item.requestId),
    rowKey: tableKey(item.profileId),
    Version: item.version,
    State: item.state,
    ...jsonProperties(JSON.stringify(item)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
