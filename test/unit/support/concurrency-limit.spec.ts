import assert from 'node:assert/strict';
import { ConcurrencyLimit } from '../../../src/support/concurrency-limit';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, the rest in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const results = gates.map((g, i) => limit.run(async () => (started.push(i), await g.opened, i)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1]);
    assert.equal(limit.queued, 2);
    gates[1].open();
    await results[1];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2]);
    gates.forEach((g) => g.open());
    assert.deepEqual(await Promise.all(results), [0, 1, 2, 3]);
    assert.deepEqual(started, [0, 1, 2, 3]);
  });

  it('frees the slot when a task throws', async () => {
    const limit = new ConcurrencyLimit(1);
    await assert.rejects(limit.run(async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limit.run(async () => 'next'), 'next');
  });

  it('close() turns waiting tasks away and lets running ones finish', async () => {
    const limit = new ConcurrencyLimit(1);
    const g = gate();
    let secondRan = false;
    const first = limit.run(async () => (await g.opened, 'first'));
    const second = limit.run(async () => ((secondRan = true), 'second'));
    limit.close();
    g.open();
    assert.equal(await first, 'first');
    assert.equal(await second, undefined);
    assert.equal(secondRan, false);
    assert.equal(await limit.run(async () => 'late'), undefined);
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new ConcurrencyLimit(0), /whole number/);
  });
});
