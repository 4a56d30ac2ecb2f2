import assert from 'node:assert/strict';
import {
  exactly,
  MAX_COMMAND_LENGTH,
  normalize,
  parseHistoryArguments,
  parseListArguments,
  parseProfileArgument,
  parseRequestIdArgument,
  parseRevokeArguments,
  readChatText,
} from '../../../src/commands/parse-command';
import { pickCandidate } from '../../../src/commands/revoke-dialog';
import type { ProfileSnapshot } from '../../../src/approvals/revoke-request';

describe('readChatText', () => {
  it('splits the command word from the rest, folding what Teams leaves in the text', () => {
    assert.deepEqual(readChatText('  Help '), { kind: 'words', word: 'Help', rest: '' });
    assert.deepEqual(readChatText('<p>revoke&nbsp;"Kiosk Lisbon"  leaked</p>\n'), { kind: 'words', word: 'revoke', rest: '"Kiosk Lisbon" leaked' });
  });

  it('knows empty and oversized messages', () => {
    assert.deepEqual(readChatText('   '), { kind: 'empty' });
    assert.deepEqual(readChatText('<p></p>'), { kind: 'empty' });
    assert.deepEqual(readChatText('x'.repeat(10_000)), { kind: 'too-long', length: 10_000 });
    assert.equal(readChatText('help ' + 'y'.repeat(MAX_COMMAND_LENGTH - 5)).kind, 'words');
  });

  it('normalizes what Teams leaves in the text', () => {
    assert.equal(normalize('<p>revoke&nbsp;x</p>\n'), 'revoke x');
  });
});

describe('command arguments', () => {
  it('revoke: a quoted profile name and the justification after it', () => {
    assert.deepEqual(parseRevokeArguments('"Kiosk Lisbon" QR code photographed by a visitor'), {
      profileQuery: 'Kiosk Lisbon',
      justification: 'QR code photographed by a visitor',
    });
    assert.deepEqual(parseRevokeArguments('"Quiosque Recife" vazou'), { profileQuery: 'Quiosque Recife', justification: 'vazou' });
  });

  it('revoke: a one-word profile, and curly quotes as Teams sends them', () => {
    assert.deepEqual(parseRevokeArguments('kiosk-porto leaked'), { profileQuery: 'kiosk-porto', justification: 'leaked' });
    assert.deepEqual(parseRevokeArguments('“Field Tablets” lost'), { profileQuery: 'Field Tablets', justification: 'lost' });
  });

  it('revoke: leaves what is missing for the dialog to ask', () => {
    assert.deepEqual(parseRevokeArguments(''), {});
    assert.deepEqual(parseRevokeArguments('"Kiosk Lisbon"'), { profileQuery: 'Kiosk Lisbon' });
    assert.deepEqual(parseRevokeArguments('"Kiosk Lisbon'), { unterminatedQuote: true });
  });

  it('list, show and cancel', () => {
    assert.deepEqual(parseListArguments(''), {});
    assert.deepEqual(parseListArguments('store 0004'), { query: 'store 0004' });
    assert.deepEqual(parseProfileArgument('Kiosk Porto'), { profileQuery: 'Kiosk Porto' });
    assert.deepEqual(parseProfileArgument('"Kiosk Porto"'), { profileQuery: 'Kiosk Porto' });
    assert.deepEqual(parseProfileArgument(''), {});
    assert.deepEqual(parseRequestIdArgument('0b5c-11'), { requestId: '0b5c-11' });
    assert.deepEqual(parseRequestIdArgument('"abc" trailing words'), { requestId: 'abc' });
    assert.equal(parseRequestIdArgument(''), undefined, 'bare cancel is another route');
    assert.equal(parseRequestIdArgument('""'), undefined);
  });

  it('history [profile] [n], and the export sub-command', () => {
    assert.deepEqual(parseHistoryArguments(''), {});
    assert.deepEqual(parseHistoryArguments('5'), { limit: 5 });
    assert.deepEqual(parseHistoryArguments('Kiosk Porto 3'), { profileQuery: 'Kiosk Porto', limit: 3 });
    assert.deepEqual(parseHistoryArguments('"Store 00042 Kiosks" 500'), { profileQuery: 'Store 00042 Kiosks', limit: 50 });
    assert.deepEqual(parseHistoryArguments('Kiosk Porto'), { profileQuery: 'Kiosk Porto' });
    const exportWords = exactly('export', 'exportar');
    assert.deepEqual(exportWords('export'), {});
    assert.deepEqual(exportWords('EXPORTAR'), {});
    assert.equal(exportWords('export now'), undefined);
    assert.equal(exportWords(''), undefined);
  });
});

describe('pickCandidate', () => {
  const profile = (id: string): ProfileSnapshot => ({ id, displayName: 'Field Tablets', enrollmentMode: 'corporateOwnedFullyManaged', tokenExpirationDateTime: null, enrolledDeviceCount: 0 });
  const candidates = [profile('a1'), profile('b2')];

  it('picks by number, #number or id, and nothing else', () => {
    assert.equal(pickCandidate('2', candidates)?.id, 'b2');
    assert.equal(pickCandidate('#1', candidates)?.id, 'a1');
    assert.equal(pickCandidate('B2', candidates)?.id, 'b2');
    assert.equal(pickCandidate('3', candidates), undefined);
    assert.equal(pickCandidate('0', candidates), undefined);
    assert.equal(pickCandidate('the second', candidates), undefined);
  });
});
