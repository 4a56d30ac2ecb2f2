/**
 * Android work-profile enrollment profiles (androidForWorkEnrollmentProfiles) over real HTTP: `list`
 * and `show` name their kind, `revoke` of one goes through the two-person flow and calls revokeToken
 * on the work-profile collection once; no Graph call ever asks a kind for a property it lacks.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardFacts, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { linesLeakingSecrets } from '../support/bot-process';
import { channelThread, groupChat, sameConversation } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const WORK = '/beta/deviceManagement/androidForWorkEnrollmentProfiles';
const DEVICE_OWNER_ONLY = /enrollmentMode|tokenCreationDateTime|enrollmentTokenUsageCount|wifi|roleScopeTagIds|deviceNameTemplate|isTeamsDeviceProfile|enrollmentTokenType/i;

describe('e2e: work-profile enrollment profiles', function () {
  const world = useTokenGuard();

  const cardsOf = (replies: { activity: Record<string, unknown> }[]): Card[] => replies.map((r) => cardOf(r.activity)).filter((c): c is Card => Boolean(c));
  function noBadSelect(): void {
    const refused = world.sim.graph.calls.filter((c) => c.status === 400);
    assert.deepEqual(refused.map((c) => `${c.path}?$select=${c.query.$select}`), [], 'no Graph call was refused (a $select of a missing property answers 400)');
    for (const call of world.sim.graph.calls.filter((c) => c.path.startsWith(WORK) && c.method === 'GET')) {
      assert.doesNotMatch(call.query.$select ?? '', DEVICE_OWNER_ONLY, `${call.path} selected a Device Owner-only property`);
      assert.doesNotMatch(call.query.$select ?? '', /tokenValue|qrCode/i, 'secrets are never selected');
    }
  }

  it('list shows both kinds (each paged through), each row naming its kind, with no usage count and no mode for work profiles', async function () {
    // First in this file: the bot has no cached listing yet, so it pages through both collections now.
    world.sim.graph.setPageSize(2);
    const conversation = groupChat(OUR_TENANT_ID);
    const [card] = cardsOf((await world.teams.say(alice, 'list work profile', conversation)).replies);
    assert.ok(card, 'a list card');
    const text = cardText(card);
    const sales = world.workProfile('Work Profile Sales Staff');
    assert.match(text, /Work Profile Sales Staff\nAndroid work profile · 310 enrolled devices\n/);
    assert.match(text, /Work Profile Interns\nAndroid work profile · 0 enrolled devices\nNo token/);
    assert.ok(cardButtons(card).some((b) => b.verb === 'request-revoke' && b.data?.profileId === sales.id));
    assert.match(text, /1–6 of 6 with "work profile" in the name/);
    const workPages = world.sim.graph.calls.filter((c) => c.method === 'GET' && c.path === WORK);
    assert.equal(workPages.length, Math.ceil(world.sim.graph.workProfiles.size / 2), 'every page of the work-profile collection');
    assert.ok(workPages.slice(1).every((c) => c.query.$skiptoken), 'through @odata.nextLink');
    const all = cardText(cardsOf((await world.teams.say(alice, 'list', conversation)).replies)[0]);
    const total = world.sim.graph.profiles.size + world.sim.graph.workProfiles.size;
    assert.match(all, new RegExp(`1–10 of ${total}, sorted by name`), 'both collections are listed');
    assert.match(all, /Android Device Owner · Dedicated/);
    noBadSelect();
  });

  it('show <work profile>: its kind and its own facts, no Device Owner-only ones, no secret', async function () {
    const sales = world.workProfile('Work Profile Sales Staff');
    for (const query of ['"Work Profile Sales Staff"', sales.id]) {
      const conversation = groupChat(OUR_TENANT_ID);
      const [card] = cardsOf((await world.teams.say(alice, `show ${query}`, conversation)).replies);
      assert.ok(card, `a profile card for ${query}`);
      const facts = cardFacts(card);
      assert.equal(facts['Profile id'], sales.id);
      assert.equal(facts.Kind, 'Android work profile');
      assert.equal(facts['Enrolled devices'], '310');
      assert.equal(facts.Token, 'Active');
      assert.equal(facts.Description, 'Personal phones of the sales force');
      for (const absent of ['Enrollment mode', 'Wi-Fi', 'Scope tags', 'Token type', 'Teams device profile', 'Token created', 'AOSP devices enrolled with the current token']) {
        assert.equal(facts[absent], undefined, absent);
      }
      const serialized = JSON.stringify(card);
      for (const secret of [sales.tokenValue, sales.qrCodeContent, sales.qrCodeImage?.value]) assert.ok(secret && !serialized.includes(secret));
    }
    const ptChat = groupChat(OUR_TENANT_ID);
    const before = world.sim.connector.activities.length;
    await world.teams.post({ ...world.teams.messageActivity(alice, `mostrar ${sales.id}`, ptChat), locale: 'pt-BR' });
    const pt = cardsOf(world.sim.connector.activities.slice(before).filter((a) => sameConversation(a, ptChat.id)))[0];
    assert.equal(cardFacts(pt)['Tipo de perfil'], 'Perfil de trabalho Android');
    const owner = cardFacts(cardsOf((await world.teams.say(alice, 'show "Kiosk Porto"', groupChat(OUR_TENANT_ID))).replies)[0]);
    assert.equal(owner.Kind, 'Android Device Owner');
    assert.equal(owner['Enrollment mode'], 'Dedicated');
    noBadSelect();
  });

  it('revoke <work profile>: Alice asks, Bob approves, revokeToken on androidForWorkEnrollmentProfiles once; every card names the kind', async function () {
    const { sim, teams } = world;
    const contractors = world.workProfile('Work Profile Contractors');
    const thread = channelThread(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Work Profile Contractors', 'QR code shared with a former contractor', thread);
    const facts = cardFacts(sent.card);
    assert.equal(facts.Kind, 'Android work profile');
    assert.equal(facts['Profile id'], contractors.id);
    assert.equal(facts['Enrollment mode'], undefined, 'a work profile has no enrollment mode');

    const pending = cardsOf((await teams.say(bob, 'pending', thread)).replies)[0];
    assert.match(cardText(pending), /Work Profile Contractors\nAndroid work profile · waiting for approval/);

    assert.equal((await teams.click(alice, 'approve', sent.requestId)).status, 200);
    assert.equal(sim.graph.revokeCalls().length, 0, 'the requester cannot approve');
    await teams.click(bob, 'approve', sent.requestId);
    const reply = await teams.waitForReply(thread, /revoked/i);
    const calls = sim.graph.revokeCalls();
    assert.deepEqual(calls.map((c) => [c.method, c.path, c.status]), [['POST', `${WORK}/${contractors.id}/revokeToken`, 204]]);
    assert.ok(String(reply.activity.text).includes(calls[0].requestId));
    assert.equal(sim.graph.workProfiles.get(contractors.id)?.tokenValue, null, 'the token is gone in Intune');
    const finalCard = await teams.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)));
    assert.equal(cardFacts(finalCard).Kind, 'Android work profile');

    const history = cardsOf((await teams.say(bob, 'history', thread)).replies)[0];
    assert.match(cardText(history), /Work Profile Contractors \(Android work profile\)/);
    const everything = JSON.stringify(sim.connector.activities.map((a) => a.activity));
    assert.ok(contractors.tokenValue && !everything.includes(contractors.tokenValue), 'the token never reached the chat');
    assert.deepEqual(linesLeakingSecrets(world.bot.output, [contractors.tokenValue!, contractors.qrCodeContent!]), []);
    noBadSelect();
  });
});
