import assert from 'node:assert/strict';
import { collectionOf, fieldsFor, kindOf, WORK_PROFILE_MODE } from '../../../src/intune/profile-kinds';
import { DETAIL_FIELDS, toProfileDetails } from '../../../src/intune/profile-details';
import { PROFILE_FIELDS, toProfileSnapshot } from '../../../src/intune/profile-snapshot';
import { SUMMARY_FIELDS, snapshotOf, toProfileSummary } from '../../../src/intune/profile-summary';

/** androidForWorkEnrollmentProfile's properties in Microsoft's schema (real-tenant facts). */
const WORK_PROFILE_TYPE = ['id', 'accountId', 'displayName', 'description', 'createdDateTime', 'lastModifiedDateTime', 'tokenValue', 'tokenExpirationDateTime', 'enrolledDeviceCount', 'qrCodeContent', 'qrCodeImage'];

describe('profile kinds', () => {
  it('maps each kind to its Graph collection', () => {
    assert.equal(collectionOf('device-owner'), '/deviceManagement/androidDeviceOwnerEnrollmentProfiles');
    assert.equal(collectionOf('work-profile'), '/deviceManagement/androidForWorkEnrollmentProfiles');
  });

  it('reads a stored snapshot without a kind as Device Owner', () => {
    assert.equal(kindOf({}), 'device-owner');
    assert.equal(kindOf({ kind: 'work-profile' }), 'work-profile');
  });

  it('asks a work-profile profile only for properties its type has, and never a secret', () => {
    for (const fields of [PROFILE_FIELDS, SUMMARY_FIELDS, DETAIL_FIELDS]) {
      const asked = fieldsFor('work-profile', fields);
      assert.ok(asked.length > 0);
      for (const field of asked) assert.ok(WORK_PROFILE_TYPE.includes(field), `${field} is not a property of androidForWorkEnrollmentProfile`);
      for (const field of asked) assert.ok(!['tokenValue', 'qrCodeContent', 'qrCodeImage'].includes(field), field);
      assert.ok(asked.includes('id') && asked.includes('displayName') && asked.includes('tokenExpirationDateTime') && asked.includes('enrolledDeviceCount'));
    }
    assert.deepEqual(fieldsFor('work-profile', DETAIL_FIELDS), ['id', 'displayName', 'description', 'createdDateTime', 'lastModifiedDateTime', 'tokenExpirationDateTime', 'enrolledDeviceCount']);
  });

  it('asks a Device Owner profile for every field, as before', () => {
    assert.deepEqual(fieldsFor('device-owner', DETAIL_FIELDS), [...DETAIL_FIELDS]);
    assert.deepEqual(fieldsFor('device-owner', SUMMARY_FIELDS), [...SUMMARY_FIELDS]);
  });

  it('maps a work-profile object to a snapshot of that kind, whose mode names the kind', () => {
    const raw = { id: 'w1', displayName: 'Work Profile Sales', tokenExpirationDateTime: '2030-01-01T00:00:00Z', enrolledDeviceCount: 4, tokenValue: 'SECRET' };
    assert.deepEqual(toProfileSnapshot(raw, 'work-profile'), {
      id: 'w1',
      kind: 'work-profile',
      displayName: 'Work Profile Sales',
      enrollmentMode: WORK_PROFILE_MODE,
      tokenExpirationDateTime: '2030-01-01T00:00:00Z',
      enrolledDeviceCount: 4,
    });
    // Even if a server sent an enrollmentMode for a work profile, the kind decides.
    assert.equal(toProfileSnapshot({ ...raw, enrollmentMode: 'corporateOwnedDedicatedDevice' }, 'work-profile')?.enrollmentMode, WORK_PROFILE_MODE);
    const summary = toProfileSummary(raw, 'work-profile');
    assert.equal(summary?.kind, 'work-profile');
    assert.equal(summary?.tokenUsageCount, 0);
    assert.equal(snapshotOf(summary!).kind, 'work-profile');
    const details = toProfileDetails({ ...raw, description: 'Sales', createdDateTime: '2024-01-01T00:00:00Z' }, 'work-profile');
    assert.equal(details?.kind, 'work-profile');
    assert.equal(details?.description, 'Sales');
    assert.equal(details?.tokenCreationDateTime, null);
    assert.doesNotMatch(JSON.stringify(details), /SECRET/);
  });

  it('keeps the kind when a summary is reduced to what a request stores', () => {
    assert.equal(snapshotOf({ id: 'd', displayName: 'x', enrollmentMode: 'corporateOwnedFullyManaged', tokenExpirationDateTime: null, enrolledDeviceCount: 1 }).kind, 'device-owner');
  });
});
