import type { Download, ExportStore, StoredOffer } from '../exports/export-store';
import { statement, type SqliteDatabase } from './sqlite-database';

interface OfferRow {
  file_name: string;
  content_type: string;
  expires_at: string;
  taken_at: string | null;
  body: string | null;
}

/**
 * One-time downloads in the SQLite database. `take` marks the offer taken and clears the file in
 * one transaction that only succeeds while it is untaken and unexpired, so of several processes on
 * the same file exactly one gets it.
 */
export class SqliteExportStore implements ExportStore {
  constructor(private readonly db: SqliteDatabase) {}

  async put(key: string, download: Download, expiresAt: string, forgetBefore: string): Promise<void> {
    this.db.transaction(() => {
      statement(this.db, 'DELETE FROM exports WHERE expires_at < ?').run(forgetBefore);
      statement(this.db, 'INSERT INTO exports (token_hash, expires_at, file_name, content_type, body) VALUES (?, ?, ?, ?, ?)').run(
        key,
        expiresAt,
        download.fileName,
        download.contentType,
        download.body,
      );
    })();
  }

  async peek(key: string): Promise<StoredOffer | undefined> {
    const row = statement(this.db, 'SELECT file_name, content_type, expires_at, taken_at FROM exports WHERE token_hash = ?').get(key) as OfferRow | undefined;
    if (!row) return undefined;
    return { fileName: row.file_name, contentType: row.content_type, expiresAt: row.expires_at, ...(row.taken_at ? { takenAt: row.taken_at } : {}) };
  }

  async take(key: string, now: string): Promise<Download | undefined> {
    return this.db.transaction(() => {
      const row = statement(this.db, 'SELECT file_name, content_type, expires_at, taken_at, body FROM exports WHERE token_hash = ?').get(key) as OfferRow | undefined;
      if (!row || row.taken_at || row.expires_at <= now || row.body === null) {
        // An expired offer gives up its file at once.
        if (row && row.body !== null) statement(this.db, 'UPDATE exports SET body = NULL WHERE token_hash = ?').run(key);
        return undefined;
      }
      const changed = statement(this.db, 'UPDATE exports SET taken_at = ?, body = NULL WHERE token_hash = ? AND taken_at IS NULL').run(now, key);
      if (changed.changes !== 1) return undefined;
      return { fileName: row.file_name, contentType: row.content_type, body: row.body };
    }).immediate();
  }
}
