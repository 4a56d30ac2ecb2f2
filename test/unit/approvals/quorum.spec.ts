/**
 * Several approvers: the quorum rule (QUORUM_DEVICE_THRESHOLD), the request's approvals, and the
 * approval service that records them one compare-and-set at a time.
 */
import { strict as assert } from 'node:assert';
import { ApprovalService, type OpenInput } from '../../../src/approvals/approval-service';
import { Decisions } from '../../../src/approvals/decisions';
import { authorize, type Subject } from '../../../src/approvals/policy';
import { quorumFor } from '../../../src/approvals/quorum';
import { applyEvent, DuplicateApproval, type RevokeRequest } from '../../../src/approvals/revoke-request';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { openInMemorySqliteStorage, openSqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { personOf, erin } from '../../support/cast';
import { makeTempDir } from '../storage/temp-dir';
import { aRequest, ALICE, BOB, FakeClock, PROFILE, TENANT } from './fixtures';

/** A third admin: a second approver besides BOB. */
const ERIN = personOf(erin);
const TTL_MINUTES = 60;
const AT = '2025-01-01T10:30:00.000Z';

describe('quorum', () => {
  describe('quorumFor (QUORUM_DEVICE_THRESHOLD)', () => {
    const withDevices = (enrolledDeviceCount: number) => ({ ...PROFILE, enrolledDeviceCount });

    it('is off when the threshold is unset: one approver, however many devices', () => {
      assert.equal(quorumFor('revoke', withDevices(1_000_000), undefined), 1);
    });

    it('asks two approvers for a revoke or rotate of a profile with at least that many devices', () => {
      assert.equal(quorumFor('revoke', withDevices(100), 100), 2);
      assert.equal(quorumFor('rotate', withDevices(2000), 100), 2);
      assert.equal(quorumFor('revoke', withDevices(99), 100), 1);
      assert.equal(quorumFor('rotate', withDevices(0), 1), 1);
      assert.equal(quorumFor('revoke', withDevices(1), 1), 2);
    });

    it('leaves bulk requests to their own count (BULK_APPROVALS)', () => {
      assert.equal(quorumFor('revoke-matching', withDevices(5000), 1), 1);
    });
  });

  describe('applyEvent approve', () => {
    const needsTwo = () => aRequest({ approvalsRequired: 2, approvals: [] });

    it('keeps the request pending until the last approval, which is the decision', () => {
      const first = applyEvent(needsTwo(), { type: 'approve', by: BOB, at: AT, reason: 'checked' });
      assert.equal(first.state, 'pending');
      assert.equal(first.version, 2);
      assert.equal(first.decision, undefined);
      assert.deepEqual(first.approvals, [{ by: BOB, at: AT, reason: 'checked' }]);
      const second = applyEvent(first, { type: 'approve', by: ERIN, at: AT });
      assert.equal(second.state, 'approved');
      assert.deepEqual(second.decision, { by: ERIN, at: AT });
      assert.deepEqual(second.approvals?.map((a) => a.by.id), [BOB.id, ERIN.id]);
    });

    it('approves a single-approver request (approvalsRequired absent) at once and lists its approver', () => {
      const approved = applyEvent(aRequest(), { type: 'approve', by: BOB, at: AT });
      assert.equal(approved.state, 'approved');
      assert.deepEqual(approved.approvals, [{ by: BOB, at: AT }]);
    });

    it('refuses a second approval by the same person', () => {
      const first = applyEvent(needsTwo(), { type: 'approve', by: BOB, at: AT });
      assert.throws(() => applyEvent(first, { type: 'approve', by: BOB, at: AT }), DuplicateApproval);
    });

    it('lets a reject end a request that has one approval of two', () => {
      const first = applyEvent(needsTwo(), { type: 'approve', by: BOB, at: AT });
      const rejected = applyEvent(first, { type: 'reject', by: ERIN, at: AT, reason: 'not this one' });
      assert.equal(rejected.state, 'rejected');
      assert.deepEqual(rejected.decision, { by: ERIN, at: AT, reason: 'not this one' });
    });
  });

  describe('policy', () => {
    const bob: Subject = { objectId: BOB.id, tenantId: TENANT, isRequester: true, isApprover: true };
    const alice: Subject = { objectId: ALICE.id, tenantId: TENANT, isRequester: true, isApprover: true };
    const approvedOnce = aRequest({ approvalsRequired: 2, approvals: [{ by: BOB, at: AT }] });

    it("denies an approver's second approval (already-approved), but lets them reject or cancel", () => {
      assert.deepEqual(authorize(bob, 'approve', TENANT, approvedOnce), { allowed: false, reason: 'already-approved' });
      assert.deepEqual(authorize(bob, 'reject', TENANT, approvedOnce), { allowed: true });
      assert.deepEqual(authorize(bob, 'cancel', TENANT, approvedOnce), { allowed: true });
    });

    it('still tells the requester self-approval, and a non-approver not-approver', () => {
      assert.deepEqual(authorize(alice, 'approve', TENANT, approvedOnce), { allowed: false, reason: 'self-approval' });
      assert.deepEqual(authorize({ ...bob, isApprover: false }, 'approve', TENANT, approvedOnce), { allowed: false, reason: 'not-approver' });
    });

    it('says nothing about earlier approvals once the request is no longer pending (the state answers)', () => {
      const approved = { ...approvedOnce, state: 'approved' as const };
      assert.deepEqual(authorize(bob, 'approve', TENANT, approved), { allowed: true });
    });
  });

  describe('ApprovalService', () => {
    let storage: SqliteStorage;
    let clock: FakeClock;
    let ids: number;

    const input = (overrides: Partial<OpenInput> = {}): OpenInput => ({
      tenantId: TENANT,
      profile: { ...PROFILE, enrolledDeviceCount: 2000 },
      requester: ALICE,
      justification: 'Kiosk QR codes were printed in a public flyer',
      location: { conversationKey: 'conv-1', conversationType: 'channel' },
      ...overrides,
    });

    function serviceOn(on: SqliteStorage, threshold: number | 'unset' = 1000): ApprovalService {
      const quorumDeviceThreshold = threshold === 'unset' ? undefined : threshold;
      return new ApprovalService({
        requests: on.requests,
        audit: on.audit,
        clock,
        ttlMinutes: TTL_MINUTES,
        quorumDeviceThreshold,
        newId: () => `q${++ids}`,
      });
    }

    async function openWith(service: ApprovalService, overrides: Partial<OpenInput> = {}): Promise<RevokeRequest> {
      const result = await service.open(input(overrides));
      assert.ok(result.created);
      return result.request;
    }

    async function auditOf(on: SqliteStorage, requestId: string, action: AuditEntry['action']): Promise<AuditEntry[]> {
      return (await on.audit.list({ requestId })).filter((entry) => entry.action === action);
    }

    beforeEach(() => {
      storage = openInMemorySqliteStorage();
      clock = new FakeClock();
      ids = 0;
    });

    afterEach(() => storage.close());

    it('opens a request on a profile at the threshold needing two approvers; below it, one (absent)', async () => {
      const service = serviceOn(storage, 2000);
      const big = await openWith(service);
      assert.equal(big.approvalsRequired, 2);
      assert.deepEqual(big.approvals, []);
      const small = await openWith(service, { profile: { ...PROFILE, id: 'profile-small', enrolledDeviceCount: 1999 } });
      assert.equal(small.approvalsRequired, undefined);
      assert.equal(small.approvals, undefined);
    });

    it('opens every request with one approver when the threshold is unset', async () => {
      const request = await openWith(serviceOn(storage, 'unset'));
      assert.equal(request.approvalsRequired, undefined);
    });

    it('takes the count a caller asks for (bulk), or the quorum when that is larger', async () => {
      const service = serviceOn(storage, 1000);
      const three = await openWith(service, { operation: 'revoke-matching', approvalsRequired: 3, profile: { ...PROFILE, id: 'set-1', enrolledDeviceCount: 5 } });
      assert.equal(three.approvalsRequired, 3);
      assert.equal(three.operation, 'revoke-matching');
      const quorum = await openWith(service, { approvalsRequired: 1 });
      assert.equal(quorum.approvalsRequired, 2);
      await assert.rejects(service.open(input({ approvalsRequired: 0, profile: { ...PROFILE, id: 'p0' } })), RangeError);
      await assert.rejects(service.open(input({ approvalsRequired: 1.5, profile: { ...PROFILE, id: 'p1' } })), RangeError);
    });

    it('records the first approval (own audit line, "1 of 2"), refuses it again, and approves on the second', async () => {
      const service = serviceOn(storage);
      const request = await openWith(service);

      const first = await service.decide(request.id, BOB, 'approve', 'called the store');
      assert.ok(first.ok);
      assert.equal(first.request.state, 'pending');
      assert.equal(first.request.version, 2);
      assert.deepEqual(first.request.approvals, [{ by: BOB, at: clock.now().toISOString(), reason: 'called the store' }]);
      const added = await auditOf(storage, request.id, 'request.approval-added');
      assert.deepEqual(added.map((e) => [e.actorId, e.outcome, e.detail]), [[BOB.id, '1 of 2', 'called the store']]);
      assert.equal((await auditOf(storage, request.id, 'request.approved')).length, 0);

      const again = await service.decide(request.id, BOB, 'approve');
      assert.deepEqual(again.ok ? 'ok' : [again.refusal, again.request?.version], ['already-approved', 2]);
      assert.deepEqual((await auditOf(storage, request.id, 'action.refused')).map((e) => [e.actorId, e.outcome]), [[BOB.id, 'already-approved']]);

      clock.advanceMinutes(1);
      const second = await service.decide(request.id, ERIN, 'approve');
      assert.ok(second.ok);
      assert.equal(second.request.state, 'approved');
      assert.deepEqual(second.request.decision, { by: ERIN, at: clock.now().toISOString() });
      assert.deepEqual(second.request.approvals?.map((a) => a.by.name), [BOB.name, ERIN.name]);
      assert.deepEqual((await auditOf(storage, request.id, 'request.approved')).map((e) => [e.actorId, e.outcome]), [[ERIN.id, '2 of 2']]);
      assert.deepEqual(await storage.requests.get(request.id), second.request);
    });

    it('ends the request on a reject after the first approval; nobody can approve it then', async () => {
      const service = serviceOn(storage);
      const request = await openWith(service);
      assert.ok((await service.decide(request.id, BOB, 'approve')).ok);
      const rejected = await service.decide(request.id, BOB, 'reject', 'wrong profile after all');
      assert.ok(rejected.ok);
      assert.equal(rejected.request.state, 'rejected');
      const late = await service.decide(request.id, ERIN, 'approve');
      assert.deepEqual(late.ok ? 'ok' : late.refusal, 'not-pending');
    });

    it('lets the requester cancel after the first approval, and expires it when nobody else approves', async () => {
      const service = serviceOn(storage);
      const cancelled = await openWith(service);
      await service.decide(cancelled.id, BOB, 'approve');
      const cancel = await service.decide(cancelled.id, ALICE, 'cancel');
      assert.ok(cancel.ok);
      assert.equal(cancel.request.state, 'cancelled');

      const waiting = await openWith(service);
      await service.decide(waiting.id, BOB, 'approve');
      clock.advanceMinutes(TTL_MINUTES);
      const expired = await service.expireOverdue();
      assert.deepEqual(expired.map((r) => [r.id, r.state]), [[waiting.id, 'expired']]);
      const late = await service.decide(waiting.id, ERIN, 'approve');
      assert.deepEqual(late.ok ? 'ok' : late.refusal, 'not-pending');
    });

    it('decisions: a first approval tells the conversation (card update), the last one starts the revoke', async () => {
      const service = serviceOn(storage);
      const executed: string[] = [];
      const told: Array<[string, string, number]> = [];
      const decisions = new Decisions({
        service,
        execute: (r) => executed.push(r.id),
        tellConversation: (r) => told.push([r.id, r.state, r.approvals?.length ?? 0]),
      });
      const request = await openWith(service);
      await decisions.decide(request.id, BOB, 'approve');
      assert.deepEqual([executed, told], [[], [[request.id, 'pending', 1]]]);
      await decisions.decide(request.id, ERIN, 'approve');
      assert.deepEqual([executed, told.length], [[request.id], 1]);
    });

    it('two approvers at once on two instances: both approvals kept, one approval, one start', async () => {
      const dir = makeTempDir();
      const one = openSqliteStorage(dir.path);
      const two = openSqliteStorage(dir.path);
      try {
        for (let round = 0; round < 10; round++) {
          const request = await openWith(serviceOn(one), { profile: { ...PROFILE, id: `profile-${round}`, enrolledDeviceCount: 5000 } });
          const executed: string[] = [];
          const decisionsOn = (on: SqliteStorage) =>
            new Decisions({ service: serviceOn(on), execute: (r) => executed.push(r.id), tellConversation: () => undefined });
          const [a, b] = [decisionsOn(one), decisionsOn(two)];
          // Each approver clicks twice, on both instances, all at once.
          const results = await Promise.all([
            a.decide(request.id, BOB, 'approve'),
            b.decide(request.id, ERIN, 'approve'),
            b.decide(request.id, BOB, 'approve'),
            a.decide(request.id, ERIN, 'approve'),
          ]);
          assert.equal(executed.length, 1, `round ${round}: the revoke starts once`);
          const stored = (await one.requests.get(request.id))!;
          assert.equal(stored.state, 'approved');
          assert.deepEqual(stored.approvals!.map((x) => x.by.id).sort(), [BOB.id, ERIN.id].sort());
          assert.equal(stored.version, 3, 'two stored approvals, nothing else');
          assert.equal(results.filter((r) => r.ok).length, 2);
          assert.equal((await auditOf(one, request.id, 'request.approval-added')).length, 1);
          assert.equal((await auditOf(one, request.id, 'request.approved')).length, 1);
          for (const refused of results.filter((r) => !r.ok)) {
            assert.ok(!refused.ok && ['already-approved', 'not-pending'].includes(refused.refusal), JSON.stringify(refused));
          }
        }
      } finally {
        one.close();
        two.close();
        dir.remove();
      }
    });
  });
});
