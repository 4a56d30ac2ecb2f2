import { strict as assert } from 'node:assert';
import { RequestWork } from '../../../src/approvals/request-work';
import { silentLogger } from '../../../src/support/logger';

/** A promise and the function that settles it, so a test decides when work ends. */
function gate(): { done: Promise<void>; open: () => void } {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

describe('RequestWork (one piece of background work per request in this process)', () => {
  it('skips a request already being worked on, and takes it again once its work has ended', async () => {
    const work = new RequestWork(silentLogger, 'failed');
    const first = gate();
    let starts = 0;
    const running = work.run('req-1', () => (starts++, first.done));
    assert.ok(running);
    assert.equal(work.run('req-1', async () => void starts++), undefined);
    assert.ok(work.isBusy('req-1'));
    assert.equal(work.size, 1);
    first.open();
    await running;
    assert.equal(work.isBusy('req-1'), false);
    await work.run('req-1', async () => void starts++);
    assert.equal(starts, 2);
  });

  it('logs a failure (thrown or rejected) with the request id, never rethrows it, and frees the request', async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const work = new RequestWork({ ...silentLogger, error: (message, fields) => void lines.push({ message, fields }) }, 'revoke execution failed');
    await work.run('req-1', async () => {
      throw new Error('boom');
    });
    await work.run('req-2', () => {
      throw new Error('sync boom');
    });
    assert.deepEqual(lines.map((l) => [l.message, l.fields?.requestId]), [['revoke execution failed', 'req-1'], ['revoke execution failed', 'req-2']]);
    assert.equal(work.isBusy('req-1') || work.isBusy('req-2'), false);
  });

  it('drain waits for all work, also work started while draining', async () => {
    const work = new RequestWork(silentLogger, 'failed');
    const first = gate();
    const ended: string[] = [];
    work.run('req-1', () => first.done.then(() => void ended.push('req-1')));
    const drained = work.drain().then(() => ended.push('drained'));
    work.run('req-2', () => first.done.then(() => void ended.push('req-2')));
    first.open();
    await drained;
    assert.deepEqual(ended.slice(-1), ['drained']);
    assert.deepEqual(ended.slice(0, 2).sort(), ['req-1', 'req-2']);
    assert.equal(work.size, 0);
  });
});
