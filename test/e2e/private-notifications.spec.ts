/**
 * Private notifications over HTTP: approvers with the app in personal scope hear of a new request
 * in their 1:1 chat with a deep link to the card, the requester hears the outcome there (once), an
 * approver without a personal chat is skipped (or, with NOTIFY_INSTALL=true, gets the app installed
 * through Graph and is messaged), a message Teams refuses changes nothing else and is audited, and
 * NOTIFY_APPROVERS / NOTIFY_REQUESTER switch it all off.
 */
import { strict as assert } from 'node:assert';
import { TOKEN_GUARD_CATALOG_APP_ID, TOKEN_GUARD_GRAPH_ROLES, type RecordedActivity } from '../../tools/simulator';
import { cardText } from '../support/adaptive-card-reading';
import { ACCESS_ENV, alice, bob, carol, erin, OUR_TENANT_ID, type TeamsUser } from '../support/cast';
import { readAudit, readRequest, settledRequest } from '../support/stored-records';
import { answerText, channelThread, groupChat, personalChat, sameConversation, type Conversation } from '../support/teams-client';
import { BOT_APP, GRAPH_APP, useTokenGuard, type TokenGuardWorld } from '../support/token-guard-world';

const INSTALL_ROLE = 'TeamsAppInstallation.ReadWriteForUser.All';
/** An approver on the allow-list who never talked to the bot. */
const FRANK_ID = 'f4a4c000-0000-4000-8000-000000000006';
const OPS_CHANNEL = '19:intune-ops-requests@thread.tacv2';
const OPS_GROUP_ID = '0e1d2c3b-4a59-4687-8776-655443322110';
/** Characters that must be encoded in a link (and could end a markdown link) are in the names. */
const OPS_TEAM_NAME = 'Intune (Ops) & Devices';
const OPS_CHANNEL_NAME = 'Requests #1';
const APPROVALS_CHANNEL = '19:token-guard-approvals@thread.tacv2';
const APPROVALS_GROUP_ID = '5b6c7d8e-9f01-4234-8567-89abcdef0123';

/** A new thread in the ops channel, with the team facts Teams sends on channel messages. */
function opsThread(): Conversation {
  const base = channelThread(OUR_TENANT_ID, OPS_CHANNEL);
  return {
    ...base,
    channelData: {
      ...base.channelData,
      team: { id: '19:team-intune-ops@thread.tacv2', name: OPS_TEAM_NAME, aadGroupId: OPS_GROUP_ID },
      channel: { id: OPS_CHANNEL, name: OPS_CHANNEL_NAME },
    },
  };
}

function personalOf(user: TeamsUser): Conversation {
  return personalChat(OUR_TENANT_ID, user);
}

/** The bot's text messages in someone's 1:1 chat (matching `pattern`). */
function privateMessages(world: TokenGuardWorld, user: TeamsUser | string, pattern?: RegExp): RecordedActivity[] {
  const chat = typeof user === 'string' ? personalChat(OUR_TENANT_ID, { id: `29:${user}`, name: '', aadObjectId: user }) : personalOf(user);
  return world.teams.replies(chat, pattern);
}

/** The user opens their 1:1 chat with the bot (Teams then vouches for it: the bot keeps its reference). */
async function greet(world: TokenGuardWorld, user: TeamsUser): Promise<void> {
  const { replies } = await world.teams.say(user, 'whoami', personalOf(user));
  assert.ok(replies.length > 0, `the bot answered ${user.name} 1:1`);
}

interface DeepLink {
  conversationId: string;
  messageId: string;
  query: Record<string, string>;
}

/** The first Teams deep link in a markdown text, taken apart. */
function deepLinkIn(text: string): DeepLink {
  const match = /\]\((https:\/\/teams\.microsoft\.com\/l\/message\/[^)\s]+)\)/.exec(text);
  assert.ok(match, `a markdown link to a Teams message in: ${text}`);
  const url = new URL(match[1]);
  const [, l, message, conversation, messageId, ...rest] = url.pathname.split('/');
  assert.equal(l, 'l');
  assert.equal(message, 'message');
  assert.deepEqual(rest, [], 'nothing after the message id');
  // Every reserved character of a part is percent-encoded: no raw ':' '@' '(' ')' '&' '#' anywhere.
  assert.doesNotMatch(match[1].slice('https://'.length), /[()@#]|:/, match[1]);
  return { conversationId: decodeURIComponent(conversation), messageId: decodeURIComponent(messageId), query: Object.fromEntries(url.searchParams) };
}

/** The request's 'notify.failed' audit lines, once there are `count` of them (or after 10 s). */
async function auditedRefusals(world: TokenGuardWorld, requestId: string, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = readAudit(world.bot.dataDir, requestId).filter((row) => row.action === 'notify.failed');
    if (rows.length >= count || Date.now() > deadline) return rows;
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('e2e: private notifications (NOTIFY_APPROVERS, NOTIFY_REQUESTER on by default)', function () {
  const world = useTokenGuard({
    env: { APPROVER_IDS: `${ACCESS_ENV.APPROVER_IDS},${FRANK_ID}`, APPROVAL_CHANNEL_ID: APPROVALS_CHANNEL },
  });

  before(async function () {
    this.timeout(30_000);
    for (const user of [alice, bob, erin]) await greet(world, user);
  });

  it("a request reaches each approver 1:1 with a deep link naming the card's message and thread; the requester hears only the outcome, once", async function () {
    const { teams, sim } = world;
    const thread = opsThread();
    const sent = await teams.openRequest(alice, 'Kiosk Lisbon', 'QR code (see https://evil.example/x) on a [poster](https://x.example)', thread);

    for (const approver of [bob, erin]) {
      const notice = await teams.waitForReply(personalOf(approver), /Alice Admin\*\* asks to revoke the token of profile "Kiosk Lisbon"/);
      const text = String(notice.activity.text);
      assert.ok(notice.authorized, 'sent with a connector token');
      // The justification is shown, never as a live link.
      assert.match(text, /QR code \(see https\\\[:\\\]\/\/evil\.example\/x\) on a \\\[poster\\\]\(https\\\[:\\\]\/\/x\.example\)/);
      assert.equal((text.match(/\]\(https:\/\//g) ?? []).length, 1, `one live link only (ours): ${text}`);

      const link = deepLinkIn(text);
      const root = /;messageid=(\d+)$/.exec(sent.conversationId)?.[1];
      assert.ok(root);
      assert.equal(link.conversationId, OPS_CHANNEL);
      assert.equal(link.messageId, sent.activityId, 'the link names the card message');
      assert.equal(link.query.parentMessageId, root, 'and the thread it is in');
      assert.equal(link.query.createdTime, sent.activityId);
      assert.equal(link.query.tenantId, OUR_TENANT_ID);
      assert.equal(link.query.groupId, OPS_GROUP_ID);
      assert.equal(link.query.teamName, OPS_TEAM_NAME);
      assert.equal(link.query.channelName, OPS_CHANNEL_NAME);
      // The card really is that message of that thread in what Teams recorded.
      const card = sim.connector.activities.find((a) => a.method === 'POST' && a.activityId === link.messageId && sameConversation(a, `${link.conversationId};messageid=${link.query.parentMessageId}`));
      assert.ok(card, 'the recorded card activity is where the link points');
      assert.ok(text.includes(sent.requestId));
    }

    // Frank has no personal chat: one log line, nothing sent. Alice asked: she is not told of her own request.
    await world.bot.waitForLog(new RegExp(`(?=.*private notification skipped)(?=.*${FRANK_ID})`), 5000);
    await sleep(300);
    assert.deepEqual(privateMessages(world, FRANK_ID), []);
    assert.deepEqual(privateMessages(world, alice, /asks to/), [], teams.transcript(personalOf(alice)));

    // Bob approves: the thread hears the result, and Alice hears it 1:1 with the card's link.
    assert.match(answerText((await teams.click(bob, 'approve', sent.requestId)).body), /Approved by Bob Approver/);
    await teams.waitForReply(thread, /revoked/i, 20_000);
    const outcome = await teams.waitForReply(personalOf(alice), /revoked/i, 20_000);
    assert.match(String(outcome.activity.text), /Kiosk Lisbon/);
    assert.equal(deepLinkIn(String(outcome.activity.text)).messageId, sent.activityId);
    await sleep(500);
    assert.equal(privateMessages(world, alice, /revoked/i).length, 1, 'told once');
    assert.equal(privateMessages(world, bob, /revoked/i).length, 0, 'approvers are not told the outcome 1:1');
  });

  it('a request from personal chat goes to the approvals channel: approvers get a link to the new thread; the requester hears the result once', async function () {
    const { teams, sim } = world;
    // The bot is added to the approvals team (Teams sends the team's group id and name).
    const answer = await teams.post({
      type: 'conversationUpdate',
      id: `f:${Date.now()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: sim.botFramework.serviceUrl,
      channelId: 'msteams',
      from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
      conversation: { id: APPROVALS_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: OUR_TENANT_ID },
      recipient: teams.botAccount,
      membersAdded: [{ id: `28:${BOT_APP.id}` }],
      channelData: { tenant: { id: OUR_TENANT_ID }, team: { id: APPROVALS_CHANNEL, name: 'Intune Approvals', aadGroupId: APPROVALS_GROUP_ID }, eventType: 'teamMemberAdded' },
    });
    assert.equal(answer.status, 200);

    const chat = personalOf(carol);
    await teams.say(carol, 'revoke "Teams Rooms Android" Console token pasted in a vendor ticket', chat);
    const root = await teams.waitForActivity((a) => a.conversationId.startsWith(`${APPROVALS_CHANNEL};messageid=`) && a.method === 'POST' && Boolean(a.activity.attachments), 10_000, 'the approvals thread');
    const notice = await teams.waitForReply(personalOf(bob), /Carol Helpdesk\*\* asks to revoke the token of profile "Teams Rooms Android"/);
    const link = deepLinkIn(String(notice.activity.text));
    assert.equal(link.conversationId, APPROVALS_CHANNEL);
    assert.equal(link.messageId, root.activityId, 'the card is the root of the new thread');
    assert.equal(link.query.parentMessageId, root.activityId);
    assert.equal(link.query.groupId, APPROVALS_GROUP_ID);
    assert.equal(link.query.teamName, 'Intune Approvals');
    assert.equal(root.conversationId, `${link.conversationId};messageid=${link.query.parentMessageId}`);

    const thread: Conversation = {
      id: root.conversationId,
      type: 'channel',
      tenantId: OUR_TENANT_ID,
      channelData: { tenant: { id: OUR_TENANT_ID }, team: { id: APPROVALS_CHANNEL, name: 'Intune Approvals' }, channel: { id: APPROVALS_CHANNEL, name: 'General' } },
    };
    const sent = teams.approvalCard(thread);
    assert.ok(String(notice.activity.text).includes(sent.requestId));
    const click = await teams.click(erin, 'reject', sent.requestId, { inputs: { reason: 'The vendor ticket is private' } });
    assert.match(answerText(click.body), /Rejected/i);
    await teams.waitForReply(thread, /rejected/i);
    await teams.waitForReply(chat, /rejected/i);
    await sleep(500);
    assert.equal(teams.replies(chat, /rejected/i).length, 1, `Carol is told once in her personal chat:\n${teams.transcript(chat)}`);
  });

  it('a message Teams refuses changes nothing else: the request is approved and revoked as usual, and the refusal is audited', async function () {
    const { teams, sim } = world;
    sim.connector.refuseMessagesTo(erin.aadObjectId, 403);
    const chat = groupChat(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Kiosk Porto', 'Token seen on a shared screen', chat);
    await teams.waitForReply(personalOf(bob), /asks to revoke the token of profile "Kiosk Porto"/);
    const refusals = await auditedRefusals(world, sent.requestId, 1);
    assert.deepEqual(privateMessages(world, erin, /Kiosk Porto/), [], 'nothing reached Erin');
    assert.equal(refusals.length, 1, JSON.stringify(refusals));
    assert.equal(refusals[0].outcome, 'private-approver');
    assert.match(String(refusals[0].detail), new RegExp(`${erin.aadObjectId}.*403.*ConversationBlockedByUser|${erin.aadObjectId}.*ConversationBlockedByUser`));

    // In a group chat the card's link is the chat form.
    const link = deepLinkIn(String(privateMessages(world, bob, /Kiosk Porto/)[0].activity.text));
    assert.equal(link.conversationId, chat.id);
    assert.equal(link.messageId, sent.activityId);
    assert.deepEqual(JSON.parse(link.query.context), { contextType: 'chat' });

    // Erin still decides on the card as usual.
    const click = await teams.click(erin, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Erin Approver/);
    await teams.waitForReply(chat, /revoked/i, 20_000);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)), 20_000);
    assert.equal((await settledRequest(world.bot.dataDir, sent.requestId))?.state, 'succeeded');
    assert.equal(sim.graph.revokeCalls(world.profileId('Kiosk Porto')).length, 1);
    await teams.waitForReply(personalOf(alice), /Kiosk Porto.*revoked|revoked.*Kiosk Porto/is, 10_000);
  });
});

describe('e2e: private notifications with NOTIFY_INSTALL=true', function () {
  const world = useTokenGuard({
    env: { NOTIFY_INSTALL: 'true', TEAMS_APP_CATALOG_ID: TOKEN_GUARD_CATALOG_APP_ID },
    simulator: { clients: [BOT_APP, { ...GRAPH_APP, roles: [...GRAPH_APP.roles, INSTALL_ROLE] }] },
  });

  it('without TeamsAppInstallation.ReadWriteForUser.All the install is refused (403): audited, nothing is sent, and the request is unaffected', async function () {
    const { teams, sim } = world;
    sim.entra.setAppRoles(GRAPH_APP.id, [...TOKEN_GUARD_GRAPH_ROLES]);
    sim.entra.revokeIssuedTokens(); // the bot's next Graph token carries the new roles
    const chat = groupChat(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Staging Lab', 'Reseller mailed the QR code to everyone', chat);
    const refusals = await auditedRefusals(world, sent.requestId, 2);
    assert.ok(refusals.every((row) => row.outcome === 'private-approver' && /403/.test(String(row.detail)) && row.detail!.includes(INSTALL_ROLE)), JSON.stringify(refusals));
    assert.equal(refusals.length, 2, 'one line per approver not reached (Bob, Erin)');
    assert.deepEqual([bob, erin, alice].map((u) => privateMessages(world, u).length), [0, 0, 0]);
    const click = await teams.click(bob, 'reject', sent.requestId, { inputs: { reason: 'Phone was found' } });
    assert.equal(click.status, 200);
    await teams.waitForReply(chat, /rejected/i);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'rejected');
    // The requester has no personal chat either: installing for her to tell the outcome is refused the same way.
    const all = await auditedRefusals(world, sent.requestId, 3);
    assert.deepEqual(all.map((row) => row.outcome), ['private-approver', 'private-approver', 'private-requester']);
  });

  it('an approver without a personal chat gets the app installed through Graph, then the message; an app already installed (409) is messaged too', async function () {
    const { teams, sim } = world;
    sim.entra.revokeIssuedTokens(); // the bot's next Graph token carries the granted roles again
    sim.teams.installForUser(erin.aadObjectId); // Erin added the app herself but never wrote to it
    const sent = await teams.openRequest(alice, 'Warehouse Scanners', 'Scanner lost in the car park', groupChat(OUR_TENANT_ID));
    for (const approver of [bob, erin]) {
      const notice = await teams.waitForReply(personalOf(approver), /asks to revoke the token of profile "Warehouse Scanners"/, 10_000);
      assert.equal(deepLinkIn(String(notice.activity.text)).messageId, sent.activityId);
    }
    const installs = sim.graph.calls.filter((c) => c.method === 'POST' && /\/teamwork\/installedApps$/.test(c.path));
    // A 401 is the revoked token being replaced (once, by the first call), not Teams' answer.
    const statusFor = (user: TeamsUser) =>
      installs.filter((c) => c.path === `/v1.0/users/${user.aadObjectId}/teamwork/installedApps` && c.status !== 401).map((c) => c.status);
    assert.deepEqual(statusFor(bob), [201]);
    assert.deepEqual(statusFor(erin), [409]);
    assert.deepEqual(statusFor(alice), [], 'the requester is not installed for nor told');
    assert.ok(sim.teams.hasApp(bob.aadObjectId));
    assert.deepEqual(privateMessages(world, alice), []);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
  });
});

describe('e2e: NOTIFY_APPROVERS=false and NOTIFY_REQUESTER=false', function () {
  const world = useTokenGuard({ env: { NOTIFY_APPROVERS: 'false', NOTIFY_REQUESTER: 'false' } });

  it('send nothing 1:1: not the new request, not its outcome', async function () {
    const { teams } = world;
    for (const user of [alice, bob, erin]) await greet(world, user);
    const before = Object.fromEntries([alice, bob, erin].map((u) => [u.name, privateMessages(world, u).length]));
    const chat = groupChat(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Nurse Phones', 'Ward phone left in a taxi', chat);
    await teams.click(bob, 'approve', sent.requestId);
    await teams.waitForReply(chat, /revoked/i, 20_000);
    await sleep(800);
    const after = Object.fromEntries([alice, bob, erin].map((u) => [u.name, privateMessages(world, u).length]));
    assert.deepEqual(after, before);
  });
});
