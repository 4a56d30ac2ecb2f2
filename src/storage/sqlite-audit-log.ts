import { jsonWithinLimit } from './item-size';
import { statement, type SqliteDatabase } from './sqlite-database';
import type { AuditEntry, AuditLog, AuditQuery } from '../approvals/audit-log';

/** SQLite triggers reject UPDATE and DELETE on this table: the history can only grow. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: SqliteDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    insertAuditRow(this.db, entry);
  }

  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.requestId !== undefined) {
      where.push('request_id = ?');
      params.push(query.requestId);
    }
    if (query.profileId !== undefined) {
      where.push('profile_id = ?');
      params.push(query.profileId);
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(query.beforeSeq);
    }
    if (query.actions !== undefined) {
      if (query.actions.length === 0) return [];
      where.push(`action IN (${query.actions.map(() => '?').join(', ')})`);
      params.push(...query.actions);
    }
    const rows = statement(this.db, `SELECT seq, json FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...params, query.limit ?? -1) as { seq: number; json: string }[];
    return rows.map((row) => ({ ...(JSON.parse(row.json) as AuditEntry), seq: row.seq }));
  }
}

/** One audit row; also used inside the request store's transactions (a change and its audit line in one commit). */
export function insertAuditRow(db: SqliteDatabase, entry: AuditEntry): void {
  const { seq: _ignored, ...stored } = entry;
  const json = jsonWithinLimit(`the audit entry ${stored.action}`, stored);
  statement(db, 'INSERT INTO audit (at, action, actor_id, request_id, profile_id, json) VALUES (?, ?, ?, ?, ?, ?)').run(stored.at, stored.action, stored.actorId, stored.requestId ?? null, stored.profileId ?? null, json);
}
