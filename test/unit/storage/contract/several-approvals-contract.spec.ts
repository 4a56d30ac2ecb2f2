/**
 * Several approvers on every backend: a request that needs two approvals, approved at the same
 * moment by two approvers on two independent instances (two processes' view of one store), keeps
 * both approvals, moves to 'approved' exactly once, and has one audit line per stored change.
 */
import { strict as assert } from 'node:assert';
import { ApprovalService } from '../../../../src/approvals/approval-service';
import type { StorageBundle } from '../../../../src/storage/storage-bundle';
import { erin, personOf } from '../../../support/cast';
import { ALICE, BOB, FakeClock, PROFILE, TENANT } from '../../approvals/fixtures';
import { describeEachBackend } from './backends';

const ERIN = personOf(erin);

describeEachBackend('Several approvals: concurrent approvers on two instances', (backend) => {
  it('both approvals are kept, one transition to approved, one line per change', async function () {
    this.timeout(60_000);
    const opened = backend();
    const clock = new FakeClock();
    const serviceOn = (storage: StorageBundle) =>
      new ApprovalService({ requests: storage.requests, audit: storage.audit, clock, ttlMinutes: 60, quorumDeviceThreshold: 100 });
    const [one, two] = [serviceOn(opened.storage), serviceOn(opened.another())];

    for (let round = 0; round < 3; round++) {
      const created = await one.open({
        tenantId: TENANT,
        profile: { ...PROFILE, id: `kiosks-${round}`, enrolledDeviceCount: 2000 },
        requester: ALICE,
        justification: 'QR codes on a public flyer',
        location: { conversationKey: 'conv-1', conversationType: 'channel' },
      });
      assert.ok(created.created);
      const id = created.request.id;
      assert.equal(created.request.approvalsRequired, 2);

      // Bob and Erin each click twice, once on each instance, all at the same moment.
      const results = await Promise.all([
        one.decide(id, BOB, 'approve'),
        two.decide(id, ERIN, 'approve'),
        two.decide(id, BOB, 'approve'),
        one.decide(id, ERIN, 'approve'),
      ]);
      const stored = (await opened.storage.requests.get(id))!;
      assert.equal(stored.state, 'approved', `round ${round}`);
      assert.deepEqual(stored.approvals!.map((a) => a.by.id).sort(), [BOB.id, ERIN.id].sort());
      assert.equal(stored.version, 3);
      const winners = results.filter((r) => r.ok);
      assert.deepEqual(winners.map((r) => (r.ok ? r.request.state : '')).sort(), ['approved', 'pending']);

      const lines = await opened.storage.audit.list({ requestId: id });
      const count = (action: string) => lines.filter((l) => l.action === action).length;
      assert.deepEqual([count('request.approval-added'), count('request.approved'), count('action.refused')], [1, 1, 2]);
    }
  });
});
