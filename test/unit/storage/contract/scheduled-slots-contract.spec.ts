/**
 * ScheduledSlotStore contract, the same for every backend: a slot's claim is created once however
 * many instances race for it, replaced only at the version read (compare-and-set), and read back as stored.
 */
import { strict as assert } from 'node:assert';
import type { ScheduledSlot } from '../../../../src/approvals/scheduled-slots';
import { describeEachBackend } from './backends';

const slot = (over: Partial<ScheduledSlot> = {}): ScheduledSlot => ({
  id: 'hygiene-report@2030-06-03T08:00:00.000Z',
  job: 'hygiene-report',
  slot: '2030-06-03T08:00:00.000Z',
  version: 1,
  state: 'claimed',
  lease: { owner: 'a', expiresAt: '2030-06-03T08:00:30.000Z' },
  attempts: 1,
  ...over,
});

describeEachBackend('ScheduledSlotStore contract', (backend) => {
  it('inserts a slot once, reads it back as stored, and knows nothing of other slots', async () => {
    const { slots } = backend().storage;
    assert.equal(await slots.get(slot().id), undefined);
    assert.equal(await slots.insertIfAbsent(slot()), true);
    assert.equal(await slots.insertIfAbsent(slot({ lease: { owner: 'b', expiresAt: '2030-06-03T08:00:31.000Z' } })), false);
    assert.deepEqual(await slots.get(slot().id), slot());
    assert.equal(await slots.get('hygiene-report@2030-06-10T08:00:00.000Z'), undefined);
  });

  it('of 10 inserts of one slot on two instances at once exactly one wins', async () => {
    const opened = backend();
    const instances = [opened.storage, opened.another()];
    const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2].slots.insertIfAbsent(slot({ lease: { owner: `o${i}`, expiresAt: '2030-06-03T08:00:30.000Z' } }))));
    assert.equal(wins.filter(Boolean).length, 1);
    const winner = wins.indexOf(true);
    assert.equal((await instances[1].slots.get(slot().id))?.lease?.owner, `o${winner}`, 'the winner is the one stored');
  });

  it('replaces only at the version read: a stale writer and all but one of racing writers lose', async () => {
    const opened = backend();
    const [one, two] = [opened.storage.slots, opened.another().slots];
    await one.insertIfAbsent(slot());
    const { lease: _lease, ...done } = slot({ version: 2, state: 'done', outcome: 'posted', finishedAt: '2030-06-03T08:00:05.000Z' });
    assert.equal(await one.replace(done, 1), true);
    assert.equal(await two.replace(slot({ version: 2, state: 'failed' }), 1), false, 'version 1 is gone');
    assert.deepEqual(await two.get(slot().id), done);
    const raced = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).replace(slot({ version: 3, attempts: 10 + i }), 2)));
    assert.equal(raced.filter(Boolean).length, 1);
    assert.equal(await one.replace(slot({ id: 'hygiene-report@never', version: 2 }), 1), false, 'nothing to replace');
    assert.equal(await one.get('hygiene-report@never'), undefined);
  });
});
