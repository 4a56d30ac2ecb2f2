import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_RAW_TEXT_LENGTH, normalize, readChatText } from '../../../src/commands/parse-command';

/** What normalize() did before it was made linear: the reference it must still agree with. */
function regexNormalize(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

describe('normalize (command text)', () => {
  it('strips tags exactly as the old regular expression did', () => {
    const text = fc.array(fc.constantFrom('<', '>', 'a', ' ', 'at', '</at>', '&nbsp;', '&amp;', '\u00a0', '"', 'revoke'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (raw) => normalize(raw) === regexNormalize(raw)), { numRuns: 2000, seed: 7 });
  });

  it('refuses raw text past the cap before normalizing it', () => {
    assert.deepEqual(readChatText('<'.repeat(MAX_RAW_TEXT_LENGTH + 1)), { kind: 'too-long', length: MAX_RAW_TEXT_LENGTH + 1 });
  });
});
