/**
 * Closing a request without revoking: an approver rejects with a reason (a reason is required),
 * the requester cancels; others may not cancel. Graph's revokeToken is never called.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardText } from '../support/adaptive-card-reading';
import { alice, bob, carol, dave, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

describe('e2e: reject and cancel', function () {
  const world = useTokenGuard();

  function open(profileName: string, requester = alice): Promise<SentCard> {
    return world.teams.openRequest(requester, profileName, 'Token seen in a screenshot', channelThread(OUR_TENANT_ID));
  }

  it('an approver rejects with a reason: everyone sees it, nothing is revoked', async function () {
    const { teams, sim } = world;
    const sent = await open('Kiosk Lisbon Airport');
    const click = await teams.click(bob, 'reject', sent.requestId, { inputs: { reason: 'The screenshot shows the old, already expired token' } });
    assert.equal(click.status, 200);
    const answer = answerText(click.body);
    assert.match(answer, /Rejected/);
    assert.match(answer, /The screenshot shows the old, already expired token/);

    const reply = await teams.waitForReply(sent.conversation, /rejected the revoke/);
    const text = String(reply.activity.text);
    assert.match(text, /Bob Approver rejected the revoke of profile "Kiosk Lisbon Airport"/);
    assert.match(text, /The screenshot shows the old, already expired token/);
    assert.ok(text.includes(sent.requestId));

    const card = await teams.waitForCardUpdate(sent, (c) => /Rejected/.test(cardText(c)));
    assert.match(cardText(card), /Bob Approver/);
    assert.match(cardText(card), /The screenshot shows the old, already expired token/);
    assert.deepEqual(cardButtons(card), [], 'a rejected card has no buttons');
    assert.equal(sim.graph.revokeCalls().length, 0, 'a rejected request is never revoked');
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'rejected');
  });

  it('reject without a reason is refused with a message asking for one', async function () {
    const { teams, sim } = world;
    const sent = await open('Pharmacy Kiosks');
    const before = sim.connector.activities.length;
    for (const inputs of [{}, { reason: '' }, { reason: '   \n ' }]) {
      const click = await teams.click(bob, 'reject', sent.requestId, { inputs });
      assert.equal(click.status, 200);
      assert.equal(answerText(click.body), 'Write a reason in the Reason box before you reject.', `inputs ${JSON.stringify(inputs)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(sim.connector.activities.length, before, 'nothing sent to the conversation');
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending', 'the request is still pending');
    // With a reason it works.
    const click = await teams.click(bob, 'reject', sent.requestId, { inputs: { reason: 'Duplicate of an older request' } });
    assert.match(answerText(click.body), /Rejected/);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'rejected');
    await teams.waitForReply(sent.conversation, /rejected the revoke/);
  });

  it('the requester cancels her request', async function () {
    const { teams, sim } = world;
    const sent = await open('Hospital Carts');
    const click = await teams.click(alice, 'cancel', sent.requestId);
    assert.equal(click.status, 200);
    assert.match(answerText(click.body), /Cancelled/);

    const reply = await teams.waitForReply(sent.conversation, /cancelled the request/);
    assert.match(String(reply.activity.text), /Alice Admin cancelled the request to revoke profile "Hospital Carts"/);
    const card = await teams.waitForCardUpdate(sent, (c) => /Cancelled/.test(cardText(c)));
    assert.deepEqual(cardButtons(card), []);
    assert.equal(sim.graph.revokeCalls().length, 0);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'cancelled');
    // And the profile can be asked for again.
    const again = await teams.openRequest(alice, 'Hospital Carts', 'Second try with the right ticket', channelThread(OUR_TENANT_ID));
    assert.notEqual(again.requestId, sent.requestId);
  });

  it('someone who neither asked nor approves cannot cancel', async function () {
    const { teams, sim } = world;
    const sent = await open('AOSP Headsets');
    const before = sim.connector.activities.length;
    for (const user of [carol, dave]) {
      const click = await teams.click(user, 'cancel', sent.requestId);
      assert.equal(click.status, 200);
      assert.match(answerText(click.body), /Only the person who asked for this revoke, or an approver, can cancel it/);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(sim.connector.activities.length, before, 'nothing sent to the conversation');
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
    const denials = readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'access.denied');
    assert.deepEqual(denials.map((e) => [e.actorId, e.outcome]), [
      [carol.aadObjectId, 'not-your-request'],
      [dave.aadObjectId, 'not-your-request'],
    ]);
  });

  it('a request asked by a requester who is not an approver can be cancelled by an approver', async function () {
    const { teams } = world;
    const sent = await open('AOSP Smart Glasses', carol);
    const click = await teams.click(bob, 'cancel', sent.requestId);
    assert.match(answerText(click.body), /Cancelled/);
    await teams.waitForReply(sent.conversation, /Bob Approver cancelled the request/);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'cancelled');
  });
});
