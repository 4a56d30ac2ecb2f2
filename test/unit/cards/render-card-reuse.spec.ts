import { strict as assert } from 'node:assert';
import { renderCard } from '../../../src/cards/render-card';

/** renderCard parses each template once and reuses it (for speed): renders must still be independent. */
describe('renderCard, reusing a parsed template', () => {
  const template = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: '${name}' },
      { type: 'TextBlock', $when: '${exists(note)}', text: '${note}' },
      { type: 'FactSet', facts: [{ title: 'Devices', value: '${string(devices)}' }] },
    ],
  };
  type Rendered = { body: { text?: string; facts?: { value: string }[] }[] };

  it('binds each render to its own data, also after a different shape of data', () => {
    const first = renderCard(template, { name: 'Ana', note: 'urgent', devices: 3 }) as Rendered;
    const second = renderCard(template, { name: 'Bruno', devices: 7 }) as Rendered;
    assert.deepEqual(first.body.map((b) => b.text ?? b.facts?.[0].value), ['Ana', 'urgent', '3']);
    assert.deepEqual(second.body.map((b) => b.text ?? b.facts?.[0].value), ['Bruno', '7']);
  });

  it('gives every caller its own card: changing one changes neither the template nor the next render', () => {
    const first = renderCard(template, { name: 'Ana', devices: 1 }) as Rendered;
    first.body[0].text = 'changed';
    first.body[1].facts![0].value = 'changed';
    const second = renderCard(template, { name: 'Ana', devices: 1 }) as Rendered;
    assert.deepEqual(second.body.map((b) => b.text ?? b.facts?.[0].value), ['Ana', '1']);
    assert.equal(template.body[0].text, '${name}');
  });
});
