import assert from 'node:assert/strict';
import { WriteLimiter } from '../../../src/support/write-limiter';

/** A manual clock: sleeping moves time forward at once, so the tests are exact and instant. */
function manualTime() {
  let now = 0;
  return {
    now: () => now,
    // Yields to the event loop like a real timer, so a waiting caller never starves the test.
    sleep: async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms: number) => (now += ms),
  };
}

describe('WriteLimiter', () => {
  it('lets `limit` writes through at once, then waits until the oldest answered ones leave the window', async () => {
    const time = manualTime();
    const limiter = new WriteLimiter({ limit: 100, windowMs: 20_000, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    for (let batch = 0; batch < 25; batch++) {
      const slots = await limiter.acquire(20);
      starts.push(time.now());
      time.advance(50); // the batch's round trip
      slots.done();
    }
    // 5 batches per window: 500 writes need 4 more windows after the first.
    assert.deepEqual(
      starts.filter((_, i) => i % 5 === 0).map((t) => Math.round(t / 1000)),
      [0, 20, 40, 60, 80],
    );
    // In any 20 s, never more than 100 writes answered.
    for (const start of starts) {
      const within = starts.filter((t) => t >= start && t < start + 20_000).length * 20;
      assert.ok(within <= 100, `${within} writes within 20 s from ${start}`);
    }
  });

  it('counts a write from its answer, not its request: a slow answer pushes the window back', async () => {
    const time = manualTime();
    const limiter = new WriteLimiter({ limit: 2, windowMs: 1000, now: time.now, sleep: time.sleep });
    const first = await limiter.acquire(2);
    time.advance(700); // answered 700 ms after it was sent
    first.done();
    await limiter.acquire(1);
    assert.equal(time.now(), 1700);
  });

  it('holds the slots of writes in flight until they are answered', async () => {
    const time = manualTime();
    const limiter = new WriteLimiter({ limit: 1, windowMs: 1000, now: time.now, sleep: time.sleep });
    const inFlight = await limiter.acquire(1);
    const waiting = limiter.acquire(1);
    let granted = false;
    void waiting.then(() => (granted = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    // However long it is in flight, its slot stays taken.
    assert.equal(granted, false);
    assert.equal(limiter.inWindow(), 1);
    const answeredAt = time.now();
    inFlight.done();
    await waiting;
    assert.ok(granted);
    assert.ok(time.now() >= answeredAt + 1000);
  });

  it('serves callers in order and refuses more writes at once than the limit', async () => {
    const time = manualTime();
    const limiter = new WriteLimiter({ limit: 3, windowMs: 1000, now: time.now, sleep: time.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire(1).then((s) => (order.push(n), s.done()))));
    assert.deepEqual(order, [1, 2, 3, 4]);
    await assert.rejects(limiter.acquire(4), /Cannot take 4 writes/);
    assert.throws(() => new WriteLimiter({ limit: 0, windowMs: 1000 }));
  });
});
