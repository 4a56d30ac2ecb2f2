import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { openSqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { DATABASE_FILE_NAME } from '../../../src/storage/sqlite-database';
import { makeTempDir } from '../storage/temp-dir';

describe('SqliteAuditLog', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let storage: SqliteStorage;

  const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
    at: '2025-01-01T10:00:00.000Z',
    action: 'request.created',
    actorId: 'aaaa',
    ...overrides,
  });

  beforeEach(() => {
    dir = makeTempDir();
    storage = openSqliteStorage(dir.path);
  });

  afterEach(() => {
    storage.close();
    dir.remove();
  });

  it('assigns increasing seq numbers and lists newest first with every field kept', async () => {
    const full = entry({
      action: 'revoke.failed',
      actorId: 'system',
      actorName: 'Token Guard',
      tenantId: 't',
      requestId: 'r1',
      profileId: 'p1',
      outcome: 'forbidden',
      graphRequestId: 'g-1',
      detail: 'Application is not authorized',
    });
    await storage.audit.append(entry({ requestId: 'r1', seq: 999 })); // a caller's seq is ignored
    await storage.audit.append(full);
    const listed = await storage.audit.list();
    assert.deepEqual(listed.map((e) => e.seq), [2, 1]);
    assert.deepEqual(listed[0], { ...full, seq: 2 });
  });

  it('filters by request and profile, and limits', async () => {
    await storage.audit.append(entry({ requestId: 'r1', profileId: 'p1' }));
    await storage.audit.append(entry({ requestId: 'r2', profileId: 'p1', action: 'request.approved' }));
    await storage.audit.append(entry({ requestId: 'r2', profileId: 'p2', action: 'request.rejected' }));
    assert.deepEqual((await storage.audit.list({ requestId: 'r2' })).map((e) => e.action), ['request.rejected', 'request.approved']);
    assert.deepEqual((await storage.audit.list({ profileId: 'p1' })).map((e) => e.requestId), ['r2', 'r1']);
    assert.deepEqual((await storage.audit.list({ requestId: 'r2', profileId: 'p1' })).map((e) => e.seq), [2]);
    assert.deepEqual((await storage.audit.list({ limit: 2 })).map((e) => e.seq), [3, 2]);
  });

  it('filters by actions, combined with the other filters and the limit', async () => {
    await storage.audit.append(entry({ profileId: 'p1', action: 'request.created' }));
    await storage.audit.append(entry({ profileId: 'p1', action: 'access.denied' }));
    await storage.audit.append(entry({ profileId: 'p1', action: 'revoke.succeeded' }));
    await storage.audit.append(entry({ profileId: 'p2', action: 'revoke.succeeded' }));
    assert.deepEqual((await storage.audit.list({ actions: ['revoke.succeeded', 'request.created'] })).map((e) => e.seq), [4, 3, 1]);
    assert.deepEqual((await storage.audit.list({ actions: ['revoke.succeeded'], profileId: 'p1' })).map((e) => e.seq), [3]);
    assert.deepEqual((await storage.audit.list({ actions: ['revoke.succeeded', 'request.created'], limit: 1 })).map((e) => e.seq), [4]);
    assert.deepEqual(await storage.audit.list({ actions: [] }), []);
  });

  it('is append-only: the database rejects UPDATE and DELETE, even from another connection', async () => {
    await storage.audit.append(entry({ requestId: 'r1' }));
    const raw = new Database(join(dir.path, DATABASE_FILE_NAME));
    try {
      assert.throws(() => raw.prepare("UPDATE audit SET action = 'request.approved'").run(), /append-only/);
      assert.throws(() => raw.prepare('DELETE FROM audit').run(), /append-only/);
    } finally {
      raw.close();
    }
    assert.equal((await storage.audit.list())[0].action, 'request.created');
  });
});
