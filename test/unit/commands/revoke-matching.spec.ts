import assert from 'node:assert/strict';
import { parseRevokeMatchingArguments } from '../../../src/commands/parse-command';
import { matchingKey, matchingProfiles } from '../../../src/commands/revoke-matching-command';
import type { ProfileSnapshot } from '../../../src/approvals/revoke-request';

const profile = (id: string, displayName: string): ProfileSnapshot => ({ id, displayName, enrollmentMode: 'corporateOwnedDedicatedDevice', tokenExpirationDateTime: null, enrolledDeviceCount: 1 });

describe('revoke-matching', () => {
  describe('parseRevokeMatchingArguments', () => {
    it('reads the quoted text and the justification, with straight or typographic quotes', () => {
      assert.deepEqual(parseRevokeMatchingArguments('"Lisbon" QR codes leaked'), { text: 'Lisbon', justification: 'QR codes leaked' });
      assert.deepEqual(parseRevokeMatchingArguments('“Kiosk Lisbon” printed codes photographed'), { text: 'Kiosk Lisbon', justification: 'printed codes photographed' });
      assert.deepEqual(parseRevokeMatchingArguments('„Porto“ why'), { text: 'Porto', justification: 'why' });
    });

    it('says what is wrong: no quotes, no closing quote, fewer than 3 characters; a missing justification is left out', () => {
      assert.deepEqual(parseRevokeMatchingArguments(''), { problem: 'usage' });
      assert.deepEqual(parseRevokeMatchingArguments('Lisbon leaked'), { problem: 'usage' });
      assert.deepEqual(parseRevokeMatchingArguments('"Lisbon leaked'), { problem: 'unterminated-quote' });
      assert.deepEqual(parseRevokeMatchingArguments('"Li" leaked'), { text: 'Li', justification: 'leaked', problem: 'too-short' });
      assert.deepEqual(parseRevokeMatchingArguments('"  ab " leaked'), { text: 'ab', justification: 'leaked', problem: 'too-short' });
      assert.deepEqual(parseRevokeMatchingArguments('"Lisbon"'), { text: 'Lisbon' });
    });
  });

  describe('matchingProfiles', () => {
    const all = [profile('3', 'Kiosk LISBON 2'), profile('1', 'Lisbon store'), profile('2', 'Porto'), profile('4', 'kiosk lisbon 1'), profile('5', 'Lisboa')];

    it('keeps the names that contain the text, case-insensitively, sorted by name', () => {
      assert.deepEqual(matchingProfiles(all, 'lisbon').map((p) => p.displayName), ['Kiosk LISBON 2', 'Lisbon store', 'kiosk lisbon 1']);
      assert.deepEqual(matchingProfiles(all, ' KIOSK ').map((p) => p.id), ['3', '4']);
    });

    it('does not fold accents or match an empty text: a bulk revoke covers no more than was typed', () => {
      assert.deepEqual(matchingProfiles([profile('1', 'São Paulo'), profile('2', 'Sao Paulo')], 'Sao').map((p) => p.id), ['2']);
      assert.deepEqual(matchingProfiles(all, '  '), []);
    });

    it('keys the request by the text in any case, so the same text twice finds the open request', () => {
      assert.equal(matchingKey('Lisbon '), matchingKey('LISBON'));
      assert.notEqual(matchingKey('Lisbon'), matchingKey('Lisboa'));
    });
  });
});
