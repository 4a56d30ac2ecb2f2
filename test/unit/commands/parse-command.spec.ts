import assert from 'node:assert/strict';
import { MAX_COMMAND_LENGTH, normalize, parseCommand } from '../../../src/commands/parse-command';
import { pickCandidate } from '../../../src/commands/revoke-dialog';
import type { ProfileSnapshot } from '../../../src/approvals/revoke-request';

describe('parseCommand', () => {
  it('reads a quoted profile name and the justification after it', () => {
    assert.deepEqual(parseCommand('revoke "Kiosk Lisbon" QR code photographed by a visitor'), {
      name: 'revoke',
      profileQuery: 'Kiosk Lisbon',
      justification: 'QR code photographed by a visitor',
    });
  });

  it('reads a one-word profile and accepts curly quotes as Teams sends them', () => {
    assert.deepEqual(parseCommand('REVOKE kiosk-porto leaked'), { name: 'revoke', profileQuery: 'kiosk-porto', justification: 'leaked' });
    assert.deepEqual(parseCommand('revoke “Field Tablets” lost'), { name: 'revoke', profileQuery: 'Field Tablets', justification: 'lost' });
  });

  it('leaves what is missing for the dialog to ask', () => {
    assert.deepEqual(parseCommand('revoke'), { name: 'revoke' });
    assert.deepEqual(parseCommand('revoke "Kiosk Lisbon"'), { name: 'revoke', profileQuery: 'Kiosk Lisbon' });
    assert.deepEqual(parseCommand('revoke "Kiosk Lisbon'), { name: 'revoke', unterminatedQuote: true });
  });

  it('knows help, cancel, empty, unknown and oversized messages', () => {
    assert.deepEqual(parseCommand('  Help '), { name: 'help' });
    assert.deepEqual(parseCommand('cancel'), { name: 'cancel' });
    assert.deepEqual(parseCommand('   '), { name: 'empty' });
    assert.deepEqual(parseCommand('revokee x'), { name: 'unknown', word: 'revokee', suggestion: 'revoke' });
    assert.deepEqual(parseCommand('frobnicate x'), { name: 'unknown', word: 'frobnicate' });
    assert.deepEqual(parseCommand('x'.repeat(10_000)), { name: 'too-long', length: 10_000 });
    assert.equal(parseCommand('help ' + 'y'.repeat(MAX_COMMAND_LENGTH - 5)).name, 'help');
  });

  it('knows the reading commands and their arguments', () => {
    assert.deepEqual(parseCommand('list'), { name: 'list' });
    assert.deepEqual(parseCommand('LIST store 0004'), { name: 'list', query: 'store 0004' });
    assert.deepEqual(parseCommand('show Kiosk Porto'), { name: 'show', profileQuery: 'Kiosk Porto' });
    assert.deepEqual(parseCommand('show "Kiosk Porto"'), { name: 'show', profileQuery: 'Kiosk Porto' });
    assert.deepEqual(parseCommand('show'), { name: 'show' });
    assert.deepEqual(parseCommand('pending'), { name: 'pending' });
    assert.deepEqual(parseCommand('cancel 0b5c-11'), { name: 'cancel', requestId: '0b5c-11' });
    assert.deepEqual(parseCommand('whoami'), { name: 'whoami' });
  });

  it('reads history [profile] [n] and history export', () => {
    assert.deepEqual(parseCommand('history'), { name: 'history' });
    assert.deepEqual(parseCommand('history 5'), { name: 'history', limit: 5 });
    assert.deepEqual(parseCommand('history Kiosk Porto 3'), { name: 'history', profileQuery: 'Kiosk Porto', limit: 3 });
    assert.deepEqual(parseCommand('history "Store 00042 Kiosks" 500'), { name: 'history', profileQuery: 'Store 00042 Kiosks', limit: 50 });
    assert.deepEqual(parseCommand('history Kiosk Porto'), { name: 'history', profileQuery: 'Kiosk Porto' });
    assert.deepEqual(parseCommand('history export'), { name: 'history', export: true });
    assert.deepEqual(parseCommand('histórico exportar'), { name: 'history', export: true });
  });

  it('accepts the Portuguese words', () => {
    assert.deepEqual(parseCommand('revogar "Quiosque Recife" vazou'), { name: 'revoke', profileQuery: 'Quiosque Recife', justification: 'vazou' });
    assert.equal(parseCommand('listar').name, 'list');
    assert.equal(parseCommand('mostrar x').name, 'show');
    assert.equal(parseCommand('pendentes').name, 'pending');
    assert.deepEqual(parseCommand('cancelar abc'), { name: 'cancel', requestId: 'abc' });
    assert.equal(parseCommand('historico').name, 'history');
    assert.equal(parseCommand('Histórico').name, 'history');
    assert.equal(parseCommand('ajuda').name, 'help');
    assert.deepEqual(parseCommand('pendente'), { name: 'unknown', word: 'pendente', suggestion: 'pendentes' });
  });

  it('normalizes what Teams leaves in the text', () => {
    assert.equal(normalize('<p>revoke&nbsp;x</p>\n'), 'revoke x');
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
