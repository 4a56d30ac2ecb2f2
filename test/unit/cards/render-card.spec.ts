import { strict as assert } from 'node:assert';
import { renderCard } from '../../../src/cards/render-card';

describe('renderCard', () => {
  const template = {
    type: 'AdaptiveCard',
    refresh: { $when: '${exists(refresh)}', verb: 'refresh', userIds: '${if(exists(refresh.userIds), refresh.userIds, null)}' },
    body: [
      { type: 'TextBlock', text: '${name}' },
      { type: 'TextBlock', $when: '${exists(optional)}', text: '${optional}' },
      { type: 'TextBlock', text: '{{DATE(${at}, SHORT)}}' },
    ],
  };

  it('binds values, and keeps {{DATE(…)}} around a binding for the client to format', () => {
    const card = renderCard(template, { name: 'Ana', at: '2024-05-01T10:00:00Z' }) as { body: { text: string }[] };
    assert.deepEqual(card.body.map((b) => b.text), ['Ana', '{{DATE(2024-05-01T10:00:00Z, SHORT)}}']);
  });

  it('drops what $when excludes, also object-valued properties (no "refresh": null)', () => {
    const card = renderCard(template, { name: 'Ana', at: 'x' });
    assert.ok(!('refresh' in card));
    assert.equal((card as { body: unknown[] }).body.length, 2);
  });

  it('treats an undefined optional field as absent rather than leaving ${…} in the card', () => {
    const card = renderCard(template, { name: 'Ana', at: 'x', optional: undefined, refresh: { userIds: undefined } });
    assert.ok(!JSON.stringify(card).includes('${'));
    assert.deepEqual((card as { refresh: object }).refresh, { verb: 'refresh' });
  });

  it('keeps an empty list (it can mean something, like userIds: [])', () => {
    const card = renderCard(template, { name: 'Ana', at: 'x', refresh: { userIds: [] } });
    assert.deepEqual((card as { refresh: object }).refresh, { verb: 'refresh', userIds: [] });
  });

  it('never expands templating syntax that arrives inside data', () => {
    const card = renderCard(template, { name: '${at} ${if(true, "a", "b")}', at: 'x' }) as { body: { text: string }[] };
    assert.equal(card.body[0].text, '${at} ${if(true, "a", "b")}');
  });
});
