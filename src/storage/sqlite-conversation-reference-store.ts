import { systemClock, type Clock } from '../support/clock';
import { jsonWithinLimit } from './item-size';
import type { ConversationReferenceStore } from '../approvals/request-store';
import { statement, type SqliteDatabase } from './sqlite-database';

/** Conversation references survive restarts, so results still reach the thread (a lost reference = a lost reply). */
export class SqliteConversationReferenceStore implements ConversationReferenceStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock = systemClock,
  ) {}

  async save(key: string, reference: unknown): Promise<void> {
    statement(
      this.db,
      `INSERT INTO conversation_references (key, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ).run(key, jsonWithinLimit(`the conversation reference of ${key.slice(0, 80)}`, reference), this.clock.now().toISOString());
  }

  async get(key: string): Promise<unknown | undefined> {
    const row = statement(this.db, 'SELECT json FROM conversation_references WHERE key = ?').get(key) as
      | { json: string }
      | undefined;
    return row ? JSON.parse(row.json) : undefined;
  }
}
