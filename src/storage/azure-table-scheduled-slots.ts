import type { TableClient } from '@azure/data-tables';
import type { ScheduledSlot, ScheduledSlotStore } from '../approvals/scheduled-slots';
import { jsonOf, jsonProperties, statusOf, tableKey } from './azure-table-entities';

const PARTITION = 'slots';

/**
 * Slot claims in Azure Table storage: one entity per slot. `insertIfAbsent` is a create (409 when
 * another instance created it first); `replace` reads the entity and writes it with If-Match on its
 * ETag after checking the version, so of two writers of a version exactly one wins (412 → false).
 */
export class AzureTableScheduledSlots implements ScheduledSlotStore {
  constructor(private readonly table: TableClient) {}

  async get(id: string): Promise<ScheduledSlot | undefined> {
    return (await this.read(id))?.slot;
  }

  async insertIfAbsent(slot: ScheduledSlot): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: PARTITION, rowKey: tableKey(slot.id), Version: slot.version, ...jsonProperties(JSON.stringify(slot)) });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  async replace(next: ScheduledSlot, expectedVersion: number): Promise<boolean> {
    const stored = await this.read(next.id);
    if (!stored || stored.slot.version !== expectedVersion) return false;
    try {
      await this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: tableKey(next.id), Version: next.version, ...jsonProperties(JSON.stringify(next)) },
        'Replace',
        { etag: stored.etag },
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  private async read(id: string): Promise<{ slot: ScheduledSlot; etag: string } | undefined> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(PARTITION, tableKey(id));
      return { slot: JSON.parse(jsonOf(entity)) as ScheduledSlot, etag: String(entity.etag) };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
