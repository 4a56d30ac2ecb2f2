/**
 * A pending request expires after REQUEST_TTL_MINUTES without a decision. The shortest TTL the
 * configuration allows is one minute, so the bot runs with a clock the test moves forward
 * (shifted-clock.ts, preloaded into the child) instead of the test waiting a real minute.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readRequest } from '../support/stored-records';
import { answerText, channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const PAST_TTL_MS = 61_000;

describe('e2e: expiry, swept while nobody clicks', function () {
  const world = useTokenGuard({ env: { REQUEST_TTL_MINUTES: '1', EXPIRY_SWEEP_SECONDS: '1' }, bot: { shiftableClock: true } });

  it('the sweeper expires the request, updates the card and tells the thread; a later click is refused', async function () {
    const { teams, sim, bot } = world;
    const sent = await teams.openRequest(alice, 'Digital Signage Braga', 'Signage token in a public repo', channelThread(OUR_TENANT_ID));
    await bot.advanceClock(PAST_TTL_MS);

    const reply = await teams.waitForReply(sent.conversation, /expired at .* without a decision/, 5_000);
    assert.match(String(reply.activity.text), /The token was not revoked; ask again if it still needs revoking/);
    assert.ok(String(reply.activity.text).includes(sent.requestId));
    const card = await teams.waitForCardUpdate(sent, (c) => /Expired/.test(cardText(c)));
    assert.deepEqual(cardButtons(card), [], 'an expired card has no buttons');
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'expired');

    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    assert.match(answerText(click.body), /expired/);
    assert.match(answerText(click.body), /Nothing was changed|Ask again/);
    assert.equal(sim.graph.revokeCalls().length, 0, 'an expired request is never revoked');

    // The profile can be asked for again.
    const again = await teams.openRequest(alice, 'Digital Signage Braga', 'Asking again', channelThread(OUR_TENANT_ID));
    assert.notEqual(again.requestId, sent.requestId);
  });
});

describe('e2e: expiry, noticed by a click before the sweeper runs', function () {
  // The sweeper runs at start-up and then hourly: only the click can notice the expiry here.
  const world = useTokenGuard({ env: { REQUEST_TTL_MINUTES: '1', EXPIRY_SWEEP_SECONDS: '3600' }, bot: { shiftableClock: true } });

  it('the click is refused with the expired message, and everyone\'s card says expired', async function () {
    const { teams, sim, bot } = world;
    const sent = await teams.openRequest(alice, 'Loaner Phones', 'Loaner token leaked', channelThread(OUR_TENANT_ID));
    await bot.advanceClock(PAST_TTL_MS);

    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.equal(click.status, 200);
    assert.equal(click.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(answerText(click.body), new RegExp(`Request \`${sent.requestId}\` expired at .* without a decision`));
    assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'expired');
    assert.equal(sim.graph.revokeCalls().length, 0);

    // Those who did not click must learn it too: the shared card and the thread.
    const card = await teams.waitForCardUpdate(sent, (c) => /Expired/.test(cardText(c)), 3_000);
    assert.deepEqual(cardButtons(card), []);
    await teams.waitForReply(sent.conversation, /expired at .* without a decision/, 3_000);
  });
});
