import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createZip } from '../../../tools/packaging/zip-writing';
import { listZip, readZip, ZIP_METHOD } from '../../support/zip-reading';

describe('zip writing (fflate)', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify({ text: 'compressible '.repeat(200) })) },
    { name: 'random.bin', data: randomBytes(500) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('round-trips names, order and contents', () => {
    assert.deepEqual(readZip(createZip(entries)), entries);
  });

  it('deflates what shrinks and stores what does not', () => {
    const archive = createZip(entries);
    assert.deepEqual(
      listZip(archive).map(({ name, compression }) => [name, compression]),
      [['manifest.json', ZIP_METHOD.deflated], ['random.bin', ZIP_METHOD.stored], ['empty.txt', ZIP_METHOD.stored]],
    );
    assert.ok(archive.length < entries.reduce((sum, e) => sum + e.data.length, 0), 'text was compressed');
  });

  it('gives the same bytes for the same files (fixed timestamps)', () => {
    const first = createZip(entries);
    assert.deepEqual(createZip(entries), first);
  });

  it('refuses the same name twice, which Teams would not know how to read', () => {
    assert.throws(() => createZip([entries[0], entries[0]]), /manifest\.json is in the archive twice/);
  });
});
