import assert from 'node:assert/strict';
import { INTUNE_READ, NEVER_SET_DATE, seedWorkProfiles, SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { fetchToken, simRequest } from './sim-https';

/** androidForWorkEnrollmentProfiles as the simulator serves them, and createToken on both kinds. */
const DEVICE_OWNER = '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const WORK = '/beta/deviceManagement/androidForWorkEnrollmentProfiles';
const WORK_TYPE_PROPERTIES = ['accountId', 'createdDateTime', 'description', 'displayName', 'enrolledDeviceCount', 'id', 'lastModifiedDateTime', 'qrCodeContent', 'qrCodeImage', 'tokenExpirationDateTime', 'tokenValue'];

describe('simulator: work-profile enrollment profiles', () => {
  let sim: Simulator;
  let token: string;
  before(async () => {
    sim = await startSimulator();
    token = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const get = (path: string) => simRequest(sim, 'GET', path, { token });
  const post = (path: string, body?: object | string) => simRequest(sim, 'POST', path, { token, body });
  const workId = (name: string) => [...sim.graph.workProfiles.values()].find((p) => p.displayName === name)?.id as string;
  const deviceOwnerId = (name: string) => [...sim.graph.profiles.values()].find((p) => p.displayName === name)?.id as string;

  it('seeds a handful of work profiles, the same on every run, with names no Device Owner profile has', () => {
    const seeded = seedWorkProfiles(new Date('2026-01-01T00:00:00Z'));
    assert.ok(seeded.length >= 5);
    assert.deepEqual(seeded.map((p) => p.id), seedWorkProfiles(new Date('2026-06-01T00:00:00Z')).map((p) => p.id));
    assert.deepEqual([...sim.graph.workProfiles.keys()], seeded.map((p) => p.id));
    const deviceOwnerNames = [...sim.graph.profiles.values()].map((p) => p.displayName.toLowerCase());
    for (const p of seeded) {
      assert.ok(!deviceOwnerNames.includes(p.displayName.toLowerCase()), p.displayName);
      assert.ok(!sim.graph.profiles.has(p.id));
      assert.deepEqual(Object.keys(p).sort(), WORK_TYPE_PROPERTIES, 'only the properties of androidForWorkEnrollmentProfile');
    }
    const states = seeded.map((p) => (p.tokenValue ? 'active' : p.tokenExpirationDateTime === NEVER_SET_DATE ? 'none' : 'revoked-or-expired'));
    assert.ok(states.includes('active') && states.includes('none') && states.includes('revoked-or-expired'));
  });

  it('gives a test that brings its own Device Owner profiles no work profiles unless it asks', async () => {
    const own = await startSimulator({ profiles: [] });
    try {
      assert.equal(own.graph.workProfiles.size, 0);
    } finally {
      await own.close();
    }
  });

  it('lists and pages the collection with the work-profile type in @odata.type and @odata.context', async () => {
    sim.graph.setPageSize(3);
    const seen: string[] = [];
    let next: string | undefined = `${WORK}?$select=id,displayName,enrolledDeviceCount&$top=999`;
    while (next) {
      const body = (await get(next)).json();
      assert.match(body['@odata.context'], /#deviceManagement\/androidForWorkEnrollmentProfiles\(id,displayName,enrolledDeviceCount\)$/);
      for (const item of body.value) {
        assert.deepEqual(Object.keys(item).sort(), ['displayName', 'enrolledDeviceCount', 'id']);
        seen.push(item.id);
      }
      next = body['@odata.nextLink'];
    }
    assert.deepEqual(seen, [...sim.graph.workProfiles.keys()]);
    const skipped = (await get(`${WORK}?$skip=2&$top=1`)).json();
    assert.equal(skipped.value[0].id, [...sim.graph.workProfiles.keys()][2]);
    assert.equal(skipped.value[0]['@odata.type'], '#microsoft.graph.androidForWorkEnrollmentProfile');
  });

  for (const property of ['enrollmentMode', 'tokenCreationDateTime', 'enrollmentTokenUsageCount', 'wifiSsid', 'roleScopeTagIds']) {
    it(`answers a $select of ${property} with OData's 400, on the collection and on one profile`, async () => {
      for (const path of [`${WORK}?$select=id,${property}`, `${WORK}/${workId('Work Profile Sales Staff')}?$select=${property}`]) {
        const res = await get(path);
        assert.equal(res.status, 400, path);
        assert.equal(res.json().error.code, 'BadRequest');
        assert.equal(
          res.json().error.message,
          `Parsing OData Select and Expand failed: Could not find a property named '${property}' on type 'microsoft.graph.androidForWorkEnrollmentProfile'.`,
        );
      }
      // The Device Owner type has it.
      assert.equal((await get(`${DEVICE_OWNER}?$select=id,${property}`)).status, 200);
    });
  }

  it('gets one by id (404 for an id of the other kind, 400 for a key that is not a GUID)', async () => {
    const id = workId('Work Profile Contractors');
    const res = await get(`${WORK}/${id}?$select=id,displayName,tokenExpirationDateTime`);
    assert.equal(res.status, 200);
    assert.equal(res.json().displayName, 'Work Profile Contractors');
    assert.equal((await get(`${WORK}/${deviceOwnerId('Kiosk Porto')}`)).status, 404);
    assert.equal((await get(`${DEVICE_OWNER}/${id}`)).status, 404);
    assert.equal((await get(`${WORK}/work-profile-contractors`)).status, 400);
  });

  it('revokes a work profile token: 204, token and QR gone, recorded as a revoke call', async () => {
    const id = workId('Work Profile Engineering');
    const res = await post(`${WORK}/${id}/revokeToken`);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const profile = sim.graph.workProfiles.get(id)!;
    assert.equal(profile.tokenValue, null);
    assert.equal(profile.qrCodeContent, null);
    assert.ok(Date.parse(profile.tokenExpirationDateTime) <= Date.now());
    assert.equal(sim.graph.revokeCalls(id).length, 1);
  });

  it('creates a token on both kinds: 204 without a body, new token, expiry now + seconds, tokenCreationDateTime for Device Owner only', async () => {
    const work = workId('Work Profile Interns');
    const before = Date.now();
    const res = await post(`${WORK}/${work}/createToken`, { tokenValidityInSeconds: 86_400 });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const workProfile = sim.graph.workProfiles.get(work)!;
    assert.match(workProfile.tokenValue ?? '', /^[A-Z]{20}$/);
    assert.ok(workProfile.qrCodeContent?.includes(workProfile.tokenValue!));
    const expiry = Date.parse(workProfile.tokenExpirationDateTime);
    assert.ok(expiry >= before + 86_400_000 && expiry <= Date.now() + 86_400_000);
    assert.equal('tokenCreationDateTime' in workProfile, false);

    const owner = deviceOwnerId('Kiosk Porto');
    const oldToken = sim.graph.profiles.get(owner)!.tokenValue;
    assert.equal((await post(`${DEVICE_OWNER}/${owner}/createToken`, { tokenValidityInSeconds: 7_776_000 })).status, 204);
    const ownerProfile = sim.graph.profiles.get(owner)!;
    assert.notEqual(ownerProfile.tokenValue, oldToken);
    assert.equal(Date.parse(ownerProfile.tokenExpirationDateTime) - Date.parse(ownerProfile.tokenCreationDateTime), 7_776_000_000);

    const calls = sim.graph.createTokenCalls();
    assert.deepEqual(calls.map((c) => [c.path.split('/')[3], c.body, c.status]), [
      ['androidForWorkEnrollmentProfiles', { tokenValidityInSeconds: 86_400 }, 204],
      ['androidDeviceOwnerEnrollmentProfiles', { tokenValidityInSeconds: 7_776_000 }, 204],
    ]);
    assert.equal(sim.graph.createTokenCalls(work).length, 1);
  });

  for (const [what, body, message] of [
    ['no body', undefined, /^Empty Payload\. JSON content expected\.$/],
    ['a body that is not JSON', '{tokenValidityInSeconds: 5', /^Invalid JSON/],
    ['an empty object', {}, /'tokenValidityInSeconds'.*missing/],
    ['a string', { tokenValidityInSeconds: '3600' }, /Cannot convert the literal '"3600"' to the expected type 'Edm\.Int32'/],
    ['a fraction', { tokenValidityInSeconds: 1.5 }, /Edm\.Int32/],
    ['more than an Int32', { tokenValidityInSeconds: 2_147_483_648 }, /Edm\.Int32/],
    ['an unknown parameter', { tokenValidityInSeconds: 60, tokenValidityInDays: 1 }, /'tokenValidityInDays'.*not a valid parameter/],
    ['zero seconds', { tokenValidityInSeconds: 0 }, /tokenValidityInSeconds must be a positive Int32/],
  ] as const) {
    it(`answers createToken with ${what} with 400 BadRequest and changes nothing`, async () => {
      for (const [collection, id, profiles] of [
        [WORK, workId('Work Profile Sales Staff'), sim.graph.workProfiles],
        [DEVICE_OWNER, deviceOwnerId('Kiosk Lisbon'), sim.graph.profiles],
      ] as const) {
        const before = structuredClone(profiles.get(id));
        const res = await post(`${collection}/${id}/createToken`, body);
        assert.equal(res.status, 400, collection);
        assert.equal(res.json().error.code, 'BadRequest');
        assert.match(res.json().error.message, message);
        assert.ok(res.headers['request-id']);
        assert.deepEqual(profiles.get(id), before);
      }
    });
  }

  it('answers createToken and revokeToken of an unknown work profile with 404', async () => {
    assert.equal((await post(`${WORK}/00000000-0000-4000-8000-000000000000/createToken`, { tokenValidityInSeconds: 60 })).status, 404);
    assert.equal((await post(`${WORK}/00000000-0000-4000-8000-000000000000/revokeToken`)).status, 404);
  });

  it('demands the same permissions on the work-profile paths: Read.All may list, not write', async () => {
    sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, [INTUNE_READ[0]]);
    const readOnly = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
    const id = workId('Work Profile Sales Staff');
    assert.equal((await simRequest(sim, 'GET', `${WORK}?$select=id`, { token: readOnly })).status, 200);
    for (const action of ['revokeToken', 'createToken']) {
      const res = await simRequest(sim, 'POST', `${WORK}/${id}/${action}`, { token: readOnly, body: { tokenValidityInSeconds: 60 } });
      assert.equal(res.status, 403, action);
      assert.match(JSON.parse(res.json().error.message).Message, /DeviceManagementConfiguration\.ReadWrite\.All/);
    }
    sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, []);
    const none = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
    assert.equal((await simRequest(sim, 'GET', WORK, { token: none })).status, 403);
  });

  it('lets a fault target createToken alone', async () => {
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/createToken', status: 503, times: 1 });
    const id = workId('Work Profile Sales Staff');
    assert.equal((await post(`${WORK}/${id}/revokeToken`)).status, 204);
    assert.equal((await post(`${WORK}/${id}/createToken`, { tokenValidityInSeconds: 60 })).status, 503);
    assert.equal((await post(`${WORK}/${id}/createToken`, { tokenValidityInSeconds: 60 })).status, 204);
    assert.deepEqual(sim.graph.createTokenCalls(id).map((c) => [c.status, c.fault]), [[503, 'status'], [204, undefined]]);
  });

  it('reset() restores the seeded work profiles', async () => {
    const id = workId('Work Profile Sales Staff');
    const original = sim.graph.workProfiles.get(id)?.tokenValue;
    await post(`${WORK}/${id}/revokeToken`);
    sim.reset();
    assert.equal(sim.graph.workProfiles.get(id)?.tokenValue, original);
  });
});
