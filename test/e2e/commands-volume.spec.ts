/**
 * `list`, `show`, `revoke` and the list card's buttons against 10,000 simulated profiles (plus the
 * seeded ones): Graph is paged through @odata.nextLink with only the shown fields selected, the
 * listing is cached between commands, and a revoke makes the next listing fresh.
 */
import { strict as assert } from 'node:assert';
import { generateProfiles } from '../../tools/simulator/generated-profiles';
import { seedProfiles } from '../../tools/simulator/seed-profiles';
import { cardButtons, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { ADAPTIVE_CARD } from '../support/adaptive-card-reading';
import { answerText, channelThread, groupChat, personalChat } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { checkAdaptiveCard } from '../unit/cards/parse-adaptive-card';

const GENERATED = 10_000;
const LIST_PATH = '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

describe('e2e: commands with 10,000 profiles', function () {
  this.timeout(120_000);
  const world = useTokenGuard({ simulator: { profiles: [...seedProfiles(), ...generateProfiles(GENERATED)] } });
  const total = GENERATED + seedProfiles().length;

  const listCalls = () => world.sim.graph.calls.filter((c) => c.method === 'GET' && c.path === LIST_PATH);
  function cardIn(replies: { activity: Record<string, unknown> }[]): Card {
    const card = replies.map((r) => cardOf(r.activity)).find(Boolean);
    assert.ok(card, `a card; the bot said: ${replies.map((r) => r.activity.text).join(' | ')}`);
    const check = checkAdaptiveCard(card);
    assert.deepEqual([...check.parseEvents, ...check.validationEvents], []);
    return card;
  }

  it('list pages through Graph once with $select, then serves later lists from its cache', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const first = cardIn((await world.teams.say(alice, 'list', thread)).replies);
    assert.match(cardText(first), new RegExp(`1–10 of ${total.toLocaleString('en').replace(',', ',?')}|1–10 of ${total}`));
    const calls = listCalls();
    assert.ok(calls.length >= Math.ceil(total / 1000), `paged: ${calls.length} list calls`);
    assert.ok(calls.slice(1).every((c) => c.query.$skiptoken), 'later pages follow @odata.nextLink');
    assert.deepEqual(calls[0].query.$select.split(',').sort(), ['enrolledDeviceCount', 'enrollmentMode', 'enrollmentTokenUsageCount', 'displayName', 'id', 'tokenExpirationDateTime', 'tokenCreationDateTime'].sort());
    assert.ok(cardButtons(first).some((b) => b.verb === 'list-more'), 'Show more');

    const before = listCalls().length;
    const filtered = cardIn((await world.teams.say(alice, 'list store 0999', groupChat(OUR_TENANT_ID))).replies);
    assert.equal(listCalls().length, before, 'the second list came from the cache');
    const names = [...cardText(filtered).matchAll(/^Store 0999\d \w+/gm)].map((m) => m[0]);
    assert.equal(names.length, 10, cardText(filtered));
    assert.deepEqual([...names].sort(), names, 'sorted');
    assert.match(cardText(filtered), /1–10 of 10 with "store 0999" in the name/);
  });

  it('Show more answers with the next page; a forged page is refused', async function () {
    const chat = personalChat(OUR_TENANT_ID, alice);
    const first = cardIn((await world.teams.say(alice, 'list Store 01', chat)).replies);
    assert.match(cardText(first), /1–10 of 1000 with "Store 01" in the name/);
    const more = cardButtons(first).find((b) => b.verb === 'list-more')!;
    assert.deepEqual(more.data, { query: 'Store 01', page: 1 });
    const click = await world.teams.click(alice, 'list-more', undefined, { conversation: chat, data: more.data });
    assert.equal(click.body.type, ADAPTIVE_CARD);
    const second = click.body.value as Card;
    assert.match(cardText(second), /11–20 of 1000/);
    assert.match(cardText(second), /Store 01010 /);
    const forged = await world.teams.click(alice, 'list-more', undefined, { conversation: chat, data: { query: 'x', page: 'DROP TABLE' } });
    assert.match(answerText(forged.body), /That button sent nothing I can use/);
  });

  it('Request revoke on a list row asks for a justification in the conversation; the answer opens the request', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const listed = cardIn((await teams.say(alice, 'list "Store 04242"', thread)).replies);
    const button = cardButtons(listed).find((b) => b.verb === 'request-revoke')!;
    const click = await teams.click(alice, 'request-revoke', undefined, { conversation: thread, data: button.data });
    assert.match(answerText(click.body), /Revoke "Store 04242 \w+": I asked for a justification in the chat/);
    await teams.waitForReply(thread, /Why should the token of profile "Store 04242 \w+" be revoked\?/);
    await teams.say(alice, 'Store closed, devices sold', thread);
    const sent = teams.approvalCard(thread);
    assert.match(cardText(sent.card), /Store 04242/);

    const approved = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(approved.body), /Approved by Bob Approver/);
    await teams.waitForReply(thread, /^Token of profile "Store 04242 \w+" revoked at/, 20_000);
    const before = listCalls().length;
    const after = cardIn((await teams.say(alice, 'list "Store 04242"', thread)).replies);
    assert.ok(listCalls().length > before, 'the revoke made the cached list stale: listed again');
    assert.match(cardText(after), /Token expired/);
  });

  it('revoke and show find a profile by name among 10,000, and suggest near names', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const nameOf = (prefix: string) => [...world.sim.graph.profiles.values()].find((p) => p.displayName.startsWith(prefix))!.displayName;
    const name = nameOf('Store 07777 ');
    const shown = cardIn((await world.teams.say(alice, `show ${name}`, thread)).replies);
    assert.match(cardText(shown), new RegExp(name));
    const unknown = (await world.teams.say(alice, `show ${name.slice(0, -1)}`, thread)).replies.map((r) => String(r.activity.text)).join('\n');
    assert.match(unknown, new RegExp(`Did you mean: "${name}"`));
    const other = nameOf('Store 07778 ');
    const asked = (await world.teams.say(alice, `revoke "${other.toLowerCase()}"`, thread)).replies.map((r) => String(r.activity.text)).join('\n');
    assert.match(asked, new RegExp(`Why should the token of profile "${other}" be revoked\\?`));
    await world.teams.say(alice, 'cancel', thread);
  });
});
