import assert from 'node:assert/strict';
import { OneTimeDownloads, TOKEN_PATTERN } from '../../../src/exports/one-time-downloads';

const file = (body: string) => ({ fileName: 'audit.jsonl', contentType: 'application/x-ndjson', body });

describe('OneTimeDownloads', () => {
  let now: number;
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2024-05-01T10:00:00Z');
  });

  it('serves a file once, then says gone', () => {
    const downloads = new OneTimeDownloads({ clock, ttlMs: 60_000 });
    const token = downloads.offer(file('a\n'));
    assert.match(token, TOKEN_PATTERN);
    assert.deepEqual(downloads.take(token), { found: 'ready', download: file('a\n') });
    assert.deepEqual(downloads.take(token), { found: 'gone' });
  });

  it('gives unguessable, distinct tokens; unknown ones are unknown', () => {
    const downloads = new OneTimeDownloads({ clock, ttlMs: 60_000 });
    const tokens = new Set(Array.from({ length: 50 }, () => downloads.offer(file('x'))));
    assert.equal(tokens.size, 50);
    assert.deepEqual(downloads.take('A'.repeat(43)), { found: 'unknown' });
    assert.deepEqual(downloads.take('../etc/passwd'), { found: 'unknown' });
  });

  it('an expired link is gone, and forgotten one lifetime later', () => {
    const downloads = new OneTimeDownloads({ clock, ttlMs: 60_000 });
    const token = downloads.offer(file('a'));
    now += 60_000;
    assert.deepEqual(downloads.take(token), { found: 'gone' });
    now += 60_000;
    assert.deepEqual(downloads.take(token), { found: 'unknown' });
  });

  it('keeps at most maxOpen files: the oldest link is dropped first', () => {
    const downloads = new OneTimeDownloads({ clock, ttlMs: 60_000, maxOpen: 2 });
    const [first, second, third] = [downloads.offer(file('1')), downloads.offer(file('2')), downloads.offer(file('3'))];
    assert.deepEqual(downloads.take(first), { found: 'gone' });
    assert.equal(downloads.take(second).found, 'ready');
    assert.equal(downloads.take(third).found, 'ready');
  });
});
