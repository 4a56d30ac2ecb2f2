import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Transaction } from 'better-sqlite3';
import { statement, type SqliteDatabase } from './sqlite-database';

/**
 * botbuilder `Storage` on SQLite, for botbuilder-dialogs state (never for approval state:
 * BotState.saveChanges writes with eTag '*', last writer wins).
 *
 * eTag rules are those of botbuilder's MemoryStorage: every write gets a new eTag; a write whose
 * eTag is neither '*' nor missing must match the stored one (or the key must not exist), else it
 * throws `Storage: error writing "KEY" due to eTag conflict.`. Unlike MemoryStorage, a write of
 * several keys is all-or-nothing.
 */
export class SqliteBotStateStorage implements Storage {
  /** Built once: wrapping a function in a transaction on every call was a visible share of a turn's storage time. */
  private readonly writeAll: Transaction<(changes: StoreItems) => void>;
  private readonly deleteAll: Transaction<(keys: string[]) => void>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly newETag: () => string = randomUUID,
  ) {
    this.writeAll = db.transaction((changes: StoreItems) => this.writeEach(changes));
    this.deleteAll = db.transaction((keys: string[]) => {
      const remove = statement(db, 'DELETE FROM bot_state WHERE key = ?');
      for (const key of keys) remove.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const select = statement(this.db, 'SELECT etag, json FROM bot_state WHERE key = ?');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = select.get(key) as { etag: string; json: string } | undefined;
      if (row) items[key] = { ...JSON.parse(row.json), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    const only = keys.length === 1 ? ((changes[keys[0]] ?? {}) as { eTag?: string }) : undefined;
    if (only && (only.eTag === undefined || only.eTag === '*')) {
      // What BotState.saveChanges writes every turn a dialog moves: one key, eTag '*'. Nothing to
      // compare, and one statement is atomic on its own: no transaction, no eTag read.
      const { eTag: _any, ...value } = only;
      this.upsert().run(keys[0], this.newETag(), JSON.stringify(value));
      return;
    }
    // IMMEDIATE: take the write lock before reading the eTags, so no other process can slip in between.
    this.writeAll.immediate(changes);
  }

  private upsert() {
    return statement(
      this.db,
      `INSERT INTO bot_state (key, etag, json) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, json = excluded.json`,
    );
  }

  private writeEach(changes: StoreItems): void {
    const selectETag = statement(this.db, 'SELECT etag FROM bot_state WHERE key = ?');
    const upsert = this.upsert();
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const stored = selectETag.get(key) as { etag: string } | undefined;
      if (stored && eTag && eTag !== '*' && eTag !== stored.etag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      upsert.run(key, this.newETag(), JSON.stringify(value));
    }
  }

  async delete(keys: string[]): Promise<void> {
    this.deleteAll.immediate(keys);
  }
}
