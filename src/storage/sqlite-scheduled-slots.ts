import type { ScheduledSlot, ScheduledSlotStore } from '../approvals/scheduled-slots';
import { statement, type SqliteDatabase } from './sqlite-database';

/**
 * Slot claims in the SQLite database. `insertIfAbsent` is `INSERT … ON CONFLICT DO NOTHING` and
 * `replace` an `UPDATE … WHERE version = ?`: each is atomic also across processes sharing the file.
 */
export class SqliteScheduledSlots implements ScheduledSlotStore {
  constructor(private readonly db: SqliteDatabase) {}

  async get(id: string): Promise<ScheduledSlot | undefined> {
    const row = statement(this.db, 'SELECT json FROM scheduled_slots WHERE id = ?').get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as ScheduledSlot) : undefined;
  }

  async insertIfAbsent(slot: ScheduledSlot): Promise<boolean> {
    const changed = statement(this.db, 'INSERT INTO scheduled_slots (id, version, json) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
      slot.id,
      slot.version,
      JSON.stringify(slot),
    );
    return changed.changes === 1;
  }

  async replace(next: ScheduledSlot, expectedVersion: number): Promise<boolean> {
    const changed = statement(this.db, 'UPDATE scheduled_slots SET version = ?, json = ? WHERE id = ? AND version = ?').run(
      next.version,
      JSON.stringify(next),
      next.id,
      expectedVersion,
    );
    return changed.changes === 1;
  }
}
