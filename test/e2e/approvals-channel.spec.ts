/**
 * Where approvals happen for a request typed in personal chat: with APPROVAL_CHANNEL_ID set and the
 * channel learned from the bot's installation in its team, the card goes to a new thread in that
 * channel with the allow-listed approvers @mentioned; the decision is taken there and the result
 * reaches the thread and the requester's personal chat.
 */
import { strict as assert } from 'node:assert';
import { cardOf, cardText } from '../support/adaptive-card-reading';
import { alice, bob, carol, erin, OUR_TENANT_ID } from '../support/cast';
import { readRequest } from '../support/stored-records';
import { answerText, personalChat, sameConversation, type Conversation } from '../support/teams-client';
import { BOT_APP, useTokenGuard } from '../support/token-guard-world';

/** The approvals channel is the team's General channel: its id is the team's. */
const APPROVALS_CHANNEL = '19:token-guard-approvals@thread.tacv2';

function approvalsChannelData(): Record<string, unknown> {
  return {
    tenant: { id: OUR_TENANT_ID },
    team: { id: APPROVALS_CHANNEL, name: 'Intune Approvals' },
    channel: { id: APPROVALS_CHANNEL, name: 'General' },
  };
}

/** A thread of the approvals channel as Teams addresses it. */
function approvalsThread(conversationId: string): Conversation {
  return { id: conversationId, type: 'channel', tenantId: OUR_TENANT_ID, channelData: approvalsChannelData() };
}

describe('e2e: the approvals channel (APPROVAL_CHANNEL_ID)', function () {
  const world = useTokenGuard({ env: { APPROVAL_CHANNEL_ID: APPROVALS_CHANNEL } });

  /** What Teams sends when someone adds the bot to the team (it arrives in the General channel). */
  async function installInApprovalsTeam(): Promise<void> {
    const { teams, sim } = world;
    const now = new Date().toISOString();
    const answer = await teams.post({
      type: 'conversationUpdate',
      id: `f:${Date.now()}`,
      timestamp: now,
      serviceUrl: sim.botFramework.serviceUrl,
      channelId: 'msteams',
      from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
      conversation: { id: APPROVALS_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: OUR_TENANT_ID },
      recipient: teams.botAccount,
      membersAdded: [{ id: `28:${BOT_APP.id}` }],
      channelData: { ...approvalsChannelData(), channel: undefined, eventType: 'teamMemberAdded' },
    });
    assert.equal(answer.status, 200);
  }

  it('before the channel is known: the card stays in the personal chat, and the requester is told approvers cannot see it', async function () {
    const { teams } = world;
    const chat = personalChat(OUR_TENANT_ID, carol);
    const sent = await teams.openRequest(carol, 'Teams Rooms Android', 'Token seen on a shared screen', chat);
    assert.equal(sent.conversationId, chat.id);
    const hint = teams.replies(chat, /approvers cannot see it/);
    assert.equal(hint.length, 1, teams.transcript(chat));
    assert.match(String(hint[0].activity.text), /APPROVAL_CHANNEL_ID/);
    // Clean up: one open request per profile.
    assert.match(answerText((await teams.click(carol, 'cancel', sent.requestId)).body), /Cancelled/);
  });

  it('after installation: a personal-chat request becomes a new approvals thread with @mentions; Bob approves there; both conversations hear the result', async function () {
    const { teams, sim } = world;
    await installInApprovalsTeam();
    const chat = personalChat(OUR_TENANT_ID, carol);
    const before = sim.connector.activities.length;
    const asked = await teams.say(carol, 'revoke "Engineering Pilot" QR code posted in the public wiki', chat);

    // The personal chat gets a pointer, not the card.
    assert.ok(asked.replies.every((a) => !cardOf(a.activity)), `no card in the personal chat:\n${teams.transcript(chat)}`);
    assert.match(String(asked.replies.map((a) => a.activity.text).join('\n')), /posted in the approvals channel/);

    // The card is the root of a new thread in the approvals channel.
    const root = sim.connector.activities.slice(before).find((a) => a.conversationId.startsWith(`${APPROVALS_CHANNEL};messageid=`) && cardOf(a.activity));
    assert.ok(root, 'a new thread in the approvals channel carries the card');
    assert.ok(root.authorized, 'the bot authenticated to the connector');
    assert.equal(root.conversationId, `${APPROVALS_CHANNEL};messageid=${root.activityId}`);
    const thread = approvalsThread(root.conversationId);
    const sent = teams.approvalCard(thread);
    assert.equal(sent.activityId, root.activityId);

    // The approvers on the allow-list are @mentioned in the thread (Carol is no approver).
    const mention = await teams.waitForReply(thread, /asks to revoke the token of profile "Engineering Pilot"/);
    const mentioned = (mention.activity.entities as { type: string; text: string; mentioned: { id: string } }[]).filter((e) => e.type === 'mention');
    assert.deepEqual(mentioned.map((m) => m.mentioned.id).sort(), [alice, bob, erin].map((u) => `29:${u.aadObjectId}`).sort());
    for (const m of mentioned) assert.ok(String(mention.activity.text).includes(m.text), `the text carries ${m.text}`);

    const stored = readRequest(world.bot.dataDir, sent.requestId) as unknown as { location: Record<string, unknown> };
    assert.equal(stored.location.conversationKey, thread.id);
    assert.equal(stored.location.conversationType, 'channel');
    assert.equal(stored.location.cardActivityId, root.activityId);
    assert.equal(stored.location.notifyAlso, chat.id);

    // Bob approves in the thread; the revoke runs; the thread and Carol's personal chat hear it.
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver/);
    const inThread = await teams.waitForReply(thread, /revoked/i, 20_000);
    const inPersonal = await teams.waitForReply(chat, /revoked/i, 20_000);
    assert.equal(inThread.activity.text, inPersonal.activity.text);
    assert.ok(sameConversation(inPersonal, chat.id));
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)), 20_000);
    assert.equal(sim.graph.revokeCalls(world.profileId('Engineering Pilot')).length, 1);
  });

  it('a rejection in the approvals thread is told in the thread and in the personal chat', async function () {
    const { teams, sim } = world;
    await installInApprovalsTeam();
    const chat = personalChat(OUR_TENANT_ID, carol);
    const before = sim.connector.activities.length;
    await teams.say(carol, 'revoke "Teams Rooms Android" Console token pasted in a vendor ticket', chat);
    const root = sim.connector.activities.slice(before).find((a) => a.conversationId.startsWith(`${APPROVALS_CHANNEL};messageid=`) && cardOf(a.activity));
    assert.ok(root, teams.transcript(chat));
    const thread = approvalsThread(root.conversationId);
    const sent = teams.approvalCard(thread);
    const click = await teams.click(erin, 'reject', sent.requestId, { inputs: { reason: 'The vendor ticket is private' } });
    assert.equal(click.status, 200);
    await teams.waitForReply(thread, /rejected/i);
    const told = await teams.waitForReply(chat, /rejected/i);
    assert.match(String(told.activity.text), /The vendor ticket is private/);
    assert.equal(sim.graph.revokeCalls().length, 0);
  });
});
