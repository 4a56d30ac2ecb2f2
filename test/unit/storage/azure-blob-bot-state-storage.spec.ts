import { strict as assert } from 'node:assert';
import { MemoryStorage, type Storage } from 'botbuilder';
import { AzureBlobBotStateStorage } from '../../../src/storage/azure-blob-bot-state-storage';

/** A Storage whose every call fails the way BlobsStorage does after its first container create failed. */
function brokenStorage(): Storage {
  const fail = async (): Promise<never> => {
    throw new Error('connect ECONNREFUSED');
  };
  return { read: fail, write: fail, delete: fail };
}

describe('AzureBlobBotStateStorage', () => {
  it('starts a fresh BlobsStorage after a failure, so a failed first container create is not kept forever', async () => {
    const healthy = new MemoryStorage();
    const made: Storage[] = [brokenStorage(), healthy];
    let created = 0;
    const storage = new AzureBlobBotStateStorage(() => made[created++]);
    await assert.rejects(storage.write({ a: { n: 1 } }), /ECONNREFUSED/);
    await storage.write({ a: { n: 1 } });
    assert.equal((await storage.read(['a'])).a.n, 1);
    assert.equal(created, 2);
  });

  it('keeps its BlobsStorage on an eTag conflict (a normal outcome, not an outage)', async () => {
    let created = 0;
    const storage = new AzureBlobBotStateStorage(() => {
      created++;
      return new MemoryStorage();
    });
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { ...stale, n: 2 } });
    await assert.rejects(storage.write({ a: { ...stale, n: 3 } }), /eTag conflict/);
    assert.equal((await storage.read(['a'])).a.n, 2);
    assert.equal(created, 1);
  });
});
