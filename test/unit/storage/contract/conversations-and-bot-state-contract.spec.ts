/**
 * ConversationReferenceStore and Bot Framework state (botbuilder Storage) contracts, the same for
 * every backend. Bot state semantics are those botbuilder's MemoryStorage and BlobsStorage share
 * (see sqlite-bot-state-storage.spec.ts for what only some of them do).
 */
import { strict as assert } from 'node:assert';
import { ItemTooLarge } from '../../../../src/storage/item-size';
import { describeEachBackend } from './backends';

describeEachBackend('ConversationReferenceStore contract', (backend) => {
  it('saves, overwrites and is seen by another instance', async () => {
    const { storage, another } = backend();
    const key = '19:abc@thread.tacv2;messageid=1700000000000';
    const reference = { conversation: { id: key, name: 'Ops — Zürich 🚀' }, serviceUrl: 'https://smba.example/emea/' };
    await storage.conversations.save(key, { old: true });
    await storage.conversations.save(key, reference);
    assert.deepEqual(await another().conversations.get(key), reference);
    assert.equal(await storage.conversations.get('unknown'), undefined);
  });

  it('keeps keys apart that differ only in characters a storage key cannot hold', async () => {
    const { conversations } = backend().storage;
    const keys = ['a/b', 'a?b', 'a#b', 'a\\b', 'a%2Fb', 'a|b', 'a b', 'a:b'];
    for (const key of keys) await conversations.save(key, { key });
    for (const key of keys) assert.deepEqual(await conversations.get(key), { key });
  });

  it('refuses a 1 MB reference clearly and keeps the previous one', async () => {
    const { conversations } = backend().storage;
    await conversations.save('k', { small: true });
    await assert.rejects(conversations.save('k', { blob: 'z'.repeat(1024 * 1024) }), ItemTooLarge);
    assert.deepEqual(await conversations.get('k'), { small: true });
  });
});

describeEachBackend('Bot state (botbuilder Storage) contract', (backend) => {
  it('reads only existing keys, with an eTag; unicode comes back intact', async () => {
    const { botState } = backend().storage;
    await botState.write({ a: { count: 1, text: 'Zürich 東京 🚀 "q"' } });
    const items = await botState.read(['a', 'missing']);
    assert.deepEqual(Object.keys(items), ['a']);
    assert.equal(items.a.count, 1);
    assert.equal(items.a.text, 'Zürich 東京 🚀 "q"');
    assert.equal(typeof items.a.eTag, 'string');
  });

  it('rejects a write with a stale eTag (also from another instance), keeping the newer value', async () => {
    const { storage, another } = backend();
    await storage.botState.write({ dialog: { step: 1 } });
    const stale = (await storage.botState.read(['dialog'])).dialog;
    await another().botState.write({ dialog: { ...stale, step: 2 } });
    await assert.rejects(storage.botState.write({ dialog: { ...stale, step: 3 } }), { message: 'Storage: error writing "dialog" due to eTag conflict.' });
    assert.equal((await storage.botState.read(['dialog'])).dialog.step, 2);
  });

  it("writes unconditionally with eTag '*' or without one, and deletes", async () => {
    const { botState } = backend().storage;
    await botState.write({ a: { n: 1 }, b: { n: 1 } });
    await botState.write({ a: { n: 2, eTag: '*' } });
    await botState.write({ a: { n: 3 } });
    assert.equal((await botState.read(['a'])).a.n, 3);
    await botState.delete(['a', 'missing']);
    assert.deepEqual(Object.keys(await botState.read(['a', 'b'])), ['b']);
  });

  it('exactly one of many concurrent read-modify-writes with one eTag wins', async () => {
    const { storage, another } = backend();
    await storage.botState.write({ k: { n: 0 } });
    const seen = (await storage.botState.read(['k'])).k;
    const instances = [storage, another()];
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => instances[i % 2].botState.write({ k: { ...seen, n: i + 1 } })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });
});
