import type { AuditEntry } from '../approvals/audit-log';
import type { RequestState, RevokeRequest } from '../approvals/revoke-request';
import { insertAuditRow } from './sqlite-audit-log';
import { jsonWithinLimit } from './item-size';
import { DuplicateRequest, OpenRequestExists, type RequestStore } from '../approvals/request-store';
import { statement, type SqliteDatabase } from './sqlite-database';

const OPEN_STATES: readonly RequestState[] = ['pending', 'approved', 'executing'];
/** SQLite's "no limit". */
const ALL = -1;

interface RequestRow {
  json: string;
}

/**
 * RequestStore on SQLite. `replace` is a single `UPDATE … WHERE id = ? AND version = ?`, which SQLite
 * runs atomically even when several processes share the file, so exactly one writer of a version wins.
 * The audit lines of a change are inserted in the same transaction: both are stored, or neither.
 */
export class SqliteRequestStore implements RequestStore {
  constructor(private readonly db: SqliteDatabase) {}

  private statement(sql: string) {
    return statement(this.db, sql);
  }

  async insert(request: RevokeRequest, audit: readonly AuditEntry[] = []): Promise<void> {
    const row = toRow(request);
    try {
      this.db.transaction(() => {
        this.statement(
            `INSERT INTO requests (id, version, state, tenant_id, profile_id, expires_at, created_at, json)
             VALUES (@id, @version, @state, @tenantId, @profileId, @expiresAt, @createdAt, @json)`,
          )
          .run(row);
        for (const entry of audit) insertAuditRow(this.db, entry);
      })();
    } catch (error) {
      throw this.translateInsertError(error, request);
    }
  }

  async get(id: string): Promise<RevokeRequest | undefined> {
    const row = this.statement('SELECT json FROM requests WHERE id = ?').get(id) as RequestRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  async replace(next: RevokeRequest, expectedVersion: number, audit: readonly AuditEntry[] = []): Promise<boolean> {
    const json = toRow(next).json;
    return this.db.transaction(() => {
      const result = this.statement(
          // Tenant, profile, creation and expiry never change after insert: leaving them out of SET
          // spares SQLite the upkeep of the indexes on them.
          `UPDATE requests SET version = @version, state = @state, json = @json
            WHERE id = @id AND version = @expectedVersion`,
        )
        .run({ id: next.id, version: next.version, state: next.state, json, expectedVersion });
      if (result.changes !== 1) return false;
      for (const entry of audit) insertAuditRow(this.db, entry);
      return true;
    })();
  }

  async listResultsToPost(limit?: number): Promise<RevokeRequest[]> {
    const rows = this.statement(`SELECT json FROM requests WHERE json_extract(json, '$.resultToPost') = 1 ORDER BY created_at, id LIMIT ?`)
      .all(limit ?? ALL) as RequestRow[];
    return rows.map(fromRow);
  }

  /** Nothing is ever half-written here: a change and its audit lines are one transaction. */
  async completeUnfinishedWrites(): Promise<number> {
    return 0;
  }

  async listByState(states: readonly RequestState[], limit?: number): Promise<RevokeRequest[]> {
    if (states.length === 0) return [];
    const placeholders = states.map(() => '?').join(', ');
    const rows = this.statement(`SELECT json FROM requests WHERE state IN (${placeholders}) ORDER BY created_at, id LIMIT ?`)
      .all(...states, limit ?? ALL) as RequestRow[];
    return rows.map(fromRow);
  }

  async listOverdue(now: string, limit?: number): Promise<RevokeRequest[]> {
    // ISO-8601 UTC strings from Date.toISOString() order correctly as text.
    const rows = this.statement(`SELECT json FROM requests WHERE state = 'pending' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?`)
      .all(now, limit ?? ALL) as RequestRow[];
    return rows.map(fromRow);
  }

  async findOpenForProfile(tenantId: string, profileId: string): Promise<RevokeRequest | undefined> {
    const row = this.statement(
        `SELECT json FROM requests
          WHERE tenant_id = ? AND profile_id = ? AND state IN (${OPEN_STATES.map(() => '?').join(', ')})
          ORDER BY created_at DESC LIMIT 1`,
      )
      .get(tenantId, profileId, ...OPEN_STATES) as RequestRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  private translateInsertError(error: unknown, request: RevokeRequest): unknown {
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
    // SQLite reports whichever unique index it checked first; a taken id is the more basic problem.
    const idTaken = this.statement('SELECT 1 FROM requests WHERE id = ?').get(request.id) !== undefined;
    return idTaken ? new DuplicateRequest(request.id) : new OpenRequestExists(request.tenantId, request.profile.id);
  }
}

function toRow(request: RevokeRequest) {
  return {
    id: request.id,
    version: request.version,
    state: request.state,
    tenantId: request.tenantId,
    profileId: request.profile.id,
    expiresAt: request.expiresAt,
    createdAt: request.createdAt,
    json: jsonWithinLimit(`request ${request.id}`, request),
  };
}

function fromRow(row: RequestRow): RevokeRequest {
  return JSON.parse(row.json) as RevokeRequest;
}
