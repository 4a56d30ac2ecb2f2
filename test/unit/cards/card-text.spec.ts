import { strict as assert } from 'node:assert';
import { CARD_ROW_TEXT_MAX, ELLIPSIS, shortened, shortenedOptional } from '../../../src/cards/card-text';

const codePoints = (text: string) => Array.from(text).length;
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;

describe('card text shortening (cards/card-text.ts)', () => {
  it('leaves text within the limit as it is', () => {
    assert.equal(shortened('Warehouse scanners', 18), 'Warehouse scanners');
    assert.equal(shortened('😀😀😀', 3), '😀😀😀', 'three code points fit three, though they are six UTF-16 units');
  });

  it('cuts longer text to the limit, the "…" included, and drops the white space before it', () => {
    const cut = shortened('QR code posted in a public chat', 10);
    assert.equal(cut, `QR code p${ELLIPSIS}`);
    assert.equal(codePoints(cut), 10);
    assert.equal(shortened('one two three', 5), `one${ELLIPSIS}`, 'no "one …"');
  });

  it('cuts at code-point boundaries: never half of a surrogate pair', () => {
    const cut = shortened('a😀😀😀😀', 3);
    assert.equal(cut, `a😀${ELLIPSIS}`);
    assert.ok(!/[\ud800-\udfff](?![\udc00-\udfff])/.test(cut.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), 'no lone surrogate');
    assert.ok(!JSON.stringify(cut).includes('\\ud'), 'JSON writes no broken surrogate escape');
  });

  it('shows invisible control characters and lone surrogates as one printable character each, so a code point costs at most 4 JSON bytes', () => {
    const hostile = '\u0000\u0007\u001b[31m\u007f\u0085\ud800x\udc00';
    const shown = shortened(hostile, 100);
    assert.equal(shown, '   [31m  \ufffdx\ufffd');
    assert.ok(jsonBytes(shortened('\u0001'.repeat(500), 500)) <= 500 * 4);
    assert.equal(shortened('line one\nline two\ttab', 100), 'line one\nline two\ttab', 'line breaks and tabs stay');
  });

  it('bounds the JSON of any text by 4 bytes per code point of the limit', () => {
    for (const sample of ['"\\'.repeat(900), '語'.repeat(900), '😀'.repeat(900), '\u0002'.repeat(900), 'a\u0301'.repeat(900)]) {
      const cut = shortened(sample, CARD_ROW_TEXT_MAX);
      assert.ok(codePoints(cut) <= CARD_ROW_TEXT_MAX, `${codePoints(cut)} code points`);
      assert.ok(jsonBytes(cut) <= CARD_ROW_TEXT_MAX * 4, `${jsonBytes(cut)} bytes for ${JSON.stringify(sample.slice(0, 4))}…`);
      assert.ok(cut.endsWith(ELLIPSIS));
    }
  });

  it('keeps a value that is absent absent, and refuses a limit that is no positive integer', () => {
    assert.equal(shortenedOptional(undefined, 5), undefined);
    assert.equal(shortenedOptional(null, 5), undefined);
    assert.equal(shortenedOptional('', 5), undefined);
    assert.equal(shortenedOptional('abcdefgh', 5), `abcd${ELLIPSIS}`);
    assert.throws(() => shortened('x', 0), RangeError);
    assert.throws(() => shortened('x', 2.5), RangeError);
  });
});
