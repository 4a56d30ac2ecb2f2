/**
 * The whole approval in a team channel, over real HTTP: Alice asks, the card appears in the thread,
 * Bob approves, Graph's revokeToken is called once with an app-only token, and everyone sees the
 * result on the card and in the thread.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardFacts, cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { linesLeakingSecrets } from '../support/bot-process';
import { channelThread } from '../support/teams-client';
import { BOT_APP, GRAPH_APP, useTokenGuard } from '../support/token-guard-world';

describe('e2e: happy path in a channel', function () {
  const world = useTokenGuard();

  it('Alice asks, Bob approves, the token is revoked once and the thread is told', async function () {
    const { sim, teams } = world;
    const kiosk = world.profile('Kiosk Lisbon');
    const thread = channelThread(OUR_TENANT_ID);

    const asked = await teams.say(alice, 'revoke "Kiosk Lisbon" QR code photographed by a visitor', thread);
    assert.equal(asked.status, 200);
    const sent = teams.approvalCard(thread);
    assert.ok(sent.requestId, 'the card carries the request id in its Action.Execute data');
    assert.ok(sent.activityId, 'the card was posted as an activity with an id');

    // The card: the profile's facts, who asked and why, and the three buttons.
    const facts = cardFacts(sent.card);
    const text = cardText(sent.card);
    assert.ok(Object.values(facts).includes('Kiosk Lisbon'), `profile name in the facts: ${JSON.stringify(facts)}`);
    assert.ok(Object.values(facts).includes(kiosk.id), 'profile id in the facts');
    assert.ok(Object.values(facts).includes(String(kiosk.enrolledDeviceCount)), 'enrolled device count in the facts');
    assert.ok(Object.values(facts).includes(alice.name), 'requester in the facts');
    assert.match(text, /QR code photographed by a visitor/);
    assert.deepEqual(
      cardButtons(sent.card).map((b) => b.title),
      ['Approve', 'Reject', 'Cancel request'],
    );
    assert.ok(cardButtons(sent.card).every((b) => b.data?.requestId === sent.requestId));
    // The card is in the thread Alice wrote in.
    assert.equal(sent.conversationId, thread.id);
    assert.equal(sim.graph.revokeCalls().length, 0, 'nothing is revoked before approval');

    // Bob approves: the invoke is answered at once with his view of the card.
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    assert.equal(click.body.statusCode, 200);
    const answer = click.body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(click.body.value as Record<string, unknown>) : String(click.body.value);
    assert.match(answer, /Approved by Bob Approver/);
    assert.match(answer, /revoking/i);

    // Everyone's card ends as "revoked", without buttons; the thread gets the outcome with Graph's request-id.
    const reply = await teams.waitForReply(thread, /revoked/i);
    const revokeCalls = sim.graph.revokeCalls(kiosk.id);
    assert.equal(revokeCalls.length, 1, 'exactly one revokeToken call');
    assert.equal(revokeCalls[0].method, 'POST');
    assert.equal(revokeCalls[0].status, 204);
    assert.ok(revokeCalls[0].authorized, 'revokeToken carried an app-only token issued by the (simulated) Entra ID');
    assert.equal(sim.graph.revokeCalls().length, 1, 'no other profile was touched');
    assert.equal(sim.graph.profiles.get(kiosk.id)?.tokenValue, null, 'the token is gone in Intune');

    const replyText = String(reply.activity.text);
    assert.ok(replyText.includes(revokeCalls[0].requestId), `the reply names Graph's request-id ${revokeCalls[0].requestId}: ${replyText}`);
    assert.ok(replyText.includes(sent.requestId), 'the reply names the request id');
    assert.match(replyText, /Kiosk Lisbon/);
    assert.match(replyText, /Bob Approver/);
    assert.ok(reply.authorized, 'the reply carried the bot\'s connector token');

    const finalCard = await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));
    assert.deepEqual(cardButtons(finalCard).filter((b) => b.verb !== 'refresh'), [], 'the final card has no buttons');
    assert.ok(cardText(finalCard).includes(revokeCalls[0].requestId), 'the final card shows the Graph request-id');
    assert.ok(!('refresh' in finalCard), 'a finished card does not ask to be refreshed');
    const updates = sim.connector.activities.filter((a) => a.method === 'PUT' && a.activityId === sent.activityId);
    assert.ok(updates.every((u) => u.authorized), 'card updates carried the bot\'s connector token');
    assert.equal(cardText(teams.currentCard(sent)), cardText(finalCard), 'the last update is the final card');
  });

  it('never shows a secret of the profile (token, QR code, Wi-Fi password) in chat', async function () {
    const { sim, teams } = world;
    const scanners = world.profile('Warehouse Scanners');
    const thread = channelThread(OUR_TENANT_ID);
    await teams.say(alice, 'revoke "Warehouse Scanners" scanner lost at the dock', thread);
    const sent = teams.approvalCard(thread);
    await teams.click(bob, 'approve', sent.requestId);
    await teams.waitForReply(thread, /revoked/i);
    await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));

    const everything = JSON.stringify(sim.connector.activities.map((a) => a.activity));
    for (const secret of [scanners.tokenValue, scanners.wifiPassword, scanners.qrCodeImage?.value]) {
      assert.ok(secret, 'the seeded profile has this secret');
      assert.ok(!everything.includes(secret), `a secret of the profile reached the chat: ${secret.slice(0, 6)}…`);
    }
    assert.deepEqual(linesLeakingSecrets(world.bot.output, [scanners.tokenValue, scanners.wifiPassword, scanners.qrCodeContent]), [], 'nor the log');
  });

  it('the bot\'s log shows no app secret and no token', function () {
    assert.ok(world.bot.output.length > 0, 'the bot logged something');
    assert.deepEqual(linesLeakingSecrets(world.bot.output, [BOT_APP.secret, GRAPH_APP.secret]), []);
  });
});
