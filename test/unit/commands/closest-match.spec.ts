import { strict as assert } from 'node:assert';
import { closestNames, closestWord, editDistance } from '../../../src/commands/closest-match';

describe('closest match ("did you mean")', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    assert.equal(editDistance('list', 'list'), 0);
    assert.equal(editDistance('lsit', 'list'), 1);
    assert.equal(editDistance('revok', 'revoke'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'xyzxyz', 1), 2, 'gives up above max');
  });

  it('suggests a command word only when it is close', () => {
    const words = ['help', 'list', 'show', 'revoke', 'pending', 'pendentes'];
    assert.equal(closestWord('lsit', words), 'list');
    assert.equal(closestWord('PENDNG', words), 'pending');
    assert.equal(closestWord('frobnicate', words), undefined);
    assert.equal(closestWord('', words), undefined);
  });

  it('suggests names containing the text first, then near ones, ignoring case and accents', () => {
    const names = ['Kiosk Porto', 'Kiosk Lisbon', 'Coletores Loja São Paulo', 'Warehouse Scanners', 'Kiosk Faro'];
    assert.deepEqual(closestNames('kiosk portu', names, (n) => n), ['Kiosk Porto', 'Kiosk Faro']);
    assert.deepEqual(closestNames('sao paulo', names, (n) => n), ['Coletores Loja São Paulo']);
    assert.deepEqual(closestNames('zzzzzzzzzzzz', names, (n) => n), []);
    assert.equal(closestNames('kiosk', names, (n) => n, 2).length, 2);
  });
});
