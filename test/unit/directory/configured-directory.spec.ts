import assert from 'node:assert/strict';
import sinon from 'sinon';
import { ConfiguredDirectory } from '../../../src/directory/configured-directory';
import type { GroupMembership } from '../../../src/directory/directory';
import type { Clock } from '../../../src/support/clock';

const ALICE = 'aaaaaaaa-0000-0000-0000-000000000001';
const BOB = 'bbbbbbbb-0000-0000-0000-000000000002';
const CAROL = 'cccccccc-0000-0000-0000-000000000003';
const APPROVERS = 'a9a9a9a9-0000-0000-0000-00000000000a';
const REQUESTERS = 'b9b9b9b9-0000-0000-0000-00000000000b';

class FakeClock implements Clock {
  constructor(private ms = Date.parse('2024-05-01T10:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

function membershipStub(): sinon.SinonStubbedInstance<GroupMembership> & GroupMembership {
  return { isMember: sinon.stub<[string, string], Promise<boolean>>().resolves(false) };
}

describe('ConfiguredDirectory', () => {
  describe('allow-lists', () => {
    it('approves listed ids case-insensitively without asking Graph', async () => {
      const membership = membershipStub();
      const directory = new ConfiguredDirectory({ approverIds: [ALICE.toUpperCase()], approverGroupId: APPROVERS, membership, cacheTtlMs: 60_000 });
      assert.equal(await directory.isApprover(` ${ALICE} `), true);
      assert.equal(membership.isMember.callCount, 0);
    });

    it('denies unlisted ids when no group is configured, and empty ids always', async () => {
      const directory = new ConfiguredDirectory({ approverIds: [ALICE], cacheTtlMs: 60_000 });
      assert.equal(await directory.isApprover(BOB), false);
      assert.equal(await directory.isApprover(''), false);
    });

    it('uses the approvers as requesters when no requesters are configured (also for an empty list)', async () => {
      const directory = new ConfiguredDirectory({ approverIds: [ALICE], requesterIds: [' '], cacheTtlMs: 60_000 });
      assert.equal(await directory.isRequester(ALICE), true);
      assert.equal(await directory.isRequester(BOB), false);
    });

    it('uses only the configured requesters once there are some', async () => {
      const directory = new ConfiguredDirectory({ approverIds: [ALICE], requesterIds: [BOB], cacheTtlMs: 60_000 });
      assert.equal(await directory.isRequester(BOB), true);
      assert.equal(await directory.isRequester(ALICE), false, 'an approver is not automatically a requester then');
      assert.equal(await directory.isApprover(BOB), false);
    });

    it('refuses configured ids that are not GUIDs', () => {
      assert.throws(() => new ConfiguredDirectory({ approverIds: ['.'], cacheTtlMs: 1 }), /must be GUIDs/);
      assert.throws(() => new ConfiguredDirectory({ approverIds: [ALICE], approverGroupId: '../users', membership: membershipStub(), cacheTtlMs: 1 }), /must be GUIDs/);
    });

    it('never asks the group about an id that is not a GUID', async () => {
      const membership = membershipStub();
      membership.isMember.resolves(true);
      const directory = new ConfiguredDirectory({ approverIds: [], approverGroupId: APPROVERS, membership, cacheTtlMs: 60_000 });
      for (const id of ['.', '..', `${BOB}/..`, 'not-a-guid']) assert.equal(await directory.isApprover(id), false, id);
      assert.equal(membership.isMember.callCount, 0);
    });

    it('refuses a group without a way to check membership', () => {
      assert.throws(() => new ConfiguredDirectory({ approverIds: [], approverGroupId: APPROVERS, cacheTtlMs: 1 }), /membership/);
      assert.throws(() => new ConfiguredDirectory({ approverIds: [], requesterGroupId: REQUESTERS, cacheTtlMs: 1 }), /membership/);
    });
  });

  describe('groups', () => {
    let clock: FakeClock;
    let membership: ReturnType<typeof membershipStub>;
    let directory: ConfiguredDirectory;

    beforeEach(() => {
      clock = new FakeClock();
      membership = membershipStub();
      membership.isMember.withArgs(APPROVERS, BOB).resolves(true);
      membership.isMember.withArgs(REQUESTERS, CAROL).resolves(true);
      directory = new ConfiguredDirectory({ approverIds: [ALICE], approverGroupId: APPROVERS.toUpperCase(), membership, cacheTtlMs: 60_000, clock });
    });

    it('asks the group for ids not on the list, with the group and object ids lower-cased', async () => {
      assert.equal(await directory.isApprover(BOB.toUpperCase()), true);
      assert.equal(await directory.isApprover(CAROL), false);
      assert.deepEqual(membership.isMember.getCalls().map((c) => c.args), [
        [APPROVERS, BOB],
        [APPROVERS, CAROL],
      ]);
    });

    it('caches yes and no answers until the TTL passes (cache hit, then miss after expiry)', async () => {
      assert.equal(await directory.isApprover(BOB), true);
      assert.equal(await directory.isApprover(CAROL), false);
      clock.advance(59_999);
      assert.equal(await directory.isApprover(BOB), true);
      assert.equal(await directory.isApprover(CAROL), false);
      assert.equal(membership.isMember.callCount, 2, 'both answers came from the cache');

      clock.advance(1);
      membership.isMember.withArgs(APPROVERS, BOB).resolves(false); // removed from the group meanwhile
      assert.equal(await directory.isApprover(BOB), false);
      assert.equal(await directory.isApprover(CAROL), false);
      assert.equal(membership.isMember.callCount, 4, 'expired answers are asked again');
    });

    it('does not cache errors, and lets them reach the caller (who must deny)', async () => {
      membership.isMember.withArgs(APPROVERS, BOB).rejects(new Error('Graph unavailable'));
      await assert.rejects(directory.isApprover(BOB), /Graph unavailable/);
      membership.isMember.withArgs(APPROVERS, BOB).resolves(true);
      assert.equal(await directory.isApprover(BOB), true);
      assert.equal(membership.isMember.callCount, 2);
    });

    it('shares one Graph call between concurrent checks of the same person', async () => {
      const [first, second] = await Promise.all([directory.isApprover(BOB), directory.isApprover(BOB)]);
      assert.equal(first, true);
      assert.equal(second, true);
      assert.equal(membership.isMember.callCount, 1);
    });

    it('checks requesters against their own group, cached separately from the approver group', async () => {
      directory = new ConfiguredDirectory({ approverIds: [], approverGroupId: APPROVERS, requesterGroupId: REQUESTERS, membership, cacheTtlMs: 60_000, clock });
      assert.equal(await directory.isRequester(CAROL), true);
      assert.equal(await directory.isApprover(CAROL), false);
      assert.equal(await directory.isRequester(BOB), false);
      assert.deepEqual(membership.isMember.getCalls().map((c) => c.args), [
        [REQUESTERS, CAROL],
        [APPROVERS, CAROL],
        [REQUESTERS, BOB],
      ]);
    });

    it('uses the approver group for requesters when no requesters are configured', async () => {
      assert.equal(await directory.isRequester(BOB), true);
      assert.equal(await directory.isRequester(ALICE), true);
      assert.equal(await directory.isRequester(CAROL), false);
    });
  });
});
