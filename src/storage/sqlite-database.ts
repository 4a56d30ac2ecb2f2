import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { MIGRATIONS } from './sqlite-migrations';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE_NAME = 'token-guard.db';

const compiled = new WeakMap<SqliteDatabase, Map<string, Statement>>();

/**
 * The compiled statement for `sql` on `db`, compiled once: compiling on every call was a visible
 * share of an approval's CPU in the bench. Use it for SQL whose text comes from a fixed set.
 */
export function statement(db: SqliteDatabase, sql: string): Statement {
  let byText = compiled.get(db);
  if (!byText) compiled.set(db, (byText = new Map()));
  let found = byText.get(sql);
  if (!found) byText.set(sql, (found = db.prepare(sql)));
  return found;
}
/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) `<dataDir>/token-guard.db` in WAL mode and brings its schema up to date.
 * Several processes may open the same file: WAL lets readers run beside one writer, and the busy
 * timeout makes writers queue instead of failing.
 */
export function openSqliteDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  return prepare(new Database(join(dataDir, DATABASE_FILE_NAME)));
}

/** A private in-memory database with the same schema: for tests and throw-away runs. */
export function openInMemorySqliteDatabase(): SqliteDatabase {
  return prepare(new Database(':memory:'));
}

function prepare(db: SqliteDatabase): SqliteDatabase {
  try {
    // busy_timeout first, so that switching to WAL also waits for a concurrent opener.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the migrations this database has not seen yet, in one IMMEDIATE transaction (one migrator at a time). */
export function migrate(db: SqliteDatabase): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const run = db.transaction(() => {
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`Database schema version ${current} is newer than this program (${MIGRATIONS.length}).`);
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) db.exec(MIGRATIONS[version - 1]);
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    else if (current < MIGRATIONS.length) db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length);
    return MIGRATIONS.length;
  });
  return run.immediate();
}
