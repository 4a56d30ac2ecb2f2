/**
 * Approvers from an Entra group (APPROVER_GROUP_ID) instead of an allow-list: membership is asked
 * of Graph on each click (cache off here), changes take effect, and a directory that cannot answer
 * means no (fail closed), with a message saying so.
 */
import { strict as assert } from 'node:assert';
import { alice, bob, carol, erin, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const APPROVER_GROUP = '9a0b0000-0000-4000-8000-0000000a99e0';

describe('e2e: approvers from an Entra group', function () {
  const world = useTokenGuard({
    env: {
      APPROVER_IDS: undefined,
      APPROVER_GROUP_ID: APPROVER_GROUP,
      REQUESTER_IDS: [alice, carol].map((u) => u.aadObjectId).join(','),
      GROUP_CACHE_SECONDS: '0',
    },
    simulator: { groups: { [APPROVER_GROUP]: [bob.aadObjectId, erin.aadObjectId] } },
  });

  const membershipCalls = (user: { aadObjectId: string }) =>
    world.sim.graph.calls.filter((c) => c.path.toLowerCase().includes(`/groups/${APPROVER_GROUP}/transitivemembers/${user.aadObjectId}`.toLowerCase()));

  it('a group member approves; Graph was asked about that member with an app-only token', async function () {
    const { teams, sim } = world;
    const sent = await teams.openRequest(alice, 'Kiosk Porto', 'Token on a sticker', channelThread(OUR_TENANT_ID));
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver/);
    await teams.waitForReply(sent.conversation, /revoked at/);
    assert.ok(membershipCalls(bob).length >= 1, 'the membership of Bob was checked in Graph');
    assert.ok(membershipCalls(bob).every((c) => c.authorized && c.status === 200));
    assert.equal(sim.graph.revokeCalls().length, 1);
  });

  it('someone outside the group is refused', async function () {
    const { teams, sim } = world;
    const sent = await teams.openRequest(alice, 'Kiosk Faro', 'Token on a sticker', channelThread(OUR_TENANT_ID));
    const click = await teams.click(carol, 'approve', sent.requestId);
    assert.match(answerText(click.body), /You are not allowed to approve or reject revokes/);
    assert.ok(membershipCalls(carol).some((c) => c.status === 404), 'Graph answered "not a member"');
    assert.equal(sim.graph.revokeCalls().length, 0);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
  });

  it('removing someone from the group takes effect', async function () {
    const { teams, sim } = world;
    const sent = await teams.openRequest(alice, 'COPE Sales', 'Token on a sticker', channelThread(OUR_TENANT_ID));
    sim.graph.setGroupMembers(APPROVER_GROUP, [erin.aadObjectId]);
    const refused = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(refused.body), /You are not allowed to approve or reject revokes/);
    const approved = await teams.click(erin, 'approve', sent.requestId);
    assert.match(answerText(approved.body), /Approved by Erin Approver/);
    await teams.waitForReply(sent.conversation, /revoked at/);
  });

  it('when Graph cannot tell, the answer is no, and the clicker is told why', async function () {
    const { teams, sim } = world;
    const sent = await teams.openRequest(alice, 'Staging Lab', 'Token on a sticker', channelThread(OUR_TENANT_ID));
    sim.graph.injectFault({ method: 'GET', pathIncludes: '/transitiveMembers/', status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    assert.match(answerText(click.body), /couldn't check your permissions just now \(the directory did not answer\), so I did nothing/);
    assert.equal(sim.graph.revokeCalls().length, 0);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
    const denied = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'access.denied');
    assert.deepEqual(denied.map((e) => e.outcome), ['directory-unavailable']);

    sim.graph.clearFaults();
    const retry = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(retry.body), /Approved by Bob Approver/, 'once Graph answers again, the same click works');
    await teams.waitForReply(sent.conversation, /revoked at/);
  });
});
