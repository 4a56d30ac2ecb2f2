import { strict as assert } from 'node:assert';
import { ApprovalService, JustificationRequired, type OpenInput } from '../../../src/approvals/approval-service';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { ALICE, BOB, CAROL, FakeClock, PROFILE, TENANT } from './fixtures';

const TTL_MINUTES = 24 * 60;

describe('ApprovalService', () => {
  let storage: SqliteStorage;
  let clock: FakeClock;
  let service: ApprovalService;
  let ids: number;

  const input = (overrides: Partial<OpenInput> = {}): OpenInput => ({
    tenantId: TENANT,
    profile: PROFILE,
    requester: ALICE,
    justification: '  Token leaked in a screenshot  ',
    location: { conversationKey: 'conv-1', conversationType: 'channel' },
    ...overrides,
  });

  async function openOne(): Promise<RevokeRequest> {
    const result = await service.open(input());
    assert.ok(result.created);
    return result.request;
  }

  async function auditOf(requestId: string, action?: AuditEntry['action']): Promise<AuditEntry[]> {
    const entries = await storage.audit.list({ requestId });
    return action ? entries.filter((entry) => entry.action === action) : entries;
  }

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    clock = new FakeClock();
    ids = 0;
    service = new ApprovalService({
      requests: storage.requests,
      audit: storage.audit,
      clock,
      ttlMinutes: TTL_MINUTES,
      newId: () => `r${++ids}`,
    });
  });

  afterEach(() => storage.close());

  describe('open', () => {
    it('creates a pending request that expires after the TTL, and audits it once', async () => {
      const request = await openOne();
      assert.equal(request.state, 'pending');
      assert.equal(request.version, 1);
      assert.equal(request.justification, 'Token leaked in a screenshot');
      assert.equal(request.createdAt, '2025-01-01T10:00:00.000Z');
      assert.equal(request.expiresAt, '2025-01-02T10:00:00.000Z');
      assert.deepEqual(await storage.requests.get(request.id), request);
      const created = await auditOf(request.id, 'request.created');
      assert.equal(created.length, 1);
      assert.equal(created[0].actorId, ALICE.id);
      assert.equal(created[0].profileId, PROFILE.id);
      assert.equal(created[0].detail, 'Token leaked in a screenshot');
    });

    it('returns the open request instead of creating a second one for the same profile', async () => {
      const first = await openOne();
      const second = await service.open(input({ requester: CAROL }));
      assert.deepEqual(second, { created: false, existing: first });
      assert.equal((await storage.audit.list()).filter((e) => e.action === 'request.created').length, 1);
    });

    it('also while the first one is approved or executing, but not after it ended', async () => {
      const first = await openOne();
      await service.decide(first.id, BOB, 'approve');
      const whileApproved = await service.open(input());
      assert.deepEqual(whileApproved.created ? 'created' : whileApproved.existing.state, 'approved');
      const rejectedOne = await service.open(input({ profile: { ...PROFILE, id: 'profile-2' } }));
      assert.ok(rejectedOne.created);
      await service.decide(rejectedOne.request.id, BOB, 'reject', 'no');
      const again = await service.open(input({ profile: { ...PROFILE, id: 'profile-2' } }));
      assert.equal(again.created, true);
    });

    it('lets concurrent opens for one profile create exactly one request', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => service.open(input())));
      assert.equal(results.filter((r) => r.created).length, 1);
      const ids = new Set(results.map((r) => (r.created ? r.request.id : r.existing.id)));
      assert.equal(ids.size, 1);
    });

    it('expires an overdue pending request and opens a new one', async () => {
      const first = await openOne();
      clock.advanceMinutes(TTL_MINUTES);
      const second = await service.open(input());
      assert.ok(second.created);
      assert.notEqual(second.request.id, first.id);
      assert.equal((await storage.requests.get(first.id))?.state, 'expired');
      assert.equal((await auditOf(first.id, 'request.expired')).length, 1);
    });

    it('refuses a blank justification', async () => {
      await assert.rejects(service.open(input({ justification: '   ' })), JustificationRequired);
      assert.equal((await storage.audit.list()).length, 0);
    });
  });

  describe('decide', () => {
    it('approves a pending request and audits the approver and reason once', async () => {
      const request = await openOne();
      const result = await service.decide(request.id, BOB, 'approve', '  verified with the requester ');
      assert.ok(result.ok);
      assert.equal(result.request.state, 'approved');
      assert.equal(result.request.version, 2);
      assert.deepEqual(result.request.decision, { by: BOB, at: clock.now().toISOString(), reason: 'verified with the requester' });
      assert.deepEqual(await storage.requests.get(request.id), result.request);
      const approved = await auditOf(request.id, 'request.approved');
      assert.equal(approved.length, 1);
      assert.equal(approved[0].actorId, BOB.id);
      assert.equal(approved[0].detail, 'verified with the requester');
    });

    it('lets exactly one of 20 concurrent approvals win; the others are refused not-pending', async () => {
      const request = await openOne();
      const approvers = Array.from({ length: 20 }, (_, i) => ({ id: `approver-${i}`, name: `Approver ${i}` }));
      const results = await Promise.all(approvers.map((approver) => service.decide(request.id, approver, 'approve')));
      const winners = results.filter((r) => r.ok);
      assert.equal(winners.length, 1);
      for (const loser of results.filter((r) => !r.ok)) {
        assert.deepEqual(
          { refusal: loser.ok ? undefined : loser.refusal, state: loser.request?.state },
          { refusal: 'not-pending', state: 'approved' },
        );
      }
      const stored = await storage.requests.get(request.id);
      assert.equal(stored?.version, 2);
      assert.equal((await auditOf(request.id, 'request.approved')).length, 1);
      assert.equal((await auditOf(request.id, 'action.refused')).length, 19);
    });

    it('lets the first of mixed approve/reject/cancel decisions win', async () => {
      const request = await openOne();
      const results = await Promise.all([
        service.decide(request.id, BOB, 'reject', 'not now'),
        service.decide(request.id, CAROL, 'approve'),
        service.decide(request.id, ALICE, 'cancel'),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1);
      const audited = (await auditOf(request.id)).filter((e) => e.action.startsWith('request.') && e.action !== 'request.created');
      assert.equal(audited.length, 1);
    });

    it('requires a non-blank reason to reject, and changes nothing without one', async () => {
      const request = await openOne();
      for (const reason of [undefined, '', '   ']) {
        const result = await service.decide(request.id, BOB, 'reject', reason);
        assert.deepEqual(result.ok ? 'ok' : result.refusal, 'reason-required');
      }
      assert.equal((await storage.requests.get(request.id))?.state, 'pending');
      const refused = await auditOf(request.id, 'action.refused');
      assert.deepEqual(refused.map((e) => e.outcome), ['reason-required', 'reason-required', 'reason-required']);
      const rejected = await service.decide(request.id, BOB, 'reject', 'duplicate ask');
      assert.ok(rejected.ok);
      assert.equal(rejected.request.decision?.reason, 'duplicate ask');
    });

    it('caps reasons at 500 characters', async () => {
      const request = await openOne();
      const result = await service.decide(request.id, BOB, 'reject', ` ${'x'.repeat(800)} `);
      assert.ok(result.ok);
      assert.equal(result.request.decision?.reason, 'x'.repeat(500));
    });

    it('lets the requester cancel without a reason', async () => {
      const request = await openOne();
      const result = await service.decide(request.id, ALICE, 'cancel');
      assert.ok(result.ok);
      assert.equal(result.request.state, 'cancelled');
      assert.equal(result.request.decision?.reason, undefined);
      assert.equal((await auditOf(request.id, 'request.cancelled')).length, 1);
    });

    it('expires an overdue request on click, once, and refuses the click', async () => {
      const request = await openOne();
      clock.advanceMinutes(TTL_MINUTES);
      const first = await service.decide(request.id, BOB, 'approve');
      assert.deepEqual(first.ok ? 'ok' : [first.refusal, first.request?.state], ['expired', 'expired']);
      const second = await service.decide(request.id, CAROL, 'approve');
      assert.deepEqual(second.ok ? 'ok' : second.refusal, 'not-pending');
      assert.equal((await auditOf(request.id, 'request.expired')).length, 1);
      assert.deepEqual(
        (await auditOf(request.id, 'action.refused')).map((e) => e.outcome),
        ['not-pending', 'expired'], // newest first
      );
    });

    it('still accepts a decision one minute before expiry', async () => {
      const request = await openOne();
      clock.advanceMinutes(TTL_MINUTES - 1);
      assert.equal((await service.decide(request.id, BOB, 'approve')).ok, true);
    });

    it('refuses an unknown request', async () => {
      const result = await service.decide('nope', BOB, 'approve');
      assert.deepEqual(result, { ok: false, refusal: 'unknown-request' });
      const refused = await storage.audit.list({ requestId: 'nope' });
      assert.equal(refused[0].outcome, 'unknown-request');
    });

    it('retries when only the card activity id changed meanwhile', async () => {
      const request = await openOne();
      const realGet = storage.requests.get.bind(storage.requests);
      let raced = false;
      storage.requests.get = async (id: string) => {
        const current = await realGet(id);
        if (!raced) {
          raced = true;
          await service.setCardActivityId(id, 'activity-1'); // lands between our read and our write
        }
        return current;
      };
      const result = await service.decide(request.id, BOB, 'approve');
      assert.ok(result.ok);
      assert.equal(result.request.version, 3);
      assert.equal(result.request.location.cardActivityId, 'activity-1');
    });

    it("refuses 'busy' when the request keeps changing under it", async () => {
      const request = await openOne();
      storage.requests.replace = async () => false;
      const result = await service.decide(request.id, BOB, 'approve');
      assert.deepEqual(result.ok ? 'ok' : result.refusal, 'busy');
    });
  });

  describe('setCardActivityId', () => {
    it('stores the id without a state change, and is idempotent', async () => {
      const request = await openOne();
      const updated = await service.setCardActivityId(request.id, 'act-1');
      assert.equal(updated?.state, 'pending');
      assert.equal(updated?.version, 2);
      assert.equal(updated?.location.cardActivityId, 'act-1');
      const again = await service.setCardActivityId(request.id, 'act-1');
      assert.equal(again?.version, 2);
      assert.equal(await service.setCardActivityId('missing', 'act-1'), undefined);
    });
  });

  describe('expireOverdue', () => {
    it('expires only overdue pending requests, and each only once across concurrent sweeps', async () => {
      const old = await openOne();
      clock.advanceMinutes(60);
      const young = await service.open(input({ profile: { ...PROFILE, id: 'profile-2' } }));
      assert.ok(young.created);
      clock.advanceMinutes(TTL_MINUTES - 30);
      const [a, b] = await Promise.all([service.expireOverdue(), service.expireOverdue()]);
      assert.deepEqual([...a, ...b].map((r) => [r.id, r.state]), [[old.id, 'expired']]);
      assert.equal((await storage.requests.get(young.request.id))?.state, 'pending');
      assert.equal((await auditOf(old.id, 'request.expired')).length, 1);
      assert.deepEqual(await service.expireOverdue(), []);
    });
  });
});
