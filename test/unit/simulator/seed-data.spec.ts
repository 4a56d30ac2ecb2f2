import assert from 'node:assert/strict';
import { generateProfiles, NEVER_SET_DATE, seedGroups, seedProfiles, SEED_GROUP_IDS, SEED_USERS } from '../../../tools/simulator';

/** The seeded tenant and the generated volume data. */
describe('simulator', () => {
  describe('seed data', () => {
    const now = new Date('2030-06-01T12:00:00Z');
    const seeds = seedProfiles(now);
    const named = (name: string) => seeds.filter((p) => p.displayName === name);

    it('has a few dozen profiles with unique, stable ids', () => {
      assert.ok(seeds.length >= 24, String(seeds.length));
      assert.equal(new Set(seeds.map((p) => p.id)).size, seeds.length);
      assert.deepEqual(seedProfiles(new Date()).map((p) => p.id), seeds.map((p) => p.id));
    });

    it('has names that clash exactly and by case only, so "several match" can be tested', () => {
      assert.equal(named('Field Tablets').length, 2);
      const drivers = seeds.filter((p) => p.displayName.toLowerCase() === 'delivery drivers');
      assert.deepEqual(drivers.map((p) => p.displayName).sort(), ['Delivery Drivers', 'delivery drivers']);
    });

    it('covers active, expired, never-created and revoked tokens', () => {
      const active = seeds.filter((p) => p.tokenValue !== null && Date.parse(p.tokenExpirationDateTime) > now.getTime());
      const expired = seeds.filter((p) => p.tokenValue !== null && Date.parse(p.tokenExpirationDateTime) < now.getTime());
      const never = seeds.filter((p) => p.tokenExpirationDateTime === NEVER_SET_DATE);
      const revoked = seeds.filter((p) => p.tokenValue === null && p.tokenExpirationDateTime !== NEVER_SET_DATE);
      assert.ok(active.length >= 10 && expired.length >= 3 && never.length >= 1 && revoked.length >= 1);
      for (const p of active) {
        assert.ok(p.qrCodeContent?.includes(p.tokenValue as string), p.displayName);
        assert.ok(p.qrCodeImage?.value, p.displayName);
      }
    });

    it('covers every enrollment mode and token type, scope tags and Teams devices', () => {
      const modes = new Set(seeds.map((p) => p.enrollmentMode));
      assert.equal(modes.size, 5);
      assert.deepEqual(new Set(seeds.map((p) => p.enrollmentTokenType)), new Set(['default', 'corporateOwnedDedicatedDeviceWithAzureADSharedMode', 'deviceStaging']));
      assert.equal(named('Shared Retail Tablets')[0].enrollmentTokenType, 'corporateOwnedDedicatedDeviceWithAzureADSharedMode');
      assert.ok(seeds.some((p) => p.roleScopeTagIds.length > 1));
      assert.ok(seeds.some((p) => p.isTeamsDeviceProfile));
      assert.ok(seeds.some((p) => p.configureWifi && p.wifiPassword));
    });

    it('generates n distinct profiles deterministically, never reusing a seeded name', () => {
      const a = generateProfiles(10_000, now);
      const b = generateProfiles(10_000, now);
      assert.equal(a.length, 10_000);
      assert.equal(new Set(a.map((p) => p.id)).size, 10_000);
      assert.equal(new Set(a.map((p) => p.displayName)).size, 10_000);
      assert.deepEqual(a, b);
      const seedNames = new Set(seeds.map((p) => p.displayName.toLowerCase()));
      assert.ok(a.every((p) => !seedNames.has(p.displayName.toLowerCase())));
      assert.ok(a.every((p) => !seeds.some((s) => s.id === p.id)));
      assert.deepEqual(generateProfiles(3, now).map((p) => p.id), a.slice(0, 3).map((p) => p.id));
    });

    it('seeds an approver group with the two admins only', () => {
      const groups = seedGroups();
      assert.deepEqual(groups[SEED_GROUP_IDS.approvers], [SEED_USERS.alice.objectId, SEED_USERS.bruno.objectId]);
      assert.ok(!groups[SEED_GROUP_IDS.approvers].includes(SEED_USERS.carla.objectId));
    });
  });
});
