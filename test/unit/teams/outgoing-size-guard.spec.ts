import { strict as assert } from 'node:assert';
import { CardFactory, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { Texts } from '../../../src/i18n/texts';
import type { Logger } from '../../../src/support/logger';
import { ActivityTooLarge, assertWithinLimit, MAX_ACTIVITY_BYTES, measuredBytes, OutgoingSizeGuard } from '../../../src/teams/outgoing-size-guard';

/** A card whose activity is about `bytes` of JSON. */
function cardOf(bytes: number): object {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(bytes), wrap: true }] };
}

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

function guarded(logic: (context: TurnContext) => Promise<void>) {
  const { logger, lines } = recordingLogger();
  const adapter = new TestAdapter(logic);
  adapter.use(new OutgoingSizeGuard({ texts: new Texts(), logger }));
  return { adapter, lines };
}

describe('the outgoing size guard (teams/outgoing-size-guard.ts)', () => {
  it('measures the UTF-8 JSON of the activity, and of an invoke response its body', () => {
    const activity = { type: 'message', text: 'é' };
    assert.equal(measuredBytes(activity), Buffer.byteLength(JSON.stringify(activity), 'utf8'));
    assert.equal(measuredBytes({ type: 'invokeResponse', value: { status: 200, body: { a: '😀' } } }), Buffer.byteLength('{"a":"😀"}', 'utf8'));
  });

  it('lets an activity under the limit go unchanged, with no log line', async () => {
    const card = cardOf(20_000);
    const { adapter, lines } = guarded(async (context) => void (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] })));
    await adapter.send('history');
    const sent = adapter.activeQueue.shift()!;
    assert.deepEqual(sent.attachments?.[0].content, card);
    assert.deepEqual(lines, []);
  });

  it('sends a short plain text instead of a card over the limit, in the turn\'s language, and logs one line', async () => {
    const { adapter, lines } = guarded(async (context) => void (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(cardOf(40_000))] })));
    await adapter.send({ type: 'message', text: 'historico', locale: 'pt-BR' } as Partial<Activity>);
    const sent = adapter.activeQueue.shift()!;
    assert.equal(sent.attachments, undefined);
    assert.equal(sent.textFormat, 'plain');
    assert.match(sent.text!, /^Não consegui mostrar esta resposta: ela é maior do que o Teams aceita \(\d+ KB; o limite é de cerca de 28 KB\)/);
    assert.ok(measuredBytes(sent) < 2_000);
    assert.equal(adapter.activeQueue.length, 0);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].level, 'error');
    assert.equal(lines[0].fields?.limit, MAX_ACTIVITY_BYTES);
    assert.ok(Number(lines[0].fields?.bytes) > MAX_ACTIVITY_BYTES);
  });

  it('answers an invoke with a message instead of a card over the limit', async () => {
    const { adapter, lines } = guarded(async (context) => {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: cardOf(30_000) } } });
    });
    await adapter.send('click');
    const sent = adapter.activeQueue.shift()!;
    const body = (sent.value as { status: number; body: { statusCode: number; type: string; value: unknown } }).body;
    assert.equal((sent.value as { status: number }).status, 200);
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(body.value), /^I could not show this answer: it is larger than Teams accepts \(\d+ KB; the limit is about 28 KB\)/);
    assert.equal(lines.length, 1);
  });

  it('replaces an updated card over the limit by the text, keeping the activity id it updates', async () => {
    const { adapter, lines } = guarded(async (context) => {
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(cardOf(100))] });
      await context.updateActivity({ type: 'message', id: sent!.id, attachments: [CardFactory.adaptiveCard(cardOf(50_000))] });
    });
    await adapter.send('approve');
    assert.equal(adapter.activeQueue.length, 1);
    const updated = adapter.activeQueue[0];
    assert.equal(updated.attachments, undefined);
    assert.match(updated.text!, /larger than Teams accepts/);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].fields?.how, 'update');
  });

  it('measures a post that skips the turn hooks and refuses it when too large', () => {
    assert.doesNotThrow(() => assertWithinLimit({ type: 'message', attachments: [CardFactory.adaptiveCard(cardOf(10_000))] }));
    assert.throws(() => assertWithinLimit({ type: 'message', attachments: [CardFactory.adaptiveCard(cardOf(30_000))] }), ActivityTooLarge);
  });
});
