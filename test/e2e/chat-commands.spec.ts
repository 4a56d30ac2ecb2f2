/**
 * The chat side: `help`, unknown commands, and the revoke dialog's questions (missing
 * justification, several profiles with one name, unknown profile, stopping with `cancel`).
 */
import { strict as assert } from 'node:assert';
import { cardFacts, cardOf } from '../support/adaptive-card-reading';
import { alice, carol, dave, OTHER_TENANT_ID, OUR_TENANT_ID } from '../support/cast';
import { channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

describe('e2e: chat commands and the revoke dialog', function () {
  const world = useTokenGuard();

  const textsOf = (replies: { activity: Record<string, unknown> }[]) => replies.map((r) => String(r.activity.text ?? ''));
  const cardsIn = (replies: { activity: Record<string, unknown> }[]) => replies.filter((r) => cardOf(r.activity));

  it('`help` lists the commands', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(carol, 'help', thread);
    assert.equal(replies.length, 1, 'one answer');
    const text = textsOf(replies)[0];
    assert.match(text, /revoke <profile> \[justification\]/);
    assert.match(text, /`help`/);
    assert.match(text, /@mention Token Guard/);
    assert.equal(replies[0].conversationId, thread.id, 'answered in the thread');
  });

  it('an unknown command is answered with the help line', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(alice, 'frobnicate the kiosks', thread);
    assert.deepEqual(textsOf(replies), ['I don\'t know the command "frobnicate". Send `help` to see what I can do.']);
    assert.equal(world.sim.graph.calls.length, 0, 'no Graph call for a chat command');
  });

  it('a missing justification is asked for; the answer completes the request', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const asked = await teams.say(alice, 'revoke "Kiosk Porto"', thread);
    assert.equal(cardsIn(asked.replies).length, 0, 'no card before the justification');
    assert.equal(asked.replies.length, 1);
    assert.match(textsOf(asked.replies)[0], /Why should the token of profile "Kiosk Porto" be revoked\?/);
    assert.match(textsOf(asked.replies)[0], /@mention Token Guard in your reply/, 'in a channel the question says how to answer');

    const answered = await teams.say(alice, 'Tablet stolen from the Porto store, ticket INC-4711', thread);
    const cards = cardsIn(answered.replies);
    assert.equal(cards.length, 1, `one approval card after the answer; the bot said: ${textsOf(answered.replies).join(' | ')}`);
    const sent = teams.approvalCard(thread);
    const facts = cardFacts(sent.card);
    assert.ok(Object.values(facts).includes('Kiosk Porto'));
    assert.ok(Object.values(facts).includes(world.profileId('Kiosk Porto')));
    assert.match(JSON.stringify(sent.card), /Tablet stolen from the Porto store, ticket INC-4711/);
  });

  it('several profiles with the name: the bot lists them and the number picks one', async function () {
    const { teams, sim } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const fieldTablets = [...sim.graph.profiles.values()].filter((p) => p.displayName === 'Field Tablets');
    assert.equal(fieldTablets.length, 2, 'the simulator seeds two profiles named "Field Tablets"');

    const asked = await teams.say(alice, 'revoke "Field Tablets" Tablet left in a taxi', thread);
    assert.equal(cardsIn(asked.replies).length, 0, 'no card while the profile is ambiguous');
    const question = textsOf(asked.replies).join('\n');
    assert.match(question, /Several enrollment profiles match "Field Tablets"/);
    const listedIds = [...question.matchAll(/^\d+\. .*?id `([^`]+)`/gm)].map((m) => m[1]);
    assert.deepEqual([...listedIds].sort(), fieldTablets.map((p) => p.id).sort(), `both candidates are listed with their ids:\n${question}`);

    const answered = await teams.say(alice, '2', thread);
    assert.equal(cardsIn(answered.replies).length, 1, `a card after choosing; the bot said: ${textsOf(answered.replies).join(' | ')}`);
    const facts = cardFacts(teams.approvalCard(thread).card);
    assert.ok(Object.values(facts).includes(listedIds[1]), `the second listed profile (${listedIds[1]}) was chosen: ${JSON.stringify(facts)}`);
  });

  it('several profiles: answering with a profile id picks it, and a wrong answer is asked again', async function () {
    const { teams, sim } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const drivers = [...sim.graph.profiles.values()].filter((p) => p.displayName.toLowerCase() === 'delivery drivers');
    assert.equal(drivers.length, 2);

    const asked = await teams.say(alice, 'revoke "Delivery Drivers" Driver phone lost', thread);
    assert.match(textsOf(asked.replies).join('\n'), /Several enrollment profiles match/);

    const wrong = await teams.say(alice, '7', thread);
    assert.equal(cardsIn(wrong.replies).length, 0);
    assert.match(textsOf(wrong.replies).join('\n'), /Reply with a number from 1 to 2/);

    const chosen = drivers[1];
    const answered = await teams.say(alice, chosen.id, thread);
    assert.equal(cardsIn(answered.replies).length, 1, `a card after choosing by id; the bot said: ${textsOf(answered.replies).join(' | ')}`);
    assert.ok(Object.values(cardFacts(teams.approvalCard(thread).card)).includes(chosen.id));
  });

  it('an unknown profile gets a clear answer naming what was searched', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(alice, 'revoke "Kiosk Atlantis" it was hacked', thread);
    assert.equal(cardsIn(replies).length, 0);
    const text = textsOf(replies).join('\n');
    assert.match(text, /No enrollment profile has the id or name "Kiosk Atlantis"/);
    assert.match(text, /by id and by exact display name/);
    assert.equal(world.sim.graph.revokeCalls().length, 0);
  });

  it('a profile named by its id works, quoted or not', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const id = world.profileId('Nurse Phones');
    await teams.openRequest(alice, id, 'Ward 3 phone stolen', thread); // quoted id
    assert.ok(Object.values(cardFacts(teams.approvalCard(thread).card)).includes('Nurse Phones'));

    const other = channelThread(OUR_TENANT_ID);
    const { replies } = await teams.say(alice, `revoke ${world.profileId('Hospital Carts')} cart stolen from ward 5`, other);
    assert.equal(cardsIn(replies).length, 1, `unquoted id gives a card; the bot said: ${textsOf(replies).join(' | ')}`);
    assert.ok(Object.values(cardFacts(teams.approvalCard(other).card)).includes('Hospital Carts'));
  });

  it('someone who may not request is told so, and nothing is looked up', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(dave, 'revoke "Kiosk Porto" I think it leaked', thread);
    assert.deepEqual(textsOf(replies), [
      'You are not allowed to ask for token revokes. Ask your Intune administrators to add you to the Token Guard requesters.',
    ]);
    assert.equal(world.sim.graph.calls.length, 0, 'no Graph lookup for a refused request');
  });

  it('a request from another tenant is dropped (403, no reply), even with a requester\'s object id', async function () {
    const thread = channelThread(OTHER_TENANT_ID);
    const answer = await world.teams.post(world.teams.messageActivity(alice, 'revoke "Kiosk Porto" I think it leaked', thread));
    assert.equal(answer.status, 403);
    assert.deepEqual(world.teams.replies(thread), []);
    assert.equal(world.sim.graph.calls.length, 0);
  });

  it('a second request for a profile with an open request points to the open one', async function () {
    const { teams } = world;
    const first = await teams.openRequest(alice, 'Test – Do Not Use', 'Sandbox token leaked', channelThread(OUR_TENANT_ID));
    const { replies } = await teams.say(carol, 'revoke "Test – Do Not Use" same leak, reported again', channelThread(OUR_TENANT_ID));
    assert.equal(cardsIn(replies).length, 0, 'no second card');
    const text = textsOf(replies).join('\n');
    assert.match(text, /A revoke request for profile "Test – Do Not Use" is already open/);
    assert.ok(text.includes(first.requestId), 'it names the open request');
    assert.match(text, /asked by Alice Admin/);
  });

  it('`cancel` stops a question and nothing is requested', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    await teams.say(alice, 'revoke "Kiosk Faro"', thread);
    const stopped = await teams.say(alice, 'cancel', thread);
    assert.deepEqual(textsOf(stopped.replies), ['OK, I stopped. Nothing was requested.']);
    const after = await teams.say(alice, 'some justification that arrives too late', thread);
    assert.equal(cardsIn(after.replies).length, 0, 'the dialog is over: the text is not taken as a justification');
    assert.match(textsOf(after.replies).join('\n'), /I don't know the command "some"/);
  });
});
