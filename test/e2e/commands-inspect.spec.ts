/**
 * The reading commands in all three conversation types: list, show, pending, cancel <request>,
 * history, whoami; and bad input answered clearly (unknown profile, unknown request, someone else's
 * request, empty command, a 10,000-character message).
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardFacts, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, carol, dave, OUR_TENANT_ID } from '../support/cast';
import { readRequest } from '../support/stored-records';
import { answerText, channelThread, groupChat, personalChat, type Conversation } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { checkAdaptiveCard } from '../unit/cards/parse-adaptive-card';

describe('e2e: list, show, pending, cancel, history, whoami', function () {
  const world = useTokenGuard();

  const kinds: [string, () => Conversation][] = [
    ['channel', () => channelThread(OUR_TENANT_ID)],
    ['group chat', () => groupChat(OUR_TENANT_ID)],
    ['personal chat', () => personalChat(OUR_TENANT_ID, alice)],
  ];

  const textsOf = (replies: { activity: Record<string, unknown> }[]) => replies.map((r) => String(r.activity.text ?? ''));
  function onlyCard(replies: { activity: Record<string, unknown> }[]): Card {
    const cards = replies.map((r) => cardOf(r.activity)).filter((c): c is Card => Boolean(c));
    assert.equal(cards.length, 1, `one card expected; the bot said: ${textsOf(replies).join(' | ')}`);
    const check = checkAdaptiveCard(cards[0]);
    assert.deepEqual([...check.parseEvents, ...check.validationEvents], [], 'the card parses as Adaptive Card 1.5');
    assert.ok(!JSON.stringify(cards[0]).includes('${'), 'no unexpanded template binding');
    return cards[0];
  }
  const SECRETS = ['Scan!Wh-2024-secret', 'tokenValue', 'qrCode', 'wifiPassword'];
  /**
   * The $select of every details GET the bot made for a `show` in this world: the bot reuses a
   * profile's details for a minute (cached-profile-catalog.ts), so only the first `show` of a
   * profile asks Graph, whichever conversation kind runs first.
   */
  const detailSelects: string[] = [];

  for (const [kind, open] of kinds) {
    describe(`in a ${kind}`, function () {
      it('list [text]: a sorted card with mode, token state, devices, uses and a Request revoke button per row', async function () {
        const conversation = open();
        const { replies } = await world.teams.say(alice, 'list kiosk', conversation);
        const card = onlyCard(replies);
        const text = cardText(card);
        const names = ['Kiosk Faro', 'Kiosk Lisbon', 'Kiosk Lisbon Airport', 'Kiosk Porto', 'Pharmacy Kiosks'];
        const positions = names.map((n) => text.indexOf(`\n${n}\n`));
        assert.ok(positions.every((p) => p >= 0), `every kiosk profile is listed:\n${text}`);
        assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sorted by name');
        assert.match(text, /1–5 of 5 with "kiosk" in the name/);
        assert.match(text, /Dedicated · 42 enrolled devices(?! ·)/, 'no usage count for a profile that is not AOSP');
        assert.doesNotMatch(text, /token used|times/);
        const aosp = cardText(onlyCard((await world.teams.say(alice, 'list aosp', conversation)).replies));
        assert.match(aosp, /AOSP userless · 14 enrolled devices · 14 AOSP devices enrolled with the current token/, 'Graph’s enrollmentTokenUsageCount, labelled as Microsoft documents it');
        assert.match(text, /Token active until \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
        assert.match(text, /Token expired/);
        const buttons = cardButtons(card);
        assert.equal(buttons.filter((b) => b.verb === 'request-revoke').length, 5);
        assert.deepEqual(buttons.find((b) => b.verb === 'request-revoke')?.data, { profileId: world.profileId('Kiosk Faro') });
        assert.ok(!buttons.some((b) => b.verb === 'list-more'), 'no "Show more" when everything is shown');
        for (const secret of SECRETS) assert.ok(!JSON.stringify(card).includes(secret), secret);
      });

      it('show <profile>: every non-secret field, no token, QR code or Wi-Fi password', async function () {
        const conversation = open();
        const { replies } = await world.teams.say(alice, 'show "Warehouse Scanners"', conversation);
        const card = onlyCard(replies);
        const facts = cardFacts(card);
        assert.equal(facts['Profile id'], world.profileId('Warehouse Scanners'));
        assert.equal(facts['Enrolled devices'], '230');
        assert.equal(facts.Token, 'Active');
        assert.match(facts['Token created'], /^\{\{DATE\(/);
        assert.match(facts['Token expires'], /^\{\{DATE\(/);
        assert.equal(facts['Wi-Fi'], 'WH-SCAN (wpa)');
        assert.equal(facts['Device name template'], 'WH-{{SERIAL}}');
        assert.match(cardText(card), /No open request\./);
        assert.match(cardText(card), /No revoke through Token Guard yet\./);
        const serialized = JSON.stringify(card);
        for (const secret of [...SECRETS, world.profile('Warehouse Scanners').tokenValue ?? 'no-token']) assert.ok(!serialized.includes(secret), secret);
        assert.deepEqual(cardButtons(card).map((b) => b.verb), ['request-revoke']);
        const select = world.sim.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith(world.profileId('Warehouse Scanners'))).map((c) => c.query.$select ?? '');
        detailSelects.push(...select);
        assert.ok(detailSelects.length > 0, 'the first show of the profile asked Graph for its details');
        assert.ok(detailSelects.every((s) => s !== '' && !/tokenValue|qrCode|wifiPassword/i.test(s)), `secret fields never selected: ${detailSelects.join(' | ')}`);
      });

      it('pending lists open requests; cancel <request> by the requester cancels it; history tells it', async function () {
        const { teams } = world;
        const conversation = open();
        const sent = await teams.openRequest(alice, 'Kiosk Porto', 'Tablet stolen, INC-1', conversation);

        const pending = onlyCard((await teams.say(bob, 'pending', kind === 'personal chat' ? personalChat(OUR_TENANT_ID, bob) : conversation)).replies);
        const text = cardText(pending);
        assert.match(text, /Kiosk Porto/);
        assert.match(text, /waiting for approval · Asked by Alice Admin · open for \d+ min/);
        assert.ok(Object.values(cardFacts(pending)).includes(sent.requestId));
        assert.deepEqual(
          cardButtons(pending).filter((b) => b.data?.requestId === sent.requestId).map((b) => b.verb),
          ['approve', 'cancel', 'refresh'],
        );

        const shown = onlyCard((await teams.say(alice, 'show "Kiosk Porto"', conversation)).replies);
        assert.equal(cardFacts(shown)['Request id'], sent.requestId, 'show names the open request');

        const cancelled = await teams.say(alice, `cancel ${sent.requestId}`, conversation);
        assert.match(textsOf(cancelled.replies).join('\n'), new RegExp(`Request \`${sent.requestId}\` to revoke profile "Kiosk Porto" is cancelled`));
        assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'cancelled');
        await teams.waitForCardUpdate(sent, (c) => /Cancelled/.test(cardText(c)));

        const history = onlyCard((await teams.say(bob, 'history "Kiosk Porto"', conversation)).replies);
        const lines = cardText(history);
        assert.ok(lines.indexOf('**Cancelled** · Alice Admin') < lines.indexOf('**Requested** · Alice Admin'), `newest first:\n${lines}`);
        assert.match(lines, /Tablet stolen, INC-1/);
        assert.ok(JSON.stringify(history).includes(sent.requestId), 'the request id is shown');
        assert.match(textsOf((await teams.say(alice, 'pending', conversation)).replies).join(''), /No revoke request is open\./);
      });

      it('whoami tells the object id and both roles with the reason', async function () {
        const conversation = open();
        const asAlice = textsOf((await world.teams.say(alice, 'whoami', conversation)).replies).join('\n');
        assert.match(asAlice, new RegExp(`Entra object id \`${alice.aadObjectId}\``));
        assert.match(asAlice, /You \*\*may request\*\* revokes/);
        assert.match(asAlice, /You \*\*may approve\*\* revokes: .*Never your own requests/);
        const asCarol = textsOf((await world.teams.say(carol, 'whoami', conversation)).replies).join('\n');
        assert.match(asCarol, /You \*\*may request\*\* revokes/);
        assert.match(asCarol, /You \*\*may not approve\*\* revokes: you are not one of the Token Guard approvers/);
      });

      it('doctor shows approvers the deployment checks as a card, and refuses everyone else', async function () {
        const conversation = open();
        const card = onlyCard((await world.teams.say(bob, 'doctor', conversation)).replies);
        const text = cardText(card);
        for (const check of ['Settings', 'Graph credential', 'Intune', 'Storage']) assert.match(text, new RegExp(check), text);
        assert.match(text, /✔/);
        const asCarol = textsOf((await world.teams.say(carol, 'doctor', conversation)).replies).join('\n');
        assert.match(asCarol, /Only Token Guard approvers can run the deployment checks/);
        assert.doesNotMatch(asCarol, /Graph credential/);
      });

      it('bad input is answered clearly', async function () {
        const { teams } = world;
        const conversation = open();
        const say = async (text: string, user = alice) => textsOf((await teams.say(user, text, conversation)).replies).join('\n');
        assert.match(await say('show "Kiosk Portu"'), /No enrollment profile has the id or name "Kiosk Portu".*Did you mean: "Kiosk Porto"/s);
        assert.match(await say('revoke "Kiosk Lisbn" stolen'), /Did you mean: "Kiosk Lisbon"/);
        assert.match(await say('cancel 00000000-dead-beef-0000-000000000000'), /I have no request `00000000-dead-beef-0000-000000000000`/);
        assert.match(await say('cancel ../../etc'), /I have no request/);
        assert.match(await say(''), /Send `help` to see what I can do/);
        assert.match(await say('x'.repeat(10_000)), /too long \(10000 characters; the limit is 2000\)/);
        assert.match(await say('lsit'), /I don't know the command "lsit"\. Did you mean `list`\?/);
        assert.match(await say('list zzzz-no-such-profile'), /No enrollment profile has "zzzz-no-such-profile" in its name/);
        assert.match(await say('show'), /Which profile\?/);
        assert.match(await say('list', dave), /Only Token Guard requesters and approvers can see/);
      });
    });
  }

  it("cancel <request> of someone else's request: refused for a non-approver, allowed for an approver", async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Nurse Phones', 'Phone lost on ward 2', thread);
    const refused = textsOf((await teams.say(carol, `cancel ${sent.requestId}`, thread)).replies).join('\n');
    assert.match(refused, /Only the person who asked for this revoke, or an approver, can cancel it/);
    assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'pending');
    const done = textsOf((await teams.say(bob, `cancel ${sent.requestId}`, thread)).replies).join('\n');
    assert.match(done, /is cancelled/);
    const again = textsOf((await teams.say(alice, `cancel ${sent.requestId}`, thread)).replies).join('\n');
    assert.match(again, /is already cancelled \(decided by Bob Approver/);
  });

  it('an approver approves from the pending card; the request card and thread get the result', async function () {
    const { teams, sim } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Hospital Carts', 'Cart stolen', thread);
    const chat = personalChat(OUR_TENANT_ID, bob);
    const pending = await teams.say(bob, 'pending', chat);
    const pendingCard = pending.replies.find((r) => cardOf(r.activity))!;
    const click = await teams.click(bob, 'approve', sent.requestId, { conversation: chat, replyToId: pendingCard.activityId });
    assert.match(answerText(click.body), /Approved by Bob Approver/);
    await teams.waitForReply(thread, /revoked/i);
    assert.equal(sim.graph.revokeCalls(world.profileId('Hospital Carts')).length, 1);
  });

  it('history without a profile shows the newest entries with Graph request-ids; n limits it', async function () {
    const { teams, sim } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const sent = await teams.openRequest(alice, 'Staging Lab', 'Reseller leaked the token', thread);
    await teams.click(bob, 'approve', sent.requestId);
    await teams.waitForReply(thread, /revoked/i);
    const graphRequestId = sim.graph.revokeCalls(world.profileId('Staging Lab'))[0].requestId;
    const card = onlyCard((await teams.say(bob, 'history 3', thread)).replies);
    const text = cardText(card);
    assert.match(text, /The newest 3 entries/);
    assert.match(text, /\*\*Token revoked\*\* · Token Guard/);
    assert.ok(Object.values(cardFacts(card)).includes(graphRequestId), 'the Graph request-id is shown');
    const shown = onlyCard((await teams.say(bob, 'show "Staging Lab"', thread)).replies);
    assert.match(cardText(shown), new RegExp(`Revoked .*${sent.requestId}.*${graphRequestId}`));
  });
});
