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
  let profiles: ProfileSummary[];
  const clock = { now: () => new Date(now) };
  const source: ProfileSource = {
    listSummaries: async () => {
      listings++;
      return profiles.map((p) => ({ ...p }));
    },
    details: async (id) => {
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
});
