/**
 * RequestStore contract, the same for every backend: what is stored comes back unchanged,
 * replace is a compare-and-set on version (also between two independent instances, as two
 * processes would be), insert refuses duplicates and a second open request per profile, listing
 * is ordered and limited, and oversized requests are refused without a trace.
 */
import { strict as assert } from 'node:assert';
import { applyEvent, type RevokeRequest } from '../../../../src/approvals/revoke-request';
import { ItemTooLarge, MAX_ITEM_JSON_CHARS } from '../../../../src/storage/item-size';
import { DuplicateRequest, OpenRequestExists } from '../../../../src/approvals/request-store';
import { aRequest, BOB, CAROL, OTHER_TENANT, PROFILE } from '../../approvals/fixtures';
import { describeEachBackend } from './backends';

const AT = '2025-01-01T11:00:00.000Z';

describeEachBackend('RequestStore contract', (backend) => {
  describe('insert and get', () => {
    it('returns a stored request unchanged; unknown ids are undefined', async () => {
      const { requests } = backend().storage;
      const request = aRequest({ location: { conversationKey: '19:abc@thread.tacv2;messageid=1', conversationType: 'channel', cardActivityId: 'a1' } });
      await requests.insert(request);
      assert.deepEqual(await requests.get(request.id), request);
      assert.equal(await requests.get('missing'), undefined);
    });

    it('keeps unicode, quotes and key-unsafe characters exactly', async () => {
      const { requests } = backend().storage;
      const request = aRequest({
        id: 'req/with?odd#chars%20|and\\more',
        justification: 'Zürich 東京 🚀 — "quoted" \'single\' <tag> & \u0000nul \u2028 line \u2029 para',
        requester: { id: BOB.id, name: 'Zoë Ørsted-Łukasz 😀' },
        profile: { ...PROFILE, id: 'profile/ü?#', displayName: 'Scanners — Lager Süd 🏭' },
      });
      await requests.insert(request);
      assert.deepEqual(await requests.get(request.id), request);
      assert.deepEqual(await requests.findOpenForProfile(request.tenantId, 'profile/ü?#'), request);
      assert.equal(await requests.get('req/with?odd#chars%20|and\\mor'), undefined);
    });

    it('throws DuplicateRequest for an existing id, whatever its state', async () => {
      const { requests } = backend().storage;
      const closed = aRequest({ state: 'rejected' });
      await requests.insert(closed);
      await assert.rejects(requests.insert({ ...closed, profile: { ...PROFILE, id: 'other' } }), DuplicateRequest);
      const open = aRequest();
      await requests.insert(open);
      await assert.rejects(requests.insert({ ...open }), DuplicateRequest);
    });

    it('throws OpenRequestExists for a second open request on one profile, but allows closed ones', async () => {
      const { requests } = backend().storage;
      await requests.insert(aRequest({ state: 'executing' }));
      const refused = aRequest({ state: 'pending' });
      await assert.rejects(requests.insert(refused), (error: unknown) => error instanceof OpenRequestExists && error.profileId === PROFILE.id);
      assert.equal(await requests.get(refused.id), undefined, 'nothing of the refused request is stored');
      await requests.insert(aRequest({ state: 'failed' }));
      await requests.insert(aRequest({ state: 'pending', tenantId: OTHER_TENANT }));
      await requests.insert(aRequest({ state: 'pending', profile: { ...PROFILE, id: 'p2' } }));
    });

    it('lets two instances race to open a request for one profile: exactly one succeeds', async () => {
      const { storage, another } = backend();
      const instances = [storage, another(), another()];
      const attempts = instances.flatMap((instance) => [aRequest(), aRequest(), aRequest()].map((r) => instance.requests.insert(r).then(() => r.id)));
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
      assert.equal(won.length, 1, 'one insert wins');
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof OpenRequestExists, String(r.reason));
      assert.equal((await storage.requests.findOpenForProfile(aRequest().tenantId, PROFILE.id))?.id, won[0].value);
    });
  });

  describe('replace (compare-and-set)', () => {
    it('stores only over the expected version; a stale or unknown one returns false', async () => {
      const { requests } = backend().storage;
      const request = aRequest();
      await requests.insert(request);
      const approved = applyEvent(request, { type: 'approve', by: BOB, at: AT });
      const cancelled = applyEvent(request, { type: 'cancel', by: BOB, at: AT });
      assert.equal(await requests.replace(approved, 1), true);
      assert.equal(await requests.replace(cancelled, 1), false);
      assert.deepEqual(await requests.get(request.id), approved);
      assert.equal(await requests.replace({ ...approved, id: 'missing', version: 3 }, 2), false);
      assert.equal(await requests.get('missing'), undefined, 'replace never creates');
    });

    it('exactly one of many concurrent writers of one version wins, across independent instances', async () => {
      const { storage, another } = backend();
      const request = aRequest();
      await storage.requests.insert(request);
      const instances = [storage, another()];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const by = i % 2 ? BOB : CAROL;
          return instances[i % 2].requests.replace(applyEvent(request, { type: 'approve', by, at: `${AT}#${i}` }), 1);
        }),
      );
      assert.equal(results.filter(Boolean).length, 1, 'one winner');
      const stored = (await storage.requests.get(request.id))!;
      assert.equal(stored.version, 2);
      assert.equal(stored.decision?.at, `${AT}#${results.indexOf(true)}`, 'the stored value is the winner\'s');
    });

    it('loses no increment when two instances keep compare-and-setting the same request', async function () {
      this.timeout(60_000);
      const { storage, another } = backend();
      const request = aRequest({ justification: '0' });
      await storage.requests.insert(request);
      const worker = async (instance: typeof storage) => {
        let wins = 0;
        for (let i = 0; i < 25; i++) {
          const current = (await instance.requests.get(request.id))!;
          const next = { ...current, version: current.version + 1, justification: String(Number(current.justification) + 1) };
          if (await instance.requests.replace(next, current.version)) wins++;
        }
        return wins;
      };
      const wins = (await Promise.all([worker(storage), worker(another()), worker(another())])).reduce((a, b) => a + b, 0);
      const final = (await storage.requests.get(request.id))!;
      assert.ok(wins >= 25, 'progress was made');
      assert.equal(Number(final.justification), wins, 'every win is exactly one increment');
      assert.equal(final.version, 1 + wins);
    });

    it('closing a request frees its profile; the one-open rule follows every replace', async () => {
      const { requests } = backend().storage;
      const first = aRequest();
      await requests.insert(first);
      const approved = applyEvent(first, { type: 'approve', by: BOB, at: AT });
      assert.equal(await requests.replace(approved, 1), true);
      await assert.rejects(requests.insert(aRequest()), OpenRequestExists, 'approved is still open');
      const executing = applyEvent(approved, { type: 'start-execution', at: AT });
      assert.equal(await requests.replace(executing, 2), true);
      assert.deepEqual(await requests.findOpenForProfile(first.tenantId, PROFILE.id), executing);
      const done = applyEvent(executing, { type: 'succeed', outcome: { at: AT, attempts: 1, graphRequestId: 'g-1' } });
      assert.equal(await requests.replace(done, 3), true);
      assert.equal(await requests.findOpenForProfile(first.tenantId, PROFILE.id), undefined);
      const second = aRequest();
      await requests.insert(second);
      assert.equal((await requests.findOpenForProfile(first.tenantId, PROFILE.id))?.id, second.id);
    });
  });

  describe('listing', () => {
    it('lists by state (oldest first, limited) and finds overdue pending ones', async () => {
      const { requests } = backend().storage;
      const a = aRequest({ state: 'approved', createdAt: '2025-01-01T09:00:00.000Z', profile: { ...PROFILE, id: 'a' } });
      const b = aRequest({ state: 'executing', createdAt: '2025-01-01T08:00:00.000Z', profile: { ...PROFILE, id: 'b' } });
      const due = aRequest({ state: 'pending', expiresAt: '2025-01-02T10:00:00.000Z', profile: { ...PROFILE, id: 'c' } });
      const later = aRequest({ state: 'pending', expiresAt: '2025-01-02T10:00:00.001Z', profile: { ...PROFILE, id: 'd' } });
      const closed = aRequest({ state: 'cancelled', expiresAt: '2020-01-01T00:00:00.000Z', profile: { ...PROFILE, id: 'e' } });
      for (const r of [a, b, due, later, closed]) await requests.insert(r);

      assert.deepEqual((await requests.listByState(['approved', 'executing'])).map((r) => r.id), [b.id, a.id]);
      assert.deepEqual((await requests.listByState(['approved', 'executing'], 1)).map((r) => r.id), [b.id]);
      assert.deepEqual((await requests.listByState(['cancelled'])).map((r) => r.id), [closed.id]);
      assert.deepEqual(await requests.listByState([]), []);
      assert.deepEqual((await requests.listOverdue('2025-01-02T10:00:00.000Z')).map((r) => r.id), [due.id]);
      assert.deepEqual((await requests.listOverdue('2025-01-03T00:00:00.000Z')).map((r) => r.id), [due.id, later.id]);
      assert.deepEqual((await requests.listOverdue('2025-01-03T00:00:00.000Z', 1)).map((r) => r.id), [due.id]);
      assert.deepEqual(await requests.listOverdue('2025-01-01T00:00:00.000Z'), []);
    });

    it('sees the current state in lists after a replace', async () => {
      const { requests } = backend().storage;
      const request = aRequest();
      await requests.insert(request);
      await requests.replace(applyEvent(request, { type: 'reject', by: BOB, at: AT, reason: 'no' }), 1);
      assert.deepEqual(await requests.listByState(['pending']), []);
      assert.deepEqual((await requests.listByState(['rejected'])).map((r) => r.state), ['rejected']);
      assert.deepEqual(await requests.listOverdue('2030-01-01T00:00:00.000Z'), []);
    });

    it('finds the open request of a profile within a tenant', async () => {
      const { requests } = backend().storage;
      await requests.insert(aRequest({ state: 'succeeded' }));
      assert.equal(await requests.findOpenForProfile(aRequest().tenantId, PROFILE.id), undefined);
      const open = aRequest({ state: 'approved' });
      await requests.insert(open);
      assert.deepEqual(await requests.findOpenForProfile(open.tenantId, PROFILE.id), open);
      assert.equal(await requests.findOpenForProfile(OTHER_TENANT, PROFILE.id), undefined);
      assert.equal(await requests.findOpenForProfile(open.tenantId, 'other-profile'), undefined);
    });
  });

  describe('size limit', () => {
    const huge = (length: number): RevokeRequest => aRequest({ justification: 'x'.repeat(length) });

    it('refuses a 1 MB request with ItemTooLarge naming the request and the limit, storing nothing', async () => {
      const { requests } = backend().storage;
      const request = huge(1024 * 1024);
      await assert.rejects(requests.insert(request), (error: unknown) => {
        assert.ok(error instanceof ItemTooLarge);
        assert.match(error.message, new RegExp(`request ${request.id} is \\d+ characters of JSON, more than the limit of ${MAX_ITEM_JSON_CHARS}`));
        assert.ok(!error.message.includes('xxxx'), 'the content is not echoed');
        return true;
      });
      assert.equal(await requests.get(request.id), undefined);
      assert.equal(await requests.findOpenForProfile(request.tenantId, PROFILE.id), undefined, 'no lock is left behind');
    });

    it('refuses to replace a request with an oversized one, keeping the stored version', async () => {
      const { requests } = backend().storage;
      const request = aRequest();
      await requests.insert(request);
      await assert.rejects(requests.replace({ ...request, version: 2, justification: 'y'.repeat(1024 * 1024) }, 1), ItemTooLarge);
      assert.deepEqual(await requests.get(request.id), request);
    });

    it('accepts a request just under the limit, multi-byte characters included', async () => {
      const { requests } = backend().storage;
      const base = JSON.stringify(aRequest({ justification: '' })).length;
      const request = aRequest({ justification: 'ü東🚀'.repeat(Math.floor((MAX_ITEM_JSON_CHARS - base - 100) / 4)) });
      assert.ok(JSON.stringify(request).length > MAX_ITEM_JSON_CHARS - 200);
      await requests.insert(request);
      assert.deepEqual(await requests.get(request.id), request);
    });
  });
});
