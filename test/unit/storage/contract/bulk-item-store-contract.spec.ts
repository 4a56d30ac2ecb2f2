/**
 * BulkItemStore contract, the same for every backend: the items of a request are stored once (a
 * second insert keeps what is stored), listed by name, and changed only by compare-and-set: of two
 * instances racing for one version exactly one wins.
 */
import { strict as assert } from 'node:assert';
import type { BulkItem } from '../../../../src/approvals/bulk-items';
import { describeEachBackend } from './backends';

function item(requestId: string, n: number, overrides: Partial<BulkItem> = {}): BulkItem {
  return { requestId, profileId: `profile-${n}`, displayName: `Kiosk Lisbon ${String(n).padStart(3, '0')}`, enrolledDeviceCount: n, state: 'pending', version: 1, attempts: 0, ...overrides };
}

describeEachBackend('BulkItemStore contract', (backend) => {
  it('stores the items of a request and lists them by name; other requests\' items stay apart', async () => {
    const { bulkItems } = backend().storage;
    await bulkItems.insertAll([item('r1', 3), item('r1', 1), item('r1', 2), item('r2', 9)]);
    assert.deepEqual((await bulkItems.list('r1')).map((i) => i.profileId), ['profile-1', 'profile-2', 'profile-3']);
    assert.deepEqual((await bulkItems.list('r2')).map((i) => i.profileId), ['profile-9']);
    assert.deepEqual(await bulkItems.list('none'), []);
  });

  it('keeps stored items when they are inserted again, and stores more than one transaction holds', async () => {
    const { bulkItems } = backend().storage;
    const items = Array.from({ length: 150 }, (_, i) => item('big', i));
    await bulkItems.insertAll(items);
    const first = (await bulkItems.list('big'))[0];
    assert.ok(await bulkItems.replace({ ...first, version: 2, state: 'revoked', graphRequestId: 'g-1' }, 1));
    await bulkItems.insertAll(items);
    const listed = await bulkItems.list('big');
    assert.equal(listed.length, 150);
    assert.equal(listed.find((i) => i.profileId === first.profileId)?.state, 'revoked');
  });

  it('replaces by compare-and-set: a stale version is refused, and of two instances racing exactly one wins', async () => {
    const opened = backend();
    const [a, b] = [opened.storage.bulkItems, opened.another().bulkItems];
    await a.insertAll([item('r3', 1)]);
    const [stored] = await a.list('r3');
    const results = await Promise.all([
      a.replace({ ...stored, version: 2, state: 'sending', attempts: 1 }, 1),
      b.replace({ ...stored, version: 2, state: 'sending', attempts: 1 }, 1),
    ]);
    assert.deepEqual(results.filter(Boolean).length, 1);
    assert.equal(await a.replace({ ...stored, version: 2, state: 'failed' }, 1), false);
    assert.equal(await a.replace({ ...stored, profileId: 'unknown', version: 2 }, 1), false);
    const [now] = await b.list('r3');
    assert.deepEqual([now.state, now.version, now.attempts], ['sending', 2, 1]);
  });
});
