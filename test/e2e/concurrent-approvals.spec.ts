/**
 * Two approvers hammering Approve at once (and Teams re-delivering invokes): the first stored
 * decision wins, Graph is called exactly once, and every click still gets a proper answer.
 */
import { strict as assert } from 'node:assert';
import { cardText } from '../support/adaptive-card-reading';
import { alice, bob, erin, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

describe('e2e: concurrent approvals', function () {
  const world = useTokenGuard();

  it('20 simultaneous Approve clicks from two approvers revoke exactly once', async function () {
    const { teams, sim } = world;
    const profile = world.profile('Shared Retail Tablets');
    const sent = await teams.openRequest(alice, 'Shared Retail Tablets', 'Token shared in an e-mail to a supplier', channelThread(OUR_TENANT_ID));

    const clicks = await Promise.all(Array.from({ length: 20 }, (_, i) => teams.click(i % 2 === 0 ? bob : erin, 'approve', sent.requestId)));

    assert.deepEqual(clicks.map((c) => c.status), Array(20).fill(200), 'every click is answered 200');
    assert.ok(clicks.every((c) => c.body.statusCode === 200 && typeof c.body.type === 'string'), 'every answer is a well-formed invoke response');
    const texts = clicks.map((c) => answerText(c.body));
    const winners = texts.filter((t) => /Approved by (Bob|Erin) Approver — revoking/.test(t) && !/already/.test(t));
    const losers = texts.filter((t) => /is already approved and being revoked|is already done: the token was revoked|being changed by someone else/.test(t));
    assert.ok(winners.length >= 1, `at least one click shows the approval:\n${texts.join('\n')}`);
    assert.equal(winners.length + losers.length, 20, `every other click says it was already decided:\n${texts.join('\n')}`);

    const reply = await teams.waitForReply(sent.conversation, /revoked/i, 15_000);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));
    // Let any duplicate executor show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));

    assert.equal(sim.graph.revokeCalls(profile.id).length, 1, 'exactly one revokeToken call');
    assert.equal(sim.graph.revokeCalls().length, 1);
    const stored = readRequest(world.bot.dataDir, sent.requestId);
    assert.equal(stored?.state, 'succeeded');
    const audit = readAudit(world.bot.dataDir, sent.requestId);
    assert.equal(audit.filter((e) => e.action === 'request.approved').length, 1, 'one approval is recorded');
    assert.equal(audit.filter((e) => e.action === 'revoke.succeeded').length, 1, 'one revoke is recorded');
    assert.equal(teams.replies(sent.conversation, /revoked at/).length, 1, 'one outcome reply in the thread');
    const decider = stored && audit.find((e) => e.action === 'request.approved')?.actorId;
    assert.ok(decider === bob.aadObjectId || decider === erin.aadObjectId);
    assert.match(String(reply.activity.text), decider === bob.aadObjectId ? /Bob Approver/ : /Erin Approver/, 'the reply names the approver whose click won');
  });
});
