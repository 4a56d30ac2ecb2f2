/**
 * Every card fits Teams: each card template under src/ (found on disk, so a new one cannot be
 * forgotten) is rendered at its worst case (worst-case-cards.ts) in both languages, wrapped in the
 * activity Teams receives (a reply with a long conversation reference, and an invoke response),
 * and measured the way the send guard measures it. The guard (teams/outgoing-size-guard.ts) must
 * never have to fire for a card the bot builds.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CardFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { en, type Messages } from '../../../src/i18n/en';
import { ptBr } from '../../../src/i18n/pt-br';
import { MAX_ACTIVITY_BYTES, measuredBytes } from '../../../src/teams/outgoing-size-guard';
import { long, WORST_CASES } from './worst-case-cards';

const ROOT = path.resolve(__dirname, '../../../..');
const LANGUAGES: readonly [string, Messages][] = [
  ['en', en],
  ['pt-BR', ptBr],
];

/** Every *.json under src/ that is an Adaptive Card template, as a path from the repository root. */
function cardTemplates(dir = 'src'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...cardTemplates(relative));
    else if (entry.name.endsWith('.json') && (JSON.parse(readFileSync(path.join(ROOT, relative), 'utf8')) as { type?: unknown }).type === 'AdaptiveCard') found.push(relative);
  }
  return found.sort();
}

/** A reply in a channel thread as the bot sends it, every reference field long. */
const REFERENCE: Partial<ConversationReference> = {
  activityId: '1700000000000',
  user: { id: `29:${'u'.repeat(120)}`, name: long(128), aadObjectId: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' },
  bot: { id: `28:${'0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f'}`, name: 'Token Guard' },
  conversation: { id: `19:${'c'.repeat(60)}@thread.tacv2;messageid=1700000000000`, isGroup: true, conversationType: 'channel', tenantId: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f', name: long(128) },
  channelId: 'msteams',
  serviceUrl: `https://smba.trafficmanager.net/emea/${'0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f'}/`,
  locale: 'pt-BR',
};

function asReply(card: object): Partial<Activity> {
  return TurnContext.applyConversationReference({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }, REFERENCE);
}

function asInvokeResponse(card: object): Partial<Activity> {
  return { type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } };
}

describe('every card fits Teams (worst case, both languages)', () => {
  const templates = cardTemplates();

  it('finds the card templates on disk', () => {
    assert.ok(templates.includes('src/cards/approval-card.json'), `found: ${templates.join(', ')}`);
    assert.ok(templates.includes('src/doctor/doctor-card.json'), `found: ${templates.join(', ')}`);
  });

  it('has a worst case for every card template under src/', () => {
    const missing = templates.filter((template) => !WORST_CASES[template]);
    assert.deepEqual(missing, [], `card templates without a worst case in test/unit/cards/worst-case-cards.ts (WORST_CASES): ${missing.join(', ')}`);
    const stale = Object.keys(WORST_CASES).filter((template) => !templates.includes(template));
    assert.deepEqual(stale, [], `worst cases for templates that are not on disk: ${stale.join(', ')}`);
  });

  for (const template of templates) {
    for (const [language, messages] of LANGUAGES) {
      it(`${template} (${language}) stays under ${MAX_ACTIVITY_BYTES} bytes as a reply and as an invoke response`, function () {
        const worst = WORST_CASES[template];
        if (!worst) this.skip(); // reported by the test above, with the template's name
        const measured = worst(messages).map(({ label, card }) => ({ label, reply: measuredBytes(asReply(card)), invoke: measuredBytes(asInvokeResponse(card)) }));
        assert.ok(measured.length > 0, `${template}: the worst case renders no card`);
        const over = measured.filter((m) => m.reply > MAX_ACTIVITY_BYTES || m.invoke > MAX_ACTIVITY_BYTES);
        assert.deepEqual(over, [], `${template} (${language}) over ${MAX_ACTIVITY_BYTES} bytes: ${JSON.stringify(over)}`);
      });
    }
  }
});
