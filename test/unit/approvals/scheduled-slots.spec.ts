/**
 * Scheduled work once per slot: the slot computed from the cron pattern, the claim that only one
 * instance wins, a dead poster's claim taken over after its lease, only the most recent missed
 * slot, nothing owed before the schedule was first seen, and a failing slot retried then given up.
 */
import assert from 'node:assert/strict';
import { latestSlot, MAX_SLOT_ATTEMPTS, ScheduledSlots, slotId, type SlotWork } from '../../../src/approvals/scheduled-slots';
import { openInMemorySqliteStorage } from '../../../src/storage/open-sqlite-storage';

const MONDAY_8 = '0 8 * * 1';

class FakeClock {
  constructor(public at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
}

describe('scheduled slots', () => {
  describe('latestSlot (croner, UTC)', () => {
    it('is the most recent run at or before now', () => {
      // 2026-12-02 is a Wednesday.
      assert.equal(latestSlot(MONDAY_8, new Date('2026-12-02T03:00:00Z'))?.toISOString(), '2026-11-30T08:00:00.000Z');
      assert.equal(latestSlot(MONDAY_8, new Date('2026-12-07T08:00:00Z'))?.toISOString(), '2026-12-07T08:00:00.000Z', 'a run exactly now counts');
      assert.equal(latestSlot(MONDAY_8, new Date('2026-12-07T07:59:59.999Z'))?.toISOString(), '2026-11-30T08:00:00.000Z');
      assert.equal(latestSlot('*/10 * * * * *', new Date('2026-12-02T03:00:17.500Z'))?.toISOString(), '2026-12-02T03:00:10.000Z', 'six fields: seconds');
      assert.equal(latestSlot('0 0 1 1 *', new Date('2026-12-02T03:00:00Z'))?.toISOString(), '2026-01-01T00:00:00.000Z', 'yearly, months back');
      assert.equal(latestSlot('0 0 29 2 *', new Date('2026-12-02T03:00:00Z')), undefined, 'nothing within the lookback (a leap day, years back)');
      assert.equal(latestSlot('* 8 * * 1', new Date('2026-12-02T03:00:00Z'))?.toISOString(), '2026-11-30T08:59:00.000Z', 'the last of a burst of runs');
    });
  });

  describe('ScheduledSlots', () => {
    let storage: ReturnType<typeof openInMemorySqliteStorage>;
    let clock: FakeClock;
    let worked: string[];
    const errors: unknown[] = [];
    const instance = (owner: string) =>
      new ScheduledSlots({ store: storage.slots, clock, owner, leaseMs: 30_000, job: 'hygiene-report', pattern: MONDAY_8, onError: (e) => errors.push(e) });
    const post: SlotWork = async (slot) => {
      worked.push(slot.toISOString());
      return { state: 'done', outcome: 'posted' };
    };

    beforeEach(() => {
      storage = openInMemorySqliteStorage();
      clock = new FakeClock(Date.parse('2026-12-02T03:00:00Z'));
      worked = [];
      errors.length = 0;
    });
    afterEach(() => storage.close());

    it('owes nothing for slots before the schedule was first seen; owes the next one once, whoever looks', async () => {
      const [a, b] = [instance('a'), instance('b')];
      assert.equal(await a.runDue(post), undefined, 'Monday 30 Nov was before the first start');
      clock.set('2026-12-07T08:00:01Z');
      const results = await Promise.all([a.runDue(post), b.runDue(post), a.runDue(post), b.runDue(post)]);
      assert.deepEqual(worked, ['2026-12-07T08:00:00.000Z']);
      assert.equal(results.filter(Boolean).length, 1);
      const stored = await storage.slots.get(slotId('hygiene-report', new Date('2026-12-07T08:00:00Z')));
      assert.equal(stored?.state, 'done');
      assert.equal(stored?.outcome, 'posted');
      assert.equal(stored?.lease, undefined);
      clock.set('2026-12-09T10:00:00Z');
      assert.equal(await b.runDue(post), undefined, 'done is done');
      assert.deepEqual(worked, ['2026-12-07T08:00:00.000Z']);
    });

    it('after weeks with every instance down, only the most recent missed slot is done, once', async () => {
      await instance('a').runDue(post);
      clock.set('2026-12-30T12:00:00Z'); // Mondays 7, 14, 21 and 28 Dec missed
      const restarted = instance('c');
      await restarted.runDue(post);
      await restarted.runDue(post);
      await instance('d').runDue(post);
      assert.deepEqual(worked, ['2026-12-28T08:00:00.000Z']);
    });

    it('a claim whose poster died is taken over once its lease ran out, not before', async () => {
      await instance('a').runDue(post);
      clock.set('2026-12-07T08:00:00Z');
      let dying: Promise<unknown> | undefined;
      const hang: SlotWork = () => {
        dying = new Promise(() => undefined); // never finishes: the process died mid-post
        return dying as Promise<never>;
      };
      void instance('dead').runDue(hang);
      await new Promise((resolve) => setImmediate(resolve));
      const claim = await storage.slots.get(slotId('hygiene-report', new Date('2026-12-07T08:00:00Z')));
      assert.equal(claim?.state, 'claimed');
      assert.equal(claim?.lease?.owner, 'dead');
      // The dead one's heartbeat would renew every 10 s (real time): move past its lease at once.
      clock.set('2026-12-07T08:00:29Z');
      assert.equal(await instance('b').runDue(post), undefined, 'a live lease is never taken');
      clock.set('2026-12-07T08:05:00Z');
      const taken = await instance('b').runDue(post);
      assert.equal(taken?.state, 'done');
      assert.equal(taken?.attempts, 2);
      assert.deepEqual(worked, ['2026-12-07T08:00:00.000Z']);
    });

    it('a failing slot is tried again by the next look, and given up after MAX_SLOT_ATTEMPTS', async () => {
      await instance('a').runDue(post);
      clock.set('2026-12-07T09:00:00Z');
      let calls = 0;
      const failing: SlotWork = async () => {
        calls++;
        throw new Error('Graph is down');
      };
      for (let i = 0; i < MAX_SLOT_ATTEMPTS + 2; i++) await instance(i % 2 ? 'a' : 'b').runDue(failing);
      assert.equal(calls, MAX_SLOT_ATTEMPTS);
      assert.equal(errors.length, MAX_SLOT_ATTEMPTS);
      const stored = await storage.slots.get(slotId('hygiene-report', new Date('2026-12-07T08:00:00Z')));
      assert.equal(stored?.state, 'failed');
      assert.equal(stored?.attempts, MAX_SLOT_ATTEMPTS);
    });
  });
});
