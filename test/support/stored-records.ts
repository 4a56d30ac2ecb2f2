/**
 * Reads what the bot persisted in its DATA_DIR (read-only, beside the running bot): the audit
 * history and the requests. Used to check facts a chat cannot show, e.g. that a retried revoke
 * was audited as a retry. The tables are those of src/storage/sqlite-migrations.ts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export interface AuditRow {
  seq: number;
  action: string;
  actorId: string;
  requestId?: string;
  profileId?: string;
  outcome?: string;
  graphRequestId?: string;
  clientRequestId?: string;
  detail?: string;
}

export interface StoredRequest {
  id: string;
  state: string;
  version: number;
  executionAttempts?: number;
  /** Set while the outcome is stored but not yet posted to the conversation. */
  resultToPost?: boolean;
  outcome?: { graphRequestId?: string; attempts?: number; failure?: { kind: string; graphRequestId?: string } };
  /** Several approvers: how many the request needs (absent: 1) and who approved so far. */
  approvalsRequired?: number;
  approvals?: { by: { id: string; name: string }; at: string }[];
}

const DATABASE_FILE = 'token-guard.db';

function withDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return read(db);
  } finally {
    db.close();
  }
}

/** Audit entries, oldest first (all, or of one request). */
export function readAudit(dataDir: string, requestId?: string): AuditRow[] {
  return withDatabase(dataDir, (db) => {
    const rows = (
      requestId === undefined
        ? db.prepare('SELECT seq, json FROM audit ORDER BY seq').all()
        : db.prepare('SELECT seq, json FROM audit WHERE request_id = ? ORDER BY seq').all(requestId)
    ) as { seq: number; json: string }[];
    return rows.map((row) => ({ ...(JSON.parse(row.json) as Omit<AuditRow, 'seq'>), seq: row.seq }));
  });
}

/** One stored request as the bot keeps it, or undefined. */
export function readRequest(dataDir: string, requestId: string): StoredRequest | undefined {
  return withDatabase(dataDir, (db) => {
    const row = db.prepare('SELECT json FROM requests WHERE id = ?').get(requestId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as StoredRequest) : undefined;
  });
}

/**
 * The stored request once no background work is still writing it: not approved/executing, and its
 * result (if any) posted. A test comparing versions before and after a click must start from here.
 */
export async function settledRequest(dataDir: string, requestId: string, timeoutMs = 10_000): Promise<StoredRequest | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const request = readRequest(dataDir, requestId);
    const busy = request && (request.state === 'approved' || request.state === 'executing' || request.resultToPost);
    if (!busy) return request;
    if (Date.now() > deadline) throw new Error(`request ${requestId} is still ${request.state}${request.resultToPost ? ' (result not posted)' : ''} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How many requests are stored. */
export function countRequests(dataDir: string): number {
  return withDatabase(dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n);
}
