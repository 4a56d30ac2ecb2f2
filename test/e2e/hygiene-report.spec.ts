/**
 * `report` over HTTP against the seeded tenant (tools/simulator/seed-profiles.ts and
 * seed-work-profiles.ts place profiles of both kinds in each category relative to the simulator's clock): the heading counts and the rows with their
 * reasons, one row per token, approvers only with its own reason, audited, paged with Show more,
 * and Request revoke starting the same flow as on the list card.
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, carol, dave, OUR_TENANT_ID } from '../support/cast';
import { readAudit } from '../support/stored-records';
import { answerText, channelThread, personalChat } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

function cardIn(replies: { activity: Record<string, unknown> }[]): Card {
  const cards = replies.map((r) => cardOf(r.activity)).filter((c): c is Card => c !== undefined);
  assert.equal(cards.length, 1, `one card among ${replies.length} replies`);
  return cards[0];
}

/** The rows of the card, by profile name: the reasons line of each. */
function reasonsByName(text: string, names: readonly string[]): Record<string, string> {
  const lines = text.split('\n');
  return Object.fromEntries(
    names.map((name) => {
      const at = lines.indexOf(name);
      assert.ok(at >= 0, `"${name}" is listed:\n${text}`);
      // name, details, expiry, reasons, button
      return [name, lines[at + 3]];
    }),
  );
}

describe('e2e: report (token hygiene)', function () {
  describe('with the default thresholds', function () {
    const world = useTokenGuard();

    it('shows the four categories from the seeded tenant, each token once with all its reasons, and audits the post', async function () {
      const thread = channelThread(OUR_TENANT_ID);
      const card = cardIn((await world.teams.say(bob, 'report', thread)).replies);
      const text = cardText(card);
      assert.match(text, /^Token hygiene report$/m);
      assert.match(text, /Renew soon \(expire within 14 days\)\n4\n/);
      assert.match(text, /Active on a profile with no enrolled device\n3\n/);
      assert.match(text, /Created more than 180 days ago\n2\n/);
      assert.match(text, /Valid for more than 90 days from now\n5\n/);
      assert.match(text, /Asked for by Bob Approver/);
      assert.match(text, /Tokens 1–10 of 11/);
      const why = reasonsByName(text, [
        'Engineering Pilot',
        'Test – Do Not Use',
        'Hospital Carts',
        'Work Profile Contractors',
        'New Hires Onboarding',
        'Partner BYOD',
        'Lobby Signage',
        'Legacy Scanners',
        'Meeting Room Panels',
        'Teams Rooms Android',
      ]);
      assert.equal(why['Engineering Pilot'], 'expires today: renew soon (rotate)');
      assert.match(why['Hospital Carts'], /^expires in (9|10) days: renew soon \(rotate\)$/);
      assert.equal(why['New Hires Onboarding'], 'no enrolled device: nobody needs this token');
      assert.match(why['Lobby Signage'], /^no enrolled device: nobody needs this token · created 300 days ago · valid for 399 more days$/);
      assert.equal(why['Legacy Scanners'], 'created 200 days ago');
      assert.match(why['Work Profile Contractors'], /^expires in (11|12) days: renew soon \(rotate\)$/);
      assert.equal(why['Partner BYOD'], 'no enrolled device: nobody needs this token · valid for 199 more days', 'a work profile is never "old": Intune does not say when its token was made');
      assert.equal(why['Teams Rooms Android'], 'valid for 199 more days');
      // Just outside each boundary: 15 days left, exactly 90 days left, no token, expired.
      for (const absent of ['Quiosque Recife', 'HR Tablets', 'Digital Signage Braga', 'Kiosk Faro', 'Kiosk Porto']) {
        assert.ok(!text.split('\n').includes(absent), `${absent} is not listed`);
      }
      assert.ok(text.indexOf('\nEngineering Pilot\n') < text.indexOf('\nHospital Carts\n'), 'soonest expiry first');
      assert.ok(text.indexOf('\nHospital Carts\n') < text.indexOf('\nNew Hires Onboarding\n'), 'renew soon before the rest');
      assert.match(text, /\nEngineering Pilot\nAndroid Device Owner · Fully managed · 4 enrolled devices\n/);
      assert.match(text, /\nPartner BYOD\nAndroid work profile · 0 enrolled devices\n/);
      assert.match(text, /Token expires \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
      const buttons = cardButtons(card);
      assert.equal(buttons.filter((b) => b.verb === 'request-revoke').length, 10);
      const more = buttons.find((b) => b.verb === 'report-more');
      assert.ok(more, 'Show more: the eleventh token is on the next page');
      const second = (await world.teams.click(bob, 'report-more', undefined, { conversation: thread, data: more.data })).body.value as Card;
      assert.match(cardText(second), /Tokens 11–11 of 11/);
      assert.deepEqual(reasonsByName(cardText(second), ['COPE Sales']), { 'COPE Sales': 'valid for 299 more days' });
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28_000);
      const profile = world.profile('Hospital Carts');
      for (const secret of [profile.tokenValue, profile.wifiPassword, profile.qrCodeContent]) assert.ok(secret && !JSON.stringify(card).includes(secret));

      const posted = readAudit(world.bot.dataDir).filter((e) => e.action === 'report.posted');
      assert.equal(posted.length, 1, 'Show more is no new post');
      assert.equal(posted[0].actorId, bob.aadObjectId);
      assert.equal(posted[0].outcome, 'asked');
      const active = [...world.sim.graph.profiles.values()].filter((p) => p.tokenValue !== null && Date.parse(p.tokenExpirationDateTime) > Date.now()).length;
      const activeWork = [...world.sim.graph.workProfiles.values()].filter((p) => p.tokenValue !== null && Date.parse(p.tokenExpirationDateTime) > Date.now()).length;
      assert.equal(posted[0].detail, `11 of ${active + activeWork} active tokens listed (expiring=4 no-devices=3 old=2 long-lived=5) in ${thread.id}`);
    });

    it('answers in Portuguese to relatório too', async function () {
      const card = cardIn((await world.teams.say(alice, 'relatório', personalChat(OUR_TENANT_ID, alice))).replies);
      assert.match(cardText(card), /Renew soon \(expire within 14 days\)\n4\n/, 'an en-US client reads it in English');
    });

    it('a requester who is not an approver, and an outsider, are refused with the reason; nothing is posted or audited as posted', async function () {
      const postedBefore = readAudit(world.bot.dataDir).filter((e) => e.action === 'report.posted').length;
      for (const user of [carol, dave]) {
        const { replies } = await world.teams.say(user, 'report', channelThread(OUR_TENANT_ID));
        assert.equal(replies.length, 1);
        assert.equal(cardOf(replies[0].activity), undefined, 'no card');
        assert.equal(replies[0].activity.text, 'Only Token Guard approvers can ask for the token hygiene report.');
      }
      const forged = await world.teams.click(carol, 'report-more', undefined, { conversation: channelThread(OUR_TENANT_ID), data: { page: 1 } });
      assert.equal(answerText(forged.body), 'Only Token Guard approvers can ask for the token hygiene report.');
      assert.equal(readAudit(world.bot.dataDir).filter((e) => e.action === 'report.posted').length, postedBefore);
      assert.ok(readAudit(world.bot.dataDir).some((e) => e.action === 'access.denied' && e.actorId === carol.aadObjectId));
    });

    it('Request revoke on a report row asks for a justification; the answer opens the request for approval', async function () {
      const { teams, sim } = world;
      const thread = channelThread(OUR_TENANT_ID);
      const card = cardIn((await teams.say(bob, 'report', thread)).replies);
      const lobby = world.profileId('Lobby Signage');
      const button = cardButtons(card).find((b) => b.verb === 'request-revoke' && (b.data as { profileId?: string }).profileId === lobby);
      assert.ok(button, 'Lobby Signage has a Request revoke button');
      // Carol may ask for revokes: the button works for her as on the list card.
      const click = await teams.click(carol, 'request-revoke', undefined, { conversation: thread, data: button.data });
      assert.match(answerText(click.body), /Revoke "Lobby Signage": I asked for a justification in the chat/);
      await teams.waitForReply(thread, /Why should the token of profile "Lobby Signage" be revoked\?/);
      await teams.say(carol, 'Nobody enrolls with it; it only waits to leak', thread);
      const sent = teams.approvalCard(thread);
      assert.match(cardText(sent.card), /Lobby Signage/);
      const approved = await teams.click(bob, 'approve', sent.requestId);
      assert.match(answerText(approved.body), /Approved by Bob Approver/);
      await teams.waitForReply(thread, /^Token of profile "Lobby Signage" revoked at/, 20_000);
      assert.equal(sim.graph.revokeCalls(lobby).length, 1);
      const after = cardText(cardIn((await teams.say(bob, 'report', thread)).replies));
      assert.ok(!after.split('\n').includes('Lobby Signage'), 'a revoked token is no longer listed');
      assert.match(after, /Tokens 1–10 of 10/);
    });
  });

  describe('when long (HYGIENE_LONG_LIVED_DAYS=1: almost every token)', function () {
    const world = useTokenGuard({ env: { HYGIENE_LONG_LIVED_DAYS: '1' } });

    it('pages like list: Show more answers the next page as the clicker\'s copy; a forged page is refused', async function () {
      const chat = personalChat(OUR_TENANT_ID, bob);
      const first = cardIn((await world.teams.say(bob, 'report', chat)).replies);
      assert.match(cardText(first), /Valid for more than 1 days from now\n[23][0-9]\n/);
      assert.match(cardText(first), /Tokens 1–10 of [23][0-9]/);
      const more = cardButtons(first).find((b) => b.verb === 'report-more');
      assert.ok(more, 'Show more');
      const click = await world.teams.click(bob, 'report-more', undefined, { conversation: chat, data: more.data });
      const second = click.body.value as Card;
      assert.match(cardText(second), /Tokens 11–20 of [23][0-9]/);
      assert.equal(cardButtons(second).filter((b) => b.verb === 'request-revoke').length, 10);
      const forged = await world.teams.click(bob, 'report-more', undefined, { conversation: chat, data: { page: 'all' } });
      assert.match(answerText(forged.body), /That button sent nothing I can use/);
    });
  });
});
