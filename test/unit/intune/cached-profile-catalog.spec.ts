import { strict as assert } from 'node:assert';
import { CachedProfileCatalog } from '../../../src/intune/cached-profile-catalog';
import type { ProfileSource } from '../../../src/intune/profile-catalog';
import type { ProfileSummary } from '../../../src/intune/profile-summary';

const profile = (id: string, displayName: string): ProfileSummary => ({
  id,
  displayName,
  enrollmentMode: 'corporateOwnedDedicatedDevice',
  tokenExpirationDateTime: null,
  enrolledDeviceCount: 1,
  tokenUsageCount: 2,
});

/** Intune ids are GUIDs; only a GUID-shaped query is tried as an id. */
const C_ID = 'c0c0c0c0-0000-4000-8000-00000000000c';

describe('CachedProfileCatalog', () => {
  let now = 0;
  let listings = 0;
  let detailGets = 0;
  let profiles: ProfileSummary[];
  const clock = { now: () => new Date(now) };
  const source: ProfileSource = {
    listSummaries: async () => {
      listings++;
      return profiles.map((p) => ({ ...p }));
    },
    details: async (id) => {
      detailGets++;
      const found = profiles.find((p) => p.id === id);
      return found && { ...found, description: null, enrollmentTokenType: 'default', createdDateTime: null, lastModifiedDateTime: null, tokenCreationDateTime: null, roleScopeTagIds: [], wifiSsid: null, wifiSecurityType: null, wifiHidden: false, configureWifi: false, deviceNameTemplate: null, isTeamsDeviceProfile: false };
    },
    find: async () => assert.fail('the catalog matches names itself'),
    get: async (id) => profiles.find((p) => p.id === id),
    revokeToken: async () => ({ graphRequestId: 'g-1' }),
    createToken: async () => ({ graphRequestId: 'g-2' }),
  };

  beforeEach(() => {
    now = 0;
    listings = 0;
    detailGets = 0;
    profiles = [profile('b', 'Kiosk Porto'), profile('a', 'kiosk porto'), profile(C_ID, 'Coletores Loja São Paulo'), profile('d', 'Store 10')];
  });

  it('sorts by name (case-insensitive, numbers by value) then id, and filters by a piece of the name ignoring accents', async () => {
    profiles.push(profile('e', 'Store 9'));
    const catalog = new CachedProfileCatalog(source, { clock });
    assert.deepEqual((await catalog.list()).map((p) => p.id), [C_ID, 'a', 'b', 'e', 'd']);
    assert.deepEqual((await catalog.list('SAO pau')).map((p) => p.id), [C_ID]);
    assert.deepEqual(await catalog.list('nothing like it'), []);
  });

  it('lists once within the TTL (concurrent callers share one listing), again after it or after invalidate', async () => {
    const catalog = new CachedProfileCatalog(source, { clock, ttlMs: 1000 });
    await Promise.all([catalog.list(), catalog.list('kiosk'), catalog.find('Kiosk Porto')]);
    assert.equal(listings, 1);
    now = 999;
    await catalog.list();
    assert.equal(listings, 1);
    now = 1000;
    await catalog.list();
    assert.equal(listings, 2);
    catalog.invalidate();
    await catalog.list();
    assert.equal(listings, 3);
  });

  it('a revoke through it forgets the listing, whether it succeeded or failed', async () => {
    const catalog = new CachedProfileCatalog(source, { clock });
    await catalog.list();
    assert.deepEqual(await catalog.revokeToken('a'), { graphRequestId: 'g-1' });
    await catalog.list();
    assert.equal(listings, 2);
    const failing = new CachedProfileCatalog({ ...source, revokeToken: async () => Promise.reject(new Error('503')) }, { clock });
    await failing.list();
    await assert.rejects(failing.revokeToken('a'));
    await failing.list();
    assert.equal(listings, 4);
  });

  it('finds by id first (GUIDs only), else every exact name match (case-insensitive), as plain snapshots', async () => {
    const catalog = new CachedProfileCatalog(source, { clock });
    assert.deepEqual((await catalog.find(C_ID)).map((p) => p.id), [C_ID]);
    assert.deepEqual(await catalog.find('a'), [], 'a one-word id that is not a GUID is not looked up');
    const byName = await catalog.find('  KIOSK PORTO ');
    assert.deepEqual(byName.map((p) => p.id), ['a', 'b']);
    assert.ok(!('tokenUsageCount' in byName[0]), 'a request stores the snapshot fields only');
    assert.deepEqual(await catalog.find('Kiosk'), []);
    assert.deepEqual(await catalog.find(''), []);
  });

  describe('details (show)', () => {
    it('reuses a profile\'s details for the listing\'s TTL by default, then asks Intune again', async () => {
      const catalog = new CachedProfileCatalog(source, { clock, ttlMs: 1000 });
      const first = await catalog.details('a');
      assert.equal(first?.displayName, 'kiosk porto');
      now = 999;
      assert.equal(await catalog.details('a'), first);
      assert.equal(detailGets, 1);
      await catalog.details('b');
      assert.equal(detailGets, 2, 'each profile has its own entry');
      profiles[1] = { ...profiles[1], enrolledDeviceCount: 7 };
      now = 1000;
      assert.equal((await catalog.details('a'))?.enrolledDeviceCount, 7);
      assert.equal(detailGets, 3);
    });

    it('has its own TTL when given one', async () => {
      const catalog = new CachedProfileCatalog(source, { clock, ttlMs: 60_000, detailsTtlMs: 10 });
      await catalog.details('a');
      now = 10;
      await catalog.details('a');
      assert.equal(detailGets, 2);
    });

    it('forgets every profile\'s details after a revoke through it, and after invalidate', async () => {
      const catalog = new CachedProfileCatalog(source, { clock });
      await catalog.details('a');
      await catalog.details('b');
      await catalog.revokeToken('a');
      await catalog.details('b');
      assert.equal(detailGets, 3);
      catalog.invalidate();
      await catalog.details('b');
      assert.equal(detailGets, 4);
    });

    it('does not keep an answer that a revoke overtook while it was on its way', async () => {
      let release!: () => void;
      const slow: ProfileSource = { ...source, details: async (id) => (await new Promise<void>((r) => (release = r)), source.details(id)) };
      const catalog = new CachedProfileCatalog(slow, { clock });
      const pending = catalog.details('a');
      await catalog.revokeToken('a');
      release();
      assert.equal((await pending)?.id, 'a', 'the caller still gets its answer');
      const again = catalog.details('a');
      release();
      await again;
      assert.equal(detailGets, 2);
    });

    it('asks again for a profile Intune did not know, keeps at most maxDetails, and hands out frozen details', async () => {
      const catalog = new CachedProfileCatalog(source, { clock, maxDetails: 2 });
      assert.equal(await catalog.details('z'), undefined);
      profiles.push(profile('z', 'New profile'));
      assert.equal((await catalog.details('z'))?.displayName, 'New profile');
      await catalog.details('a');
      await catalog.details('b'); // drops z, the least recently read
      assert.equal(detailGets, 4);
      await catalog.details('a');
      assert.equal(detailGets, 4);
      await catalog.details('z');
      assert.equal(detailGets, 5);
      const shared = (await catalog.details('z'))!;
      assert.throws(() => ((shared as { displayName: string }).displayName = 'changed'), TypeError);
      assert.throws(() => (shared.roleScopeTagIds as string[]).push('0'), TypeError);
    });
  });
});
