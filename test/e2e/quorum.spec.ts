/**
 * Quorum for high-impact profiles over HTTP, with three admins: with QUORUM_DEVICE_THRESHOLD=100,
 * a revoke of "Warehouse Scanners" (230 devices) needs two approvers who are not the requester.
 * The first approval changes the card for everyone and calls nothing; the same approver cannot
 * count twice, the requester not at all; the second approval revokes once. A reject after the
 * first approval ends it; concurrent approvals revoke exactly once; smaller profiles need one approver.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, erin, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type InvokeBody } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const cardIn = (body: InvokeBody): Card => {
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', `a card, not: ${answerText(body)}`);
  return body.value as Card;
};
const titles = (card: Card) => cardButtons(card).filter((b) => b.verb !== 'refresh').map((b) => b.title);
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('e2e: quorum for high-impact profiles', function () {
  const world = useTokenGuard({ env: { QUORUM_DEVICE_THRESHOLD: '100' } });

  it('Alice asks, Bob approves (1 of 2, nothing revoked), repeats are refused, Erin approves: one revoke', async function () {
    const { teams, sim } = world;
    const scanners = world.profile('Warehouse Scanners');
    assert.ok(scanners.enrolledDeviceCount >= 100, 'the seeded profile is above the threshold');
    const sent = await teams.openRequest(alice, 'Warehouse Scanners', 'QR code on a poster in the canteen', channelThread(OUR_TENANT_ID));
    assert.match(cardText(sent.card), /Waiting for approvals: 0 of 2/);
    assert.match(cardText(sent.card), /needs 2 different approvers/);

    const first = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(first.status, 200);
    const bobsCard = cardIn(first.body);
    assert.match(cardText(bobsCard), /1 of 2 approvals/);
    assert.match(cardText(bobsCard), /Approved by Bob Approver/);
    assert.match(cardText(bobsCard), /You approved this request\. It waits for another approver/);
    assert.deepEqual(titles(bobsCard), ['Reject'], 'no Approve button for an approver who approved');

    // Everyone's card changes; one quiet line in the thread; Graph is not called.
    const shared = await teams.waitForCardUpdate(sent, (card) => /1 of 2 approvals/.test(cardText(card)));
    assert.match(cardText(shared), /Approved by Bob Approver/);
    assert.match(cardText(shared), /Waiting for approvals: 1 of 2/);
    await teams.waitForReply(sent.conversation, /Bob Approver approved the revoke of profile "Warehouse Scanners" \(1 of 2 approvals\)/);
    await settle();
    assert.equal(sim.graph.revokeCalls().length, 0, 'no Graph call after the first approval');

    // Each reader's refreshed view: the requester keeps Cancel, Bob has no Approve, Erin may approve.
    assert.deepEqual(titles(cardIn((await teams.click(alice, 'refresh', sent.requestId)).body)), ['Cancel request']);
    assert.deepEqual(titles(cardIn((await teams.click(bob, 'refresh', sent.requestId)).body)), ['Reject']);
    assert.deepEqual(titles(cardIn((await teams.click(erin, 'refresh', sent.requestId)).body)), ['Approve', 'Reject']);

    const again = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(again.status, 200);
    assert.equal(answerText(again.body), 'You have already approved this request. Another approver (not the person who asked) must approve it before it runs: nothing was changed.');
    const own = await teams.click(alice, 'approve', sent.requestId);
    assert.equal(answerText(own.body), 'You asked for this revoke, so a different approver must decide it.');
    await settle();
    assert.equal(sim.graph.revokeCalls().length, 0, 'refused clicks call nothing');
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');

    const second = await teams.click(erin, 'approve', sent.requestId);
    assert.match(answerText(second.body), /Approved by Bob Approver and Erin Approver — revoking/);
    const reply = await teams.waitForReply(sent.conversation, /revoked at/, 15_000);
    assert.match(String(reply.activity.text), /approved by Bob Approver and Erin Approver/);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));
    await settle();
    assert.equal(sim.graph.revokeCalls(scanners.id).length, 1, 'exactly one revokeToken call');
    assert.equal(sim.graph.revokeCalls().length, 1);

    const stored = readRequest(world.bot.dataDir, sent.requestId);
    assert.equal(stored?.state, 'succeeded');
    assert.equal(stored?.approvalsRequired, 2);
    assert.deepEqual(stored?.approvals?.map((a) => a.by.id), [bob.aadObjectId, erin.aadObjectId]);
    const audit = readAudit(world.bot.dataDir, sent.requestId);
    assert.deepEqual(audit.filter((e) => e.action === 'request.approval-added').map((e) => [e.actorId, e.outcome]), [[bob.aadObjectId, '1 of 2']]);
    assert.deepEqual(audit.filter((e) => e.action === 'request.approved').map((e) => [e.actorId, e.outcome]), [[erin.aadObjectId, '2 of 2']]);
    assert.deepEqual(
      audit.filter((e) => e.action === 'access.denied').map((e) => [e.actorId, e.outcome]),
      [[bob.aadObjectId, 'already-approved'], [alice.aadObjectId, 'self-approval']],
    );
  });

  it('a reject after the first approval ends the request: nothing is revoked', async function () {
    const { teams, sim } = world;
    const sent = await teams.openRequest(alice, 'COPE Sales', 'Enrollment token pasted in a ticket', channelThread(OUR_TENANT_ID, '19:cope@thread.tacv2'));
    assert.ok(cardIn((await teams.click(bob, 'approve', sent.requestId)).body));
    await teams.waitForCardUpdate(sent, (card) => /1 of 2 approvals/.test(cardText(card)));

    const reject = await teams.click(erin, 'reject', sent.requestId, { inputs: { reason: 'The ticket was internal only' } });
    assert.match(answerText(reject.body), /Rejected/);
    await teams.waitForReply(sent.conversation, /Erin Approver rejected the revoke of profile "COPE Sales"/);
    const final = await teams.waitForCardUpdate(sent, (card) => /Rejected/.test(cardText(card)));
    assert.deepEqual(titles(final), []);
    const late = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(late.body), /is already rejected/);
    await settle();
    assert.equal(sim.graph.revokeCalls().length, 0);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'rejected');
  });

  it('Bob and Erin approving at once, each clicking repeatedly: both approvals kept, exactly one revokeToken', async function () {
    const { teams, sim } = world;
    const scanners = world.profile('Warehouse Scanners');
    const sent = await teams.openRequest(alice, 'Warehouse Scanners', 'The poster was photographed again', channelThread(OUR_TENANT_ID, '19:race@thread.tacv2'));

    const clicks = await Promise.all(Array.from({ length: 16 }, (_, i) => teams.click(i % 2 === 0 ? bob : erin, 'approve', sent.requestId)));
    assert.deepEqual(clicks.map((c) => c.status), Array(16).fill(200), 'every click is answered');
    const texts = clicks.map((c) => answerText(c.body));
    const understood = /1 of 2 approvals|Approved by (Bob|Erin) Approver and (Bob|Erin) Approver — revoking|already approved this request|is already (approved and being revoked|done)|being changed by someone else/;
    assert.deepEqual(texts.filter((t) => !understood.test(t)), [], 'every click gets a definite answer');

    await teams.waitForReply(sent.conversation, /revoked at/, 15_000);
    await settle();
    assert.equal(sim.graph.revokeCalls(scanners.id).length, 1, 'exactly one revokeToken call');
    const stored = readRequest(world.bot.dataDir, sent.requestId);
    assert.equal(stored?.state, 'succeeded');
    assert.deepEqual(stored?.approvals?.map((a) => a.by.id).sort(), [bob.aadObjectId, erin.aadObjectId].sort());
    const audit = readAudit(world.bot.dataDir, sent.requestId);
    assert.equal(audit.filter((e) => e.action === 'request.approval-added').length, 1);
    assert.equal(audit.filter((e) => e.action === 'request.approved').length, 1);
    assert.equal(audit.filter((e) => e.action === 'revoke.succeeded').length, 1);
  });

  it('a profile below the threshold still needs one approver', async function () {
    const { teams, sim } = world;
    const kiosk = world.profile('Kiosk Lisbon');
    assert.ok(kiosk.enrolledDeviceCount < 100);
    const sent = await teams.openRequest(alice, 'Kiosk Lisbon', 'QR code photographed by a visitor', channelThread(OUR_TENANT_ID, '19:small@thread.tacv2'));
    assert.doesNotMatch(cardText(sent.card), /approvals/);
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver — revoking/);
    await teams.waitForReply(sent.conversation, /revoked at/, 15_000);
    assert.equal(sim.graph.revokeCalls(kiosk.id).length, 1);
  });
});
