/**
 * `history` fits Teams however long the trail: 25 requests with the longest justification and
 * cancel reason the bot accepts (50 entries, 44 KB on one card before paging) answer with a card
 * under the send limit and a **Show more** that pages through every entry exactly once, newest
 * first, in English and in Portuguese.
 */
import { strict as assert } from 'node:assert';
import type { RecordedActivity } from '../../tools/simulator/simulator-api';
import { ADAPTIVE_CARD, cardButtons, cardOf, cardText, type Card } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { channelThread, sameConversation, type Conversation } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { checkAdaptiveCard } from '../unit/cards/parse-adaptive-card';
import { MAX_ACTIVITY_BYTES } from '../../src/teams/outgoing-size-guard';
import { MAX_JUSTIFICATION_LENGTH } from '../../src/commands/parse-command';
import { REASON_MAX_LENGTH } from '../../src/approvals/text';

const REQUESTS = 25;
const PROFILES = ['Kiosk Lisbon', 'Kiosk Porto', 'Kiosk Faro', 'Warehouse Scanners', 'Staging Lab'];

/** `tag`, then three-byte characters up to `length` UTF-16 units: the longest text accepted, at its heaviest. */
const longText = (tag: string, length: number) => `${tag}: ${'語'.repeat(length - tag.length - 2)}`;

describe('e2e: history pages (Show more) and every page fits Teams', function () {
  const world = useTokenGuard();

  before(async function () {
    this.timeout(180_000);
    const { teams } = world;
    for (let i = 0; i < REQUESTS; i++) {
      const thread = channelThread(OUR_TENANT_ID);
      const sent = await teams.openRequest(alice, PROFILES[i % PROFILES.length], longText(`J${i}`, MAX_JUSTIFICATION_LENGTH), thread);
      const click = await teams.click(alice, 'cancel', sent.requestId, { inputs: { reason: longText(`C${i}`, REASON_MAX_LENGTH) } });
      assert.equal(click.status, 200);
    }
  });

  /** Newest first: each request's cancel, then its creation. */
  const EXPECTED = Array.from({ length: REQUESTS }, (_, k) => REQUESTS - 1 - k).flatMap((i) => [`C${i}`, `J${i}`]);

  const activityBytes = (activity: unknown) => Buffer.byteLength(JSON.stringify(activity), 'utf8');
  const tagsOf = (card: Card) => [...cardText(card).matchAll(/\b([CJ]\d+): 語/g)].map((m) => m[1]);

  function checked(card: Card): Card {
    const check = checkAdaptiveCard(card);
    assert.deepEqual([...check.parseEvents, ...check.validationEvents], [], 'the card parses as Adaptive Card 1.5');
    return card;
  }

  async function pageThrough(locale: string, words: { command: string; showMore: string; olderScope: RegExp }): Promise<void> {
    const { teams, sim } = world;
    const conversation: Conversation = channelThread(OUR_TENANT_ID);
    const before = sim.connector.activities.length;
    const answer = await teams.post({ ...teams.messageActivity(bob, words.command, conversation), locale });
    assert.ok(answer.status < 300, `HTTP ${answer.status}`);
    const replies: RecordedActivity[] = sim.connector.activities.slice(before).filter((a) => sameConversation(a, conversation.id));
    const withCard = replies.filter((r) => cardOf(r.activity));
    assert.equal(withCard.length, 1, `one card; the bot said: ${replies.map((r) => String(r.activity.text ?? '')).join(' | ')}`);
    assert.ok(activityBytes(withCard[0].activity) <= MAX_ACTIVITY_BYTES, `the reply is ${activityBytes(withCard[0].activity)} bytes`);
    let card = checked(cardOf(withCard[0].activity)!);

    const seen: string[] = [];
    for (let page = 0; ; page++) {
      assert.ok(page < 20, 'Show more ends');
      seen.push(...tagsOf(card));
      if (page > 0) assert.match(cardText(card), words.olderScope);
      const more = cardButtons(card).find((b) => b.verb === 'history-more');
      if (!more) break;
      assert.equal(more.title, words.showMore);
      const click = await teams.post({ ...teams.invokeActivity(bob, 'history-more', undefined, conversation, { data: more.data }), locale });
      assert.equal(click.status, 200);
      const body = click.body as { statusCode?: number; type?: string; value?: unknown };
      assert.equal(body.type, ADAPTIVE_CARD, `a card, not: ${JSON.stringify(body.value).slice(0, 300)}`);
      assert.ok(activityBytes(body) <= MAX_ACTIVITY_BYTES, `the invoke answer is ${activityBytes(body)} bytes`);
      card = checked(body.value as Card);
    }
    assert.deepEqual(seen, EXPECTED, 'every entry once, newest first, across the pages');
  }

  it('in English: `history 50` answers with a card under the limit, and Show more pages through all 50 entries', async function () {
    await pageThrough('en-US', { command: 'history 50', showMore: 'Show more', olderScope: /Older entries: \d+ to \d+, newest first/ });
  });

  it('in Portuguese: `historico 50` answers the same way, with Mostrar mais', async function () {
    await pageThrough('pt-BR', { command: 'historico 50', showMore: 'Mostrar mais', olderScope: /Registros mais antigos: \d+ a \d+/ });
  });

  it('`history` without n shows the newest 20 over two pages; a forged Show more is refused', async function () {
    const { teams, sim } = world;
    const conversation = channelThread(OUR_TENANT_ID);
    const before = sim.connector.activities.length;
    await teams.say(bob, 'history', conversation);
    let card = cardOf(sim.connector.activities.slice(before).find((a) => sameConversation(a, conversation.id) && cardOf(a.activity))!.activity)!;
    const seen = [...tagsOf(card)];
    for (let more = cardButtons(card).find((b) => b.verb === 'history-more'); more; more = cardButtons(card).find((b) => b.verb === 'history-more')) {
      card = (await teams.click(bob, 'history-more', undefined, { conversation, data: more.data })).body.value as Card;
      seen.push(...tagsOf(card));
    }
    assert.deepEqual(seen, EXPECTED.slice(0, 20));
    for (const data of [{ beforeSeq: 'DROP TABLE', shown: 10, limit: 20 }, { beforeSeq: 5, shown: 10, limit: 100_000 }, { beforeSeq: 5, shown: 0, limit: 20 }]) {
      const forged = await teams.click(bob, 'history-more', undefined, { conversation, data });
      assert.match(String(forged.body.value), /That button sent nothing I can use/, JSON.stringify(data));
    }
  });
});
