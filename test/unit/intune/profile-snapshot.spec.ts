import assert from 'node:assert/strict';
import { PROFILE_FIELDS, toProfileSnapshot } from '../../../src/intune/profile-snapshot';

describe('toProfileSnapshot', () => {
  it('keeps only the five shown fields, even when the server sends the secrets', () => {
    const snapshot = toProfileSnapshot({
      id: 'p1',
      displayName: 'Kiosk',
      enrollmentMode: 'corporateOwnedDedicatedDevice',
      tokenExpirationDateTime: '2030-01-01T00:00:00Z',
      enrolledDeviceCount: 12,
      tokenValue: 'SECRET-TOKEN',
      qrCodeContent: 'SECRET-QR',
      qrCodeImage: { type: 'image/png', value: 'SECRET-IMAGE' },
      wifiPassword: 'SECRET-WIFI',
    });
    assert.deepEqual(snapshot, {
      id: 'p1',
      kind: 'device-owner',
      displayName: 'Kiosk',
      enrollmentMode: 'corporateOwnedDedicatedDevice',
      tokenExpirationDateTime: '2030-01-01T00:00:00Z',
      enrolledDeviceCount: 12,
    });
    assert.doesNotMatch(JSON.stringify(snapshot), /SECRET/);
  });

  it('never asks Graph for a secret field', () => {
    for (const secret of ['tokenValue', 'qrCodeContent', 'qrCodeImage', 'wifiPassword']) {
      assert.equal((PROFILE_FIELDS as readonly string[]).includes(secret), false, secret);
    }
  });

  it('fills gaps with neutral values and reads Intune\'s 0001-01-01 as "no token"', () => {
    assert.deepEqual(toProfileSnapshot({ id: 'p2', tokenExpirationDateTime: '0001-01-01T00:00:00Z' }), {
      id: 'p2',
      kind: 'device-owner',
      displayName: '',
      enrollmentMode: 'unknown',
      tokenExpirationDateTime: null,
      enrolledDeviceCount: 0,
    });
  });

  it('rejects objects without an id', () => {
    assert.equal(toProfileSnapshot({ displayName: 'x' }), undefined);
    assert.equal(toProfileSnapshot(null), undefined);
    assert.equal(toProfileSnapshot('p1'), undefined);
  });
});
