/**
 * `rotate <profile> <justification>` over real HTTP with two admins, for both kinds of profile:
 * Alice asks, her own Approve is refused, Bob approves; the simulator records exactly one
 * revokeToken, then one createToken with {"tokenValidityInSeconds": ROTATE_TOKEN_DAYS × 86,400},
 * then one GET of the profile; the thread is told the old token is dead and when the new one
 * expires, and neither the new token nor its QR code appears anywhere (chat, cards, log).
 */
import { strict as assert } from 'node:assert';
import { cardButtons, cardFacts, cardOf, cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { linesLeakingSecrets } from '../support/bot-process';
import { readAudit, readRequest } from '../support/stored-records';
import { channelThread, groupChat, sameConversation, type Conversation } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { executorCalls, utc } from '../support/rotation-calls';

/** Not the default: proves the setting reaches createToken. */
const ROTATE_TOKEN_DAYS = 7;
const SECONDS = ROTATE_TOKEN_DAYS * 86_400;

describe('e2e: rotate', function () {
  const world = useTokenGuard({ env: { ROTATE_TOKEN_DAYS: String(ROTATE_TOKEN_DAYS) } });

  for (const [kind, collection, profileName, conversationOf] of [
    ['Device Owner', 'androidDeviceOwnerEnrollmentProfiles', 'Kiosk Lisbon Airport', () => channelThread(OUR_TENANT_ID)],
    ['work-profile', 'androidForWorkEnrollmentProfiles', 'Work Profile Engineering', () => groupChat(OUR_TENANT_ID)],
  ] as const) {
    it(`rotates a ${kind} profile with two admins: revokeToken once, createToken once with the right body, then one GET`, async function () {
      const { sim, teams } = world;
      const conversation: Conversation = conversationOf();
      const before = kind === 'Device Owner' ? world.profile(profileName) : world.workProfile(profileName);
      const base = `/beta/deviceManagement/${collection}/${before.id}`;

      const asked = await teams.say(alice, `rotate "${profileName}" QR codes reprinted after a leak, INC-88`, conversation);
      const card = asked.replies.map((r) => cardOf(r.activity)).find(Boolean);
      assert.ok(card, `an approval card; the bot said:\n${teams.transcript(conversation)}`);
      const rotation = teams.approvalCard(conversation);
      assert.match(cardText(rotation.card), /^Rotate an enrollment token\n/, 'titled as a rotation');
      const facts = cardFacts(rotation.card);
      assert.equal(facts['Profile id'], before.id);
      assert.equal(facts.Kind, kind === 'Device Owner' ? 'Android Device Owner' : 'Android work profile');
      assert.deepEqual(cardButtons(rotation.card).map((b) => b.title), ['Approve', 'Reject', 'Cancel request']);
      const stored = readRequest(world.bot.dataDir, rotation.requestId) as { operation?: string } | undefined;
      assert.equal(stored?.operation, 'rotate');
      assert.equal(sim.graph.revokeCalls().length + sim.graph.createTokenCalls().length, 0, 'nothing happens before approval');

      // Two people: Alice's own approval is refused and changes nothing.
      const own = await teams.click(alice, 'approve', rotation.requestId);
      assert.equal(own.status, 200);
      assert.equal(readRequest(world.bot.dataDir, rotation.requestId)?.state, 'pending');
      assert.equal(sim.graph.revokeCalls().length, 0);

      const click = await teams.click(bob, 'approve', rotation.requestId);
      assert.equal(click.status, 200);
      const reply = await teams.waitForReply(conversation, /rotated at/);
      const finalCard = await teams.waitForCardUpdate(rotation, (c) => /Token rotated/.test(cardText(c)));

      const calls = executorCalls(sim, before.id);
      assert.deepEqual(
        calls.map((c) => [c.method, c.path, c.status]),
        [
          ['POST', `${base}/revokeToken`, 204],
          ['POST', `${base}/createToken`, 204],
          ['GET', base, 200],
        ],
        'exactly revokeToken, createToken, then one GET',
      );
      assert.deepEqual(calls[1].body, { tokenValidityInSeconds: SECONDS });
      assert.equal(calls[0].body, undefined, 'revokeToken has no body');
      assert.ok(calls.every((c) => c.authorized));
      assert.ok(calls[0].at <= calls[1].at && calls[1].at <= calls[2].at);
      assert.doesNotMatch(calls[2].query.$select ?? '', /tokenValue|qrCode/i, 'the GET never reads the new token');

      const after = kind === 'Device Owner' ? world.profile(profileName) : world.workProfile(profileName);
      assert.ok(after.tokenValue && after.tokenValue !== before.tokenValue, 'Intune has a new token');
      const text = String(reply.activity.text);
      assert.match(text, new RegExp(`Token of profile "${profileName}" \\(${kind === 'Device Owner' ? 'Android Device Owner' : 'Android work profile'}\\) rotated at`));
      assert.match(text, /The old token is dead/);
      assert.ok(text.includes(`The new token expires on ${utc(after.tokenExpirationDateTime)}.`), text);
      assert.match(text, /fetches the new QR code from the Intune admin center/);
      assert.ok(text.includes(sim.graph.revokeCalls(before.id)[0].requestId) && text.includes(sim.graph.createTokenCalls(before.id)[0].requestId), 'both Graph request-ids');
      const expiryMs = Date.parse(after.tokenExpirationDateTime) - calls[1].at;
      assert.ok(Math.abs(expiryMs - SECONDS * 1000) < 5_000, `the new token lives ${ROTATE_TOKEN_DAYS} days`);

      assert.match(cardText(finalCard), /^Rotate an enrollment token\n/);
      assert.match(cardText(finalCard), /The old token no longer works/);
      assert.ok(cardFacts(finalCard)['New token expires']?.includes(after.tokenExpirationDateTime.replace(/\.\d{3}Z$/, 'Z')), JSON.stringify(cardFacts(finalCard)));

      // The new token and QR code: nowhere in chat, on no card, in no log line.
      const everything = JSON.stringify(sim.connector.activities.map((a) => a.activity));
      for (const secret of [after.tokenValue, after.qrCodeContent, after.qrCodeImage?.value]) {
        assert.ok(secret && !everything.includes(secret), 'a secret of the new token reached the chat');
      }
      assert.deepEqual(linesLeakingSecrets(world.bot.output, [after.tokenValue, after.qrCodeContent!, after.qrCodeImage!.value]), []);

      const audit = readAudit(world.bot.dataDir, rotation.requestId);
      assert.deepEqual(
        audit.map((e) => [e.action, e.outcome]),
        [
          ['request.created', 'rotate'],
          ['access.denied', 'self-approval'],
          ['request.approved', undefined],
          ['revoke.started', undefined],
          ['rotate.revoked', 'succeeded'],
          ['rotate.created', 'succeeded'],
          ['revoke.succeeded', 'succeeded'],
        ],
      );
    });
  }

  it('rotacionar in Portuguese: the question, the card and the result', async function () {
    const { sim, teams } = world;
    const conversation = groupChat(OUR_TENANT_ID);
    const profile = world.workProfile('Perfil de Trabalho Atendimento');
    const dizer = async (text: string) => {
      const before = sim.connector.activities.length;
      await teams.post({ ...teams.messageActivity(alice, text, conversation), locale: 'pt-BR' });
      return sim.connector.activities.slice(before).filter((a) => sameConversation(a, conversation.id));
    };
    const question = await dizer('rotacionar "Perfil de Trabalho Atendimento"');
    assert.match(question.map((a) => String(a.activity.text ?? '')).join('\n'), /Por que o token do perfil "Perfil de Trabalho Atendimento" deve ser rotacionado\?/);
    await dizer('QR code exposto numa rede social');
    const sent = teams.approvalCard(conversation);
    assert.match(cardText(sent.card), /^Rotacionar um token de registro\n/);
    assert.equal(cardFacts(sent.card)['Tipo de perfil'], 'Perfil de trabalho Android');
    await teams.click(bob, 'approve', sent.requestId);
    const reply = await teams.waitForReply(conversation, /rotacionado em/);
    const after = world.workProfile('Perfil de Trabalho Atendimento');
    const text = String(reply.activity.text);
    assert.ok(text.includes(`O novo token expira em ${utc(after.tokenExpirationDateTime)}.`), text);
    assert.match(text, /pega o novo QR code no centro de administração do Intune/);
    assert.ok(after.tokenValue && !text.includes(after.tokenValue));
    assert.equal(sim.graph.createTokenCalls(profile.id).length, 1);
  });

  it('a createToken that fails after the revoke says the old token is dead and no new one exists', async function () {
    const { sim, teams } = world;
    const conversation = groupChat(OUR_TENANT_ID);
    const profile = world.profile('Pharmacy Kiosks');
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profile.id}/createToken`, intune: 'forbidden' });
    await teams.say(alice, 'rotate "Pharmacy Kiosks" token found on a public wiki', conversation);
    const sent = teams.approvalCard(conversation);
    await teams.click(bob, 'approve', sent.requestId);
    const reply = await teams.waitForReply(conversation, /failed at/);
    const text = String(reply.activity.text);
    assert.match(text, /The old token was revoked at .* \(it no longer works\), but no new token was created\./);
    assert.match(text, /Ask again with `rotate`/);
    const card = await teams.waitForCardUpdate(sent, (c) => /Rotation failed/.test(cardText(c)));
    assert.match(cardText(card), /The old token was revoked \(it no longer works\), but no new token was created\./);
    assert.equal(sim.graph.revokeCalls(profile.id).length, 1);
    assert.deepEqual(sim.graph.createTokenCalls(profile.id).map((c) => c.status), [403]);
    assert.equal(executorCalls(sim, profile.id).filter((c) => c.method === 'GET').length, 0, 'no GET after a failed create');
    assert.deepEqual(readAudit(world.bot.dataDir, sent.requestId).map((e) => e.action).slice(-2), ['rotate.revoked', 'revoke.failed']);

    // Asked again, the rotation revokes (harmless) and creates.
    sim.graph.clearFaults();
    await teams.say(alice, 'rotate "Pharmacy Kiosks" token found on a public wiki, second try', conversation);
    const again = teams.approvalCard(conversation);
    assert.notEqual(again.requestId, sent.requestId);
    await teams.click(bob, 'approve', again.requestId);
    await teams.waitForReply(conversation, /rotated at/);
    assert.deepEqual(sim.graph.createTokenCalls(profile.id).map((c) => c.status), [403, 204]);
  });

  it('help lists rotate in both languages', async function () {
    const conversation = groupChat(OUR_TENANT_ID);
    const english = (await world.teams.say(alice, 'help', conversation)).replies.map((r) => String(r.activity.text)).join('\n');
    assert.match(english, /`rotate <profile> \[justification\]`/);
    assert.match(english, /`rotacionar`/);
    const before = world.sim.connector.activities.length;
    await world.teams.post({ ...world.teams.messageActivity(alice, 'ajuda', conversation), locale: 'pt-BR' });
    const portuguese = world.sim.connector.activities.slice(before).map((a) => String(a.activity.text ?? '')).join('\n');
    assert.match(portuguese, /`rotacionar <perfil> \[justificativa\]`/);
    assert.match(portuguese, /`rotate`/);
  });
});
