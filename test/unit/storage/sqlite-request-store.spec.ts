import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { applyEvent } from '../../../src/approvals/revoke-request';
import { openSqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { DuplicateRequest, OpenRequestExists } from '../../../src/approvals/request-store';
import { DATABASE_FILE_NAME, openSqliteDatabase } from '../../../src/storage/sqlite-database';
import { MIGRATIONS } from '../../../src/storage/sqlite-migrations';
import { aRequest, BOB, OTHER_TENANT, PROFILE } from '../approvals/fixtures';
import { makeTempDir } from './temp-dir';

const run = promisify(execFile);

describe('SQLite storage', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let storage: SqliteStorage;

  beforeEach(() => {
    dir = makeTempDir();
    storage = openSqliteStorage(join(dir.path, 'data'));
  });

  afterEach(() => {
    storage.close();
    dir.remove();
  });

  describe('database', () => {
    it('creates DATA_DIR and token-guard.db in WAL mode with the current schema version', () => {
      const file = join(dir.path, 'data', DATABASE_FILE_NAME);
      assert.ok(existsSync(file));
      const raw = new Database(file, { readonly: true });
      try {
        assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal((raw.prepare('SELECT version FROM schema_version').get() as { version: number }).version, MIGRATIONS.length);
        assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n, 1);
      } finally {
        raw.close();
      }
    });

    it('sets a busy timeout so that writers wait for each other', () => {
      const db = openSqliteDatabase(join(dir.path, 'data'));
      try {
        assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
      } finally {
        db.close();
      }
    });

    it('reopens an existing database without migrating twice, keeping the data', async () => {
      const request = aRequest();
      await storage.requests.insert(request);
      storage.close();
      storage = openSqliteStorage(join(dir.path, 'data'));
      assert.deepEqual(await storage.requests.get(request.id), request);
    });

    it('refuses a database written by a newer program', () => {
      const db = openSqliteDatabase(join(dir.path, 'data'));
      db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length + 1);
      db.close();
      assert.throws(() => openSqliteDatabase(join(dir.path, 'data')), /newer than this program/);
    });
  });

  describe('requests', () => {
    it('stores and returns a request unchanged; unknown ids are undefined', async () => {
      const request = aRequest({ location: { conversationKey: 'k', conversationType: 'channel', cardActivityId: 'a1' } });
      await storage.requests.insert(request);
      assert.deepEqual(await storage.requests.get(request.id), request);
      assert.equal(await storage.requests.get('missing'), undefined);
    });

    it('throws DuplicateRequest for an existing id', async () => {
      const request = aRequest({ state: 'rejected' });
      await storage.requests.insert(request);
      await assert.rejects(storage.requests.insert({ ...request, profile: { ...PROFILE, id: 'other' } }), DuplicateRequest);
    });

    it('throws OpenRequestExists for a second open request on one profile, but allows closed ones', async () => {
      await storage.requests.insert(aRequest({ state: 'executing' }));
      await assert.rejects(storage.requests.insert(aRequest({ state: 'pending' })), OpenRequestExists);
      await storage.requests.insert(aRequest({ state: 'failed' }));
      await storage.requests.insert(aRequest({ state: 'pending', tenantId: OTHER_TENANT }));
      await storage.requests.insert(aRequest({ state: 'pending', profile: { ...PROFILE, id: 'p2' } }));
    });

    it('replace is a compare-and-set on version', async () => {
      const request = aRequest();
      await storage.requests.insert(request);
      const approved = applyEvent(request, { type: 'approve', by: BOB, at: '2025-01-01T11:00:00.000Z' });
      const cancelled = applyEvent(request, { type: 'cancel', by: BOB, at: '2025-01-01T11:00:00.000Z' });
      assert.equal(await storage.requests.replace(approved, 1), true);
      assert.equal(await storage.requests.replace(cancelled, 1), false);
      assert.deepEqual(await storage.requests.get(request.id), approved);
      assert.equal(await storage.requests.replace({ ...approved, id: 'missing' }, 2), false);
    });

    it('compare-and-set holds across two connections to the same file (two processes)', async () => {
      const second = openSqliteStorage(join(dir.path, 'data'));
      try {
        const request = aRequest();
        await storage.requests.insert(request);
        const viaFirst = (await storage.requests.get(request.id))!;
        const viaSecond = (await second.requests.get(request.id))!;
        const approve = applyEvent(viaFirst, { type: 'approve', by: BOB, at: 'now' });
        const cancel = applyEvent(viaSecond, { type: 'cancel', by: BOB, at: 'now' });
        const results = await Promise.all([storage.requests.replace(approve, viaFirst.version), second.requests.replace(cancel, viaSecond.version)]);
        assert.deepEqual(results, [true, false]);
        assert.equal((await second.requests.get(request.id))?.state, 'approved');
        await assert.rejects(second.requests.insert(aRequest({ id: request.id })), DuplicateRequest);
      } finally {
        second.close();
      }
    });

    it('loses no update when separate OS processes compare-and-set the same request', async function () {
      this.timeout(15000);
      const request = aRequest({ justification: '0' });
      await storage.requests.insert(request);
      const worker = join(__dirname, 'cas-worker.js');
      const rounds = 300;
      const outputs = await Promise.all(
        [1, 2, 3].map(() => run(process.execPath, [worker, join(dir.path, 'data'), request.id, String(rounds)])),
      );
      const tallies = outputs.map(({ stdout }) => JSON.parse(stdout) as { wins: number; losses: number });
      const wins = tallies.reduce((sum, t) => sum + t.wins, 0);
      assert.equal(tallies.reduce((sum, t) => sum + t.wins + t.losses, 0), 3 * rounds);
      const final = (await storage.requests.get(request.id))!;
      // Every win is exactly one increment: no write was lost and none was applied twice.
      assert.equal(Number(final.justification), wins);
      assert.equal(final.version, 1 + wins);
    });

    it('lists by state (oldest first, limited) and finds overdue pending ones', async () => {
      const a = aRequest({ state: 'approved', createdAt: '2025-01-01T09:00:00.000Z', profile: { ...PROFILE, id: 'a' } });
      const b = aRequest({ state: 'executing', createdAt: '2025-01-01T08:00:00.000Z', profile: { ...PROFILE, id: 'b' } });
      const due = aRequest({ state: 'pending', expiresAt: '2025-01-02T10:00:00.000Z', profile: { ...PROFILE, id: 'c' } });
      const later = aRequest({ state: 'pending', expiresAt: '2025-01-02T10:00:00.001Z', profile: { ...PROFILE, id: 'd' } });
      const closed = aRequest({ state: 'cancelled', expiresAt: '2020-01-01T00:00:00.000Z', profile: { ...PROFILE, id: 'e' } });
      for (const r of [a, b, due, later, closed]) await storage.requests.insert(r);

      assert.deepEqual((await storage.requests.listByState(['approved', 'executing'])).map((r) => r.id), [b.id, a.id]);
      assert.deepEqual((await storage.requests.listByState(['approved', 'executing'], 1)).map((r) => r.id), [b.id]);
      assert.deepEqual(await storage.requests.listByState([]), []);
      assert.deepEqual((await storage.requests.listOverdue('2025-01-02T10:00:00.000Z')).map((r) => r.id), [due.id]);
      assert.deepEqual((await storage.requests.listOverdue('2025-01-03T00:00:00.000Z', 1)).map((r) => r.id), [due.id]);
    });

    it('finds the open request of a profile within a tenant', async () => {
      await storage.requests.insert(aRequest({ state: 'succeeded' }));
      assert.equal(await storage.requests.findOpenForProfile(aRequest().tenantId, PROFILE.id), undefined);
      const open = aRequest({ state: 'approved' });
      await storage.requests.insert(open);
      assert.deepEqual(await storage.requests.findOpenForProfile(open.tenantId, PROFILE.id), open);
      assert.equal(await storage.requests.findOpenForProfile(OTHER_TENANT, PROFILE.id), undefined);
      assert.equal(await storage.requests.findOpenForProfile(open.tenantId, 'other-profile'), undefined);
    });
  });

  describe('conversation references', () => {
    it('saves, overwrites and survives a reopen', async () => {
      const reference = { conversation: { id: '19:abc' }, serviceUrl: 'https://smba.example/' };
      await storage.conversations.save('19:abc', { old: true });
      await storage.conversations.save('19:abc', reference);
      storage.close();
      storage = openSqliteStorage(join(dir.path, 'data'));
      assert.deepEqual(await storage.conversations.get('19:abc'), reference);
      assert.equal(await storage.conversations.get('unknown'), undefined);
    });
  });
});
