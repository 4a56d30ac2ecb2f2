/**
 * AuditLog contract, the same for every backend: seq is assigned by the log and strictly
 * increasing (also when two instances append at once), lists are newest first, filtered and
 * limited, every field comes back, and oversized entries are refused.
 */
import { strict as assert } from 'node:assert';
import type { AuditEntry } from '../../../../src/approvals/audit-log';
import { ItemTooLarge } from '../../../../src/storage/item-size';
import { describeEachBackend } from './backends';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: '2025-01-01T10:00:00.000Z',
  action: 'request.created',
  actorId: 'aaaa',
  ...overrides,
});

describeEachBackend('AuditLog contract', (backend) => {
  it('assigns increasing seq numbers and lists newest first with every field kept', async () => {
    const { audit } = backend().storage;
    const full = entry({
      action: 'revoke.failed',
      actorId: 'system',
      actorName: 'Token Guard',
      tenantId: 't',
      requestId: 'r1',
      profileId: 'p1',
      outcome: 'forbidden',
      graphRequestId: 'g-1',
      detail: 'Application is not authorized — Zürich 東京 🚀 "quotes" \u2028',
    });
    await audit.append(entry({ requestId: 'r1', seq: 999 })); // a caller's seq is ignored
    await audit.append(full);
    const listed = await audit.list();
    assert.equal(listed.length, 2);
    assert.ok(listed[0].seq! > listed[1].seq!, 'newest first');
    assert.notEqual(listed[1].seq, 999);
    assert.deepEqual(listed[0], { ...full, seq: listed[0].seq });
  });

  it('an empty log lists nothing', async () => {
    assert.deepEqual(await backend().storage.audit.list(), []);
    assert.deepEqual(await backend().storage.audit.list({ requestId: 'r1', limit: 5 }), []);
  });

  it('filters by request and profile, and limits', async () => {
    const { audit } = backend().storage;
    await audit.append(entry({ requestId: 'r1', profileId: 'p1' }));
    await audit.append(entry({ requestId: 'r2', profileId: 'p1', action: 'request.approved' }));
    await audit.append(entry({ requestId: 'r2', profileId: 'p2', action: 'request.rejected' }));
    const all = await audit.list();
    assert.deepEqual((await audit.list({ requestId: 'r2' })).map((e) => e.action), ['request.rejected', 'request.approved']);
    assert.deepEqual((await audit.list({ profileId: 'p1' })).map((e) => e.requestId), ['r2', 'r1']);
    assert.deepEqual((await audit.list({ requestId: 'r2', profileId: 'p1' })).map((e) => e.action), ['request.approved']);
    assert.deepEqual((await audit.list({ limit: 2 })).map((e) => e.seq), all.slice(0, 2).map((e) => e.seq));
    assert.deepEqual((await audit.list({ requestId: 'r2', limit: 1 })).map((e) => e.action), ['request.rejected']);
  });

  it('filters by action and pages with beforeSeq: the pages together are the whole list, once each', async () => {
    const { audit } = backend().storage;
    for (let i = 0; i < 7; i++) {
      await audit.append(entry({ requestId: `r${i}`, action: i % 3 === 2 ? 'access.denied' : 'request.created' }));
    }
    const actions = ['request.created'] as const;
    const all = await audit.list({ actions });
    assert.deepEqual(all.map((e) => e.requestId), ['r6', 'r4', 'r3', 'r1', 'r0'], 'r2 and r5 are denials');
    const first = await audit.list({ actions, limit: 4 });
    const second = await audit.list({ actions, limit: 4, beforeSeq: first[first.length - 1].seq });
    assert.deepEqual([...first, ...second].map((e) => e.requestId), all.map((e) => e.requestId));
    assert.deepEqual(await audit.list({ actions, beforeSeq: all[all.length - 1].seq }), []);
  });

  it('keeps the order of appends: seq follows the order in which appends completed', async () => {
    const { audit } = backend().storage;
    for (let i = 0; i < 12; i++) await audit.append(entry({ detail: String(i) }));
    const listed = await audit.list();
    assert.deepEqual(listed.map((e) => e.detail), Array.from({ length: 12 }, (_, i) => String(11 - i)));
  });

  it('gives every entry its own seq when two instances append concurrently, losing none', async function () {
    this.timeout(60_000);
    const { storage, another } = backend();
    const instances = [storage, another(), another()];
    await Promise.all(
      Array.from({ length: 90 }, (_, i) => instances[i % 3].audit.append(entry({ requestId: `r${i % 5}`, detail: `append ${i}` }))),
    );
    const listed = await storage.audit.list();
    assert.equal(listed.length, 90, 'every append is stored once');
    assert.deepEqual(new Set(listed.map((e) => e.detail)).size, 90);
    const seqs = listed.map((e) => e.seq!);
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i - 1] > seqs[i], `strictly decreasing in the list: ${seqs.join(',')}`);
    const fromOther = await instances[1].audit.list({ requestId: 'r3' });
    assert.equal(fromOther.length, 18);
  });

  it('refuses a 1 MB entry with ItemTooLarge and stores nothing; later appends still work', async () => {
    const { audit } = backend().storage;
    await assert.rejects(audit.append(entry({ detail: 'd'.repeat(1024 * 1024) })), (error: unknown) => {
      assert.ok(error instanceof ItemTooLarge);
      assert.match(error.message, /audit entry request\.created is \d+ characters of JSON, more than the limit/);
      return true;
    });
    await audit.append(entry({ detail: 'after' }));
    assert.deepEqual((await audit.list()).map((e) => e.detail), ['after']);
  });
});
