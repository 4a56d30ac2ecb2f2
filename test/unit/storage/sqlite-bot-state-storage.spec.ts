import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { openSqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { makeTempDir } from './temp-dir';

/** The same behaviour is asserted against botbuilder's MemoryStorage (the reference) and ours. */
function describeStorageSemantics(name: string, create: () => { storage: Storage; close(): void }) {
  describe(`${name}: botbuilder Storage eTag semantics`, () => {
    let subject: { storage: Storage; close(): void };
    beforeEach(() => (subject = create()));
    afterEach(() => subject.close());

    it('reads only existing keys, with an eTag', async () => {
      await subject.storage.write({ a: { count: 1 } });
      const items = await subject.storage.read(['a', 'missing']);
      assert.deepEqual(Object.keys(items), ['a']);
      assert.equal(items.a.count, 1);
      assert.equal(typeof items.a.eTag, 'string');
    });

    it('gives every write a new eTag', async () => {
      await subject.storage.write({ a: { count: 1 } });
      const first = (await subject.storage.read(['a'])).a.eTag;
      await subject.storage.write({ a: { count: 2 } });
      const second = (await subject.storage.read(['a'])).a.eTag;
      assert.notEqual(first, second);
    });

    it('accepts a write with the current eTag', async () => {
      await subject.storage.write({ a: { count: 1 } });
      const item = (await subject.storage.read(['a'])).a;
      await subject.storage.write({ a: { ...item, count: 2 } });
      assert.equal((await subject.storage.read(['a'])).a.count, 2);
    });

    it('rejects a write with a stale eTag, keeping the newer value', async () => {
      await subject.storage.write({ a: { count: 1 } });
      const stale = (await subject.storage.read(['a'])).a;
      await subject.storage.write({ a: { ...stale, count: 2 } });
      await assert.rejects(subject.storage.write({ a: { ...stale, count: 3 } }), {
        message: 'Storage: error writing "a" due to eTag conflict.',
      });
      assert.equal((await subject.storage.read(['a'])).a.count, 2);
    });

    it("writes unconditionally with eTag '*' or without an eTag", async () => {
      await subject.storage.write({ a: { count: 1 } });
      await subject.storage.write({ a: { count: 2, eTag: '*' } });
      await subject.storage.write({ b: { count: 1, eTag: 'never-seen' } }); // new key: any eTag
      await subject.storage.write({ a: { count: 3 } });
      const items = await subject.storage.read(['a', 'b']);
      assert.equal(items.a.count, 3);
      assert.equal(items.b.count, 1);
    });

    it('deletes keys', async () => {
      await subject.storage.write({ a: { count: 1 }, b: { count: 2 } });
      await subject.storage.delete(['a', 'missing']);
      assert.deepEqual(Object.keys(await subject.storage.read(['a', 'b'])), ['b']);
    });
  });
}

describeStorageSemantics('MemoryStorage (reference)', () => ({ storage: new MemoryStorage(), close() {} }));

describeStorageSemantics('SqliteBotStateStorage', () => {
  const dir = makeTempDir();
  const opened = openSqliteStorage(dir.path);
  return {
    storage: opened.botState,
    close() {
      opened.close();
      dir.remove();
    },
  };
});

describe('SqliteBotStateStorage specifics', () => {
  it('shares eTags between two connections to the same file and survives a reopen', async () => {
    const dir = makeTempDir();
    const first = openSqliteStorage(join(dir.path, 'd'));
    const second = openSqliteStorage(join(dir.path, 'd'));
    try {
      await first.botState.write({ dialog: { step: 1 } });
      const seenByBoth = (await second.botState.read(['dialog'])).dialog;
      await first.botState.write({ dialog: { ...seenByBoth, step: 2 } });
      await assert.rejects(second.botState.write({ dialog: { ...seenByBoth, step: 3 } }), /eTag conflict/);
    } finally {
      first.close();
      second.close();
    }
    const reopened = openSqliteStorage(join(dir.path, 'd'));
    try {
      assert.equal((await reopened.botState.read(['dialog'])).dialog.step, 2);
    } finally {
      reopened.close();
      dir.remove();
    }
  });

  it('writes several keys all-or-nothing', async () => {
    const dir = makeTempDir();
    const opened = openSqliteStorage(dir.path);
    try {
      await opened.botState.write({ a: { n: 1 } });
      const stale = (await opened.botState.read(['a'])).a;
      await opened.botState.write({ a: { ...stale, n: 2 } });
      await assert.rejects(opened.botState.write({ b: { n: 1 }, a: { ...stale, n: 3 } }), /eTag conflict/);
      assert.deepEqual(Object.keys(await opened.botState.read(['a', 'b'])), ['a']);
    } finally {
      opened.close();
      dir.remove();
    }
  });
});
