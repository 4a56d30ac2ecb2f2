import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readZip, ZipFormatError } from '../../../tools/packaging/zip-reading';
import { createZip } from '../../../tools/packaging/zip-writing';

describe('zip writing and reading', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify({ text: 'compressible '.repeat(200) })) },
    { name: 'random.bin', data: randomBytes(500) }, // does not shrink: stored
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('round-trips names and contents, deflating what shrinks', () => {
    const archive = createZip(entries);
    assert.deepEqual(readZip(archive), entries);
    assert.ok(archive.length < entries.reduce((sum, e) => sum + e.data.length, 0), 'text was compressed');
  });

  it('gives the same bytes for the same files (fixed timestamps)', () => {
    assert.deepEqual(createZip(entries), createZip(entries));
  });

  it('detects a damaged entry and a file that is no zip', () => {
    const archive = createZip([{ name: 'a.txt', data: Buffer.from('hello, stored as is') }]);
    archive[30 + 'a.txt'.length] ^= 0xff; // first data byte
    assert.throws(() => readZip(archive), /a\.txt is corrupt/);
    assert.throws(() => readZip(Buffer.alloc(100)), ZipFormatError);
  });
});
