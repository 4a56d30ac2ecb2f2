/**
 * Token Guard outside team channels: a group chat (mentions needed, the card refreshes for every
 * member) and the personal chat with the bot (no mention).
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardFacts, cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readRequest } from '../support/stored-records';
import { answerText, groupChat, personalChat } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

describe('e2e: group chats and personal chats', function () {
  const world = useTokenGuard();

  it('in a group chat: ask, approve, revoked, all in the chat', async function () {
    const { teams, sim } = world;
    const chat = groupChat(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Teams Rooms Android', 'Console token pasted in a vendor ticket', chat);
    assert.equal(sent.conversationId, chat.id, 'the card is posted in the group chat');
    assert.deepEqual(cardButtons(sent.card).map((b) => b.title), ['Approve', 'Reject', 'Cancel request']);
    const refresh = sent.card.refresh as { userIds?: unknown } | undefined;
    assert.ok(refresh, 'a pending card asks Teams to refresh it per reader');
    assert.equal(refresh.userIds, undefined, 'in a chat no user list: Teams refreshes for every member');

    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver/);
    const reply = await teams.waitForReply(chat, /revoked/i);
    assert.equal(reply.conversationId, chat.id);
    assert.ok(String(reply.activity.text).includes(sim.graph.revokeCalls()[0].requestId));
    assert.equal(sim.graph.revokeCalls(world.profileId('Teams Rooms Android')).length, 1);
    // The requester's private outcome is settled (she has no personal chat yet: skipped) before the next test opens one.
    await world.bot.waitForLog(new RegExp(`(?=.*${sent.requestId})(?=.*"recipient":"requester")`), 10_000);
  });

  it('in the personal chat with the bot: help works without a mention, and the card is posted there', async function () {
    const { teams, sim } = world;
    const chat = personalChat(OUR_TENANT_ID, alice);
    const help = await teams.say(alice, 'help', chat);
    assert.equal(help.replies.length, 1);
    assert.match(String(help.replies[0].activity.text), /revoke <profile> \[justification\]/);
    assert.doesNotMatch(String(help.replies[0].activity.text), /^I don't know/);

    const asked = await teams.say(alice, 'revoke "Engineering Pilot"', chat);
    assert.match(String(asked.replies[0]?.activity.text), /Why should the token of profile "Engineering Pilot" be revoked\?/);
    assert.doesNotMatch(String(asked.replies[0]?.activity.text), /@mention/, 'no channel hint in a personal chat');
    await teams.say(alice, 'Pilot ended, token must not be reused', chat);
    const sent = teams.approvalCard(chat);
    assert.equal(sent.conversationId, chat.id);
    assert.ok(Object.values(cardFacts(sent.card)).includes('Engineering Pilot'));

    // The requester can cancel it from there; the notice arrives in the same chat.
    const click = await teams.click(alice, 'cancel', sent.requestId);
    assert.match(answerText(click.body), /Cancelled/);
    await teams.waitForReply(chat, /Alice Admin cancelled the request/);
    const card = await teams.waitForCardUpdate(sent, (c) => /Cancelled/.test(cardText(c)));
    assert.deepEqual(cardButtons(card), []);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'cancelled');
    assert.equal(sim.graph.revokeCalls().length, 0);
  });
});
