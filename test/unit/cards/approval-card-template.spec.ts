import { strict as assert } from 'node:assert';
import template from '../../../src/cards/approval-card.json';
import { allObjects } from '../../support/adaptive-card-reading';

describe('approval-card.json', () => {
  it('has no words of its own: every text a reader sees comes from the messages', () => {
    const textKeys = ['text', 'title', 'value', 'placeholder', 'label', 'fallbackText'];
    for (const node of allObjects(template)) {
      for (const key of textKeys) {
        const value = node[key];
        if (typeof value !== 'string') continue;
        const literal = value
          .replace(/\$\{[^}]*\}/g, '')
          .replace(/\{\{(DATE|TIME)\(|, SHORT|\)\}\}/g, '')
          .trim();
        assert.equal(literal, '', `"${key}": "${value}" has literal text`);
      }
    }
  });

  it('declares version 1.5 and uses only Action.Execute', () => {
    assert.equal(template.version, '1.5');
    const actionTypes = allObjects(template)
      .map((node) => node.type)
      .filter((type): type is string => typeof type === 'string' && type.startsWith('Action.'));
    assert.ok(actionTypes.length >= 4);
    assert.ok(actionTypes.every((type) => type === 'Action.Execute'), actionTypes.join());
  });

  it('gives the 1.5 heading style a look that older clients show too', () => {
    const heading = allObjects(template).find((node) => node.style === 'heading');
    assert.ok(heading);
    assert.equal(heading.size, 'Large');
    assert.equal(heading.weight, 'Bolder');
  });
});
