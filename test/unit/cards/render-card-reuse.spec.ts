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

  describe('with labels written in once per language', () => {
    const labelled = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${labels.title}' },
        { type: 'TextBlock', text: '${labels.title}: ${name}' },
        { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${labels.title}' }, { type: 'TextBlock', text: '${$root.labels.row}' }] },
      ],
    };
    type Labelled = { body: { text?: string; items?: { text: string }[] }[] };
    const texts = (card: Labelled) => card.body.flatMap((b) => (b.items ? b.items.map((i) => i.text) : [b.text]));

    it('renders each language with its own labels, alternating', () => {
      const rows = [{ labels: { title: 'item label' } }];
      const en = { labels: { title: 'Profile', row: 'Row' }, name: 'Ana', rows };
      const pt = { labels: { title: 'Perfil', row: 'Linha' }, name: 'Bruno', rows };
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(texts(renderCard(labelled, en) as Labelled), ['Profile', 'Profile: Ana', 'item label', 'Row']);
        assert.deepEqual(texts(renderCard(labelled, pt) as Labelled), ['Perfil', 'Perfil: Bruno', 'item label', 'Linha']);
      }
      assert.equal(labelled.body[0].text, '${labels.title}', 'the template itself is unchanged');
    });

    it('tells apart label sets that share some labels (one more, one fewer, one changed)', () => {
      const rows = [{ labels: { title: 'item label' } }];
      const render = (labels: Record<string, string>) => texts(renderCard(labelled, { labels, name: 'Ana', rows }) as Labelled);
      assert.deepEqual(render({ title: 'Profile', row: 'Row' }), ['Profile', 'Profile: Ana', 'item label', 'Row']);
      const fewer = render({ title: 'Profile' });
      assert.ok(!fewer.includes('Row'), `a label the data no longer has is not written in: ${fewer.join(' | ')}`);
      assert.deepEqual(render({ title: 'Profile', row: 'Row', extra: 'x' }), ['Profile', 'Profile: Ana', 'item label', 'Row']);
      assert.deepEqual(render({ title: 'Profile', row: 'Line' }), ['Profile', 'Profile: Ana', 'item label', 'Line']);
      assert.deepEqual(render({ title: 'Profile', row: 'Line' }), ['Profile', 'Profile: Ana', 'item label', 'Line']);
      assert.deepEqual(render({ row: 'Line', title: 'Perfil' }), ['Perfil', 'Perfil: Ana', 'item label', 'Line']);
    });

    it('never parses a label as a template', () => {
      const card = renderCard(labelled, { labels: { title: '${name}', row: '{{DATE(x)}}' }, name: 'Ana', rows: [] }) as Labelled;
      assert.deepEqual(texts(card), ['${name}', '${name}: Ana']);
    });
  });
});
