import type { TableClient } from '@azure/data-tables';
import { systemClock, type Clock } from '../support/clock';
import { jsonOf, jsonProperties, statusOf, tableKey } from './azure-table-entities';
import { jsonWithinLimit } from './item-size';
import type { ConversationReferenceStore } from '../approvals/request-store';

const PARTITION = 'conversations';

/** Conversation references on Azure Table storage: one entity per conversation key, last writer wins. */
export class AzureConversationReferenceStore implements ConversationReferenceStore {
  constructor(
    private readonly table: TableClient,
    private readonly clock: Clock = systemClock,
  ) {}

  async save(key: string, reference: unknown): Promise<void> {
    const json = jsonWithinLimit(`the conversation reference of ${key.slice(0, 80)}`, reference);
    await this.table.upsertEntity(
      { partitionKey: PARTITION, rowKey: tableKey(key), Key: key, UpdatedAt: this.clock.now().toISOString(), ...jsonProperties(json) },
      'Replace',
    );
  }

  async get(key: string): Promise<unknown | undefined> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(PARTITION, tableKey(key));
      return JSON.parse(jsonOf(entity)) as unknown;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
