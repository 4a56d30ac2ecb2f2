/**
 * ExportStore contract, the same for every backend: an offer is seen (peek) without being used up,
 * taken once — also when two instances race for it — and an expired one is never handed out.
 */
import { strict as assert } from 'node:assert';
import { describeEachBackend } from './backends';

const file = { fileName: 'token-guard-audit.jsonl', contentType: 'application/x-ndjson', body: '{"seq":1}\n{"seq":2,"detail":"Zürich 東京"}\n' };
const NOW = '2025-01-01T10:00:00.000Z';
const LATER = '2025-01-01T10:10:00.000Z';
const LONG_AGO = '2025-01-01T09:00:00.000Z';

describeEachBackend('ExportStore contract', (backend) => {
  it('peek consumes nothing; take hands the file out once', async () => {
    const { exports } = backend().storage;
    await exports.put('k1', file, LATER, LONG_AGO);
    assert.deepEqual(await exports.peek('k1'), { fileName: file.fileName, contentType: file.contentType, expiresAt: LATER });
    assert.deepEqual(await exports.peek('k1'), { fileName: file.fileName, contentType: file.contentType, expiresAt: LATER });
    assert.deepEqual(await exports.take('k1', NOW), file);
    assert.equal(await exports.take('k1', NOW), undefined);
    assert.equal((await exports.peek('k1'))?.takenAt, NOW);
    assert.equal(await exports.peek('unknown'), undefined);
    assert.equal(await exports.take('unknown', NOW), undefined);
  });

  it('of 10 takes on two instances at once exactly one gets the file', async () => {
    const opened = backend();
    const instances = [opened.storage, opened.another()];
    await instances[0].exports.put('k2', file, LATER, LONG_AGO);
    const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2].exports.take('k2', NOW)));
    assert.deepEqual(taken.filter(Boolean), [file]);
  });

  it('an expired offer is never handed out', async () => {
    const { exports } = backend().storage;
    await exports.put('k3', file, NOW, LONG_AGO);
    assert.equal(await exports.take('k3', LATER), undefined);
    assert.equal(await exports.take('k3', LONG_AGO), undefined, 'not even with a clock turned back afterwards');
  });
});
