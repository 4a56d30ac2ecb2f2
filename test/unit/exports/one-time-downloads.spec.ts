import assert from 'node:assert/strict';
import { OneTimeDownloads, TOKEN_PATTERN } from '../../../src/exports/one-time-downloads';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';

const file = (body: string) => ({ fileName: 'audit.jsonl', contentType: 'application/x-ndjson', body });

describe('OneTimeDownloads', () => {
  let now: number;
  let storage: SqliteStorage;
  const clock = { now: () => new Date(now) };
  const downloadsFor = (store = storage) => new OneTimeDownloads({ clock, ttlMs: 60_000, store: store.exports });
  beforeEach(() => {
    now = Date.parse('2024-05-01T10:00:00Z');
    storage = openInMemorySqliteStorage();
  });
  afterEach(() => storage.close());

  it('serves a file once, then says gone; looking at it first consumes nothing', async () => {
    const downloads = downloadsFor();
    const token = await downloads.offer(file('a\n'));
    assert.match(token, TOKEN_PATTERN);
    assert.deepEqual(await downloads.peek(token), { found: 'ready', fileName: 'audit.jsonl', expiresAt: '2024-05-01T10:01:00.000Z' });
    assert.equal((await downloads.peek(token)).found, 'ready');
    assert.deepEqual(await downloads.take(token), { found: 'ready', download: file('a\n') });
    assert.deepEqual(await downloads.take(token), { found: 'gone' });
    assert.deepEqual(await downloads.peek(token), { found: 'gone' });
  });

  it('gives unguessable, distinct tokens; unknown ones are unknown', async () => {
    const downloads = downloadsFor();
    const tokens = new Set(await Promise.all(Array.from({ length: 50 }, () => downloads.offer(file('x')))));
    assert.equal(tokens.size, 50);
    assert.deepEqual(await downloads.take('A'.repeat(43)), { found: 'unknown' });
    assert.deepEqual(await downloads.take('../etc/passwd'), { found: 'unknown' });
    assert.deepEqual(await downloads.peek('../etc/passwd'), { found: 'unknown' });
  });

  it('an expired link is gone, and forgotten one lifetime later', async () => {
    const downloads = downloadsFor();
    const token = await downloads.offer(file('a'));
    now += 60_000;
    assert.deepEqual(await downloads.peek(token), { found: 'gone' });
    assert.deepEqual(await downloads.take(token), { found: 'gone' });
    now += 60_001;
    await downloads.offer(file('b')); // offering forgets what expired a lifetime ago
    assert.deepEqual(await downloads.take(token), { found: 'unknown' });
  });

  it('never stores the token itself', async () => {
    const downloads = downloadsFor();
    const token = await downloads.offer(file('a'));
    assert.equal(await storage.exports.peek(token), undefined);
  });
});
