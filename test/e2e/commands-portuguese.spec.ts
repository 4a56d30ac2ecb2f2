/**
 * Brazilian Portuguese: a pt-BR Teams client gets Portuguese answers and cards, and the Portuguese
 * command words work in all three conversation types; the request card and thread replies follow
 * the requester's language.
 */
import { strict as assert } from 'node:assert';
import type { RecordedActivity } from '../../tools/simulator/simulator-api';
import { cardButtons, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID, type TeamsUser } from '../support/cast';
import { answerText, channelThread, groupChat, personalChat, sameConversation, type Conversation } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { checkAdaptiveCard } from '../unit/cards/parse-adaptive-card';

describe('e2e: Portuguese (pt-BR)', function () {
  const world = useTokenGuard();

  /** `user` writes `text` from a Teams client set to pt-BR; resolves with the bot's replies there. */
  async function dizer(user: TeamsUser, text: string, conversation: Conversation): Promise<RecordedActivity[]> {
    const before = world.sim.connector.activities.length;
    const activity = { ...world.teams.messageActivity(user, text, conversation), locale: 'pt-BR' };
    const answer = await world.teams.post(activity);
    assert.ok(answer.status < 300, `HTTP ${answer.status}`);
    return world.sim.connector.activities.slice(before).filter((a) => sameConversation(a, conversation.id));
  }
  const textOf = (replies: RecordedActivity[]) => replies.map((r) => String(r.activity.text ?? '')).join('\n');
  function cardIn(replies: RecordedActivity[]): Card {
    const card = replies.map((r) => cardOf(r.activity)).find(Boolean);
    assert.ok(card, `a card; the bot said: ${textOf(replies)}`);
    const check = checkAdaptiveCard(card);
    assert.deepEqual([...check.parseEvents, ...check.validationEvents], []);
    return card;
  }

  for (const [kind, open] of [
    ['channel', () => channelThread(OUR_TENANT_ID)],
    ['group chat', () => groupChat(OUR_TENANT_ID)],
    ['personal chat', () => personalChat(OUR_TENANT_ID, alice)],
  ] as [string, () => Conversation][]) {
    it(`in a ${kind}: ajuda, listar, mostrar, pendentes, historico, quemsoueu and bad input in Portuguese`, async function () {
      const conversation = open();
      assert.match(textOf(await dizer(alice, 'ajuda', conversation)), /`revogar <perfil> \[justificativa\]`/);
      const lista = cardIn(await dizer(alice, 'listar quiosque', conversation));
      assert.match(cardText(lista), /Quiosque Recife/);
      assert.match(cardText(lista), /Token ativo até \{\{DATE\(/);
      assert.deepEqual([...new Set(cardButtons(lista).map((b) => b.title))], ['Pedir revogação']);
      const perfil = cardIn(await dizer(alice, 'mostrar "Coletores Loja São Paulo"', conversation));
      assert.match(cardText(perfil), /Dispositivos registrados\n88/);
      assert.match(cardText(perfil), /Nenhuma solicitação aberta\./);
      assert.match(textOf(await dizer(alice, 'pendentes', conversation)), /Nenhuma solicitação de revogação está aberta\./);
      assert.match(textOf(await dizer(alice, 'quemsoueu', conversation)), /Você \*\*pode aprovar\*\* revogações/);
      assert.match(textOf(await dizer(alice, 'mostrar Quiosque Recif', conversation)), /Nenhum perfil de registro tem o id ou o nome "Quiosque Recif".*Você quis dizer: "Quiosque Recife"/s);
      assert.match(textOf(await dizer(alice, 'pendente', conversation)), /Não conheço o comando "pendente"\. Você quis dizer `pendentes`\?/);
      assert.match(textOf(await dizer(alice, 'cancelar nao-existe', conversation)), /Não tenho a solicitação `nao-existe`/);
      assert.match(textOf(await dizer(alice, 'y'.repeat(10_000), conversation)), /longa demais \(10000 caracteres/);
      assert.match(textOf(await dizer(alice, '', conversation)), /Envie `ajuda`/);
    });
  }

  it('revogar in Portuguese: the dialog, the card and the result are in Portuguese; English readers still click', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const asked = await dizer(alice, 'revogar "Quiosque Recife"', thread);
    assert.match(textOf(asked), /Por que o token do perfil "Quiosque Recife" deve ser revogado\?/);
    const answered = await dizer(alice, 'Quiosque roubado, chamado INC-77', thread);
    const card = cardIn(answered);
    assert.match(cardText(card), /Revogar um token de registro/);
    assert.deepEqual(cardButtons(card).map((b) => b.title), ['Aprovar', 'Rejeitar', 'Cancelar solicitação']);
    const sent = teams.approvalCard(thread);
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver/, "the clicker's answer is in the clicker's language (en-US)");
    await teams.waitForReply(thread, /^Token do perfil "Quiosque Recife" revogado em/);
    const historico = cardIn(await dizer(alice, 'histórico "Quiosque Recife" 5', thread));
    assert.match(cardText(historico), /\*\*Token revogado\*\* · Token Guard/);
    assert.match(cardText(historico), /Os 3 registros mais recentes do perfil "Quiosque Recife" \(Android Proprietário do Dispositivo\)/);
  });
});
