import type { BulkItem, BulkItemStore } from '../approvals/bulk-items';
import { statement, type SqliteDatabase } from './sqlite-database';

/**
 * BulkItemStore on SQLite: one row per (request, profile). `replace` is one
 * `UPDATE … WHERE version = ?`, atomic across processes sharing the file.
 */
export class SqliteBulkItemStore implements BulkItemStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertAll(items: readonly BulkItem[]): Promise<void> {
    const insert = statement(
      this.db,
      `INSERT OR IGNORE INTO bulk_items (request_id, profile_id, version, state, display_name, json)
       VALUES (@requestId, @profileId, @version, @state, @displayName, @json)`,
    );
    this.db.transaction(() => {
      for (const item of items) insert.run(toRow(item));
    })();
  }

  async list(requestId: string): Promise<BulkItem[]> {
    const rows = statement(this.db, 'SELECT json FROM bulk_items WHERE request_id = ? ORDER BY display_name, profile_id').all(requestId) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as BulkItem);
  }

  async replace(next: BulkItem, expectedVersion: number): Promise<boolean> {
    const result = statement(
      this.db,
      `UPDATE bulk_items SET version = @version, state = @state, json = @json
        WHERE request_id = @requestId AND profile_id = @profileId AND version = @expectedVersion`,
    ).run({ ...toRow(next), expectedVersion });
    return result.changes === 1;
  }
}

function toRow(item: BulkItem) {
  return { requestId: item.requestId, profileId: item.profileId, version: item.version, state: item.state, displayName: item.displayName, json: JSON.stringify(item) };
}
