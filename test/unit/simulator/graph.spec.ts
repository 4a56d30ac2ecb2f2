import assert from 'node:assert/strict';
import { generateProfiles, NEVER_SET_DATE, SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { fetchToken, simRequest } from './sim-https';

/** Intune Graph beta (enrollment profiles) and the group-membership checks, over HTTPS. */
const COLLECTION = '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

describe('simulator', () => {
  describe('Graph', () => {
    let sim: Simulator;
    let token: string;
    before(async () => {
      sim = await startSimulator({ groups: { 'group-approvers': ['user-alice', 'user-bruno'], 'group-other': ['user-carla'] } });
      token = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    const get = (path: string, headers: Record<string, string> = {}) => simRequest(sim, 'GET', path, { token, headers });
    const post = (path: string, body?: object | string) => simRequest(sim, 'POST', path, { token, body });
    const idOf = (name: string) => [...sim.graph.profiles.values()].find((p) => p.displayName === name)?.id as string;

    describe('authentication', () => {
      it('answers 401 InvalidAuthenticationToken without a token, with a token for another audience, and records the call as unauthorized', async () => {
        const botToken = await fetchToken(sim, SIM_BOT_CLIENT, 'https://api.botframework.com/.default');
        for (const options of [{}, { token: botToken }, { token: 'not-a-jwt' }]) {
          const res = await simRequest(sim, 'GET', COLLECTION, options);
          assert.equal(res.status, 401);
          assert.equal(res.json().error.code, 'InvalidAuthenticationToken');
          assert.ok(res.json().error.innerError['request-id']);
        }
        assert.deepEqual(sim.graph.calls.map((c) => [c.status, c.authorized]), [[401, false], [401, false], [401, false]]);
      });
    });

    describe('enrollment profiles', () => {
      it('pages with $top, keeps $select in an absolute @odata.nextLink and returns only the selected fields plus id', async () => {
        const seen: string[] = [];
        let next: string | undefined = `${COLLECTION}?$select=displayName,enrolledDeviceCount&$top=10`;
        let pages = 0;
        while (next) {
          const res = await get(next);
          assert.equal(res.status, 200);
          const body = res.json();
          assert.equal(body['@odata.context'], `${sim.baseUrl}/beta/$metadata#deviceManagement/androidDeviceOwnerEnrollmentProfiles(displayName,enrolledDeviceCount)`);
          for (const item of body.value) {
            assert.deepEqual(Object.keys(item).sort(), ['displayName', 'enrolledDeviceCount', 'id']);
            seen.push(item.id);
          }
          next = body['@odata.nextLink'];
          if (next) assert.ok(next.startsWith(`${sim.baseUrl}/beta/`) && next.includes('$skiptoken=') && next.includes('$top=10'), next);
          pages++;
        }
        assert.deepEqual(seen, [...sim.graph.profiles.keys()]);
        assert.equal(pages, Math.ceil(sim.graph.profiles.size / 10));
      });

      it('uses the configured page size when $top is absent or larger', async () => {
        sim.graph.setPageSize(4);
        const plain = (await get(COLLECTION)).json();
        assert.equal(plain.value.length, 4);
        assert.equal(plain.value[0]['@odata.type'], '#microsoft.graph.androidDeviceOwnerEnrollmentProfile');
        assert.ok(plain['@odata.nextLink']);
        assert.equal((await get(`${COLLECTION}?$top=50`)).json().value.length, 4);
      });

      it('refuses unknown $select properties, bad $top, bad $skip and bad $skiptoken with 400', async () => {
        for (const query of ['$select=displayName,secretSauce', '$top=0', '$skip=-1', '$skiptoken=garbage']) {
          const res = await get(`${COLLECTION}?${query}`);
          assert.equal(res.status, 400, query);
          assert.equal(res.json().error.code, 'BadRequest');
        }
      });

      it('gets one profile with every property, including the secrets the bot must never show', async () => {
        const id = idOf('Warehouse Scanners');
        const body = (await get(`${COLLECTION}/${id}`)).json();
        assert.equal(body.id, id);
        for (const key of ['tokenValue', 'qrCodeContent', 'qrCodeImage', 'wifiPassword', 'roleScopeTagIds', 'enrolledDeviceCount', 'tokenExpirationDateTime']) {
          assert.ok(body[key] !== undefined && body[key] !== null, key);
        }
        assert.match(body.tokenValue, /^[A-Z]{20}$/);
        assert.ok(body.qrCodeContent.includes(body.tokenValue));
        assert.ok(body.qrCodeContent.includes(body.wifiPassword));
        const selected = (await get(`${COLLECTION}/${id}?$select=displayName`)).json();
        assert.equal(selected.displayName, 'Warehouse Scanners');
        assert.equal(selected.tokenValue, undefined);
      });

      it('answers an unknown id with 404 ResourceNotFound, Intune-style message, and echoes client-request-id', async () => {
        const res = await get(`${COLLECTION}/00000000-0000-4000-8000-000000000000`, { 'client-request-id': 'my-correlation' });
        assert.equal(res.status, 404);
        assert.equal(res.headers['client-request-id'], 'my-correlation');
        const error = res.json().error;
        assert.equal(error.code, 'ResourceNotFound');
        assert.equal(JSON.parse(error.message)._version, 3);
        assert.deepEqual(Object.keys(error.innerError).sort(), ['client-request-id', 'date', 'request-id']);
        assert.equal(error.innerError['request-id'], res.headers['request-id']);
        assert.equal(error.innerError['client-request-id'], 'my-correlation');
      });

      it('revokes with 204 and no body: token, QR code gone, expiry now; a second revoke is 204 too', async () => {
        const id = idOf('Kiosk Lisbon');
        const before = Date.now();
        const first = await post(`${COLLECTION}/${id}/revokeToken`);
        assert.equal(first.status, 204);
        assert.equal(first.text, '');
        assert.ok(first.headers['request-id']);
        const profile = sim.graph.profiles.get(id);
        assert.equal(profile?.tokenValue, null);
        assert.equal(profile?.qrCodeContent, null);
        assert.ok(Date.parse(profile?.tokenExpirationDateTime ?? '') >= before - 1000);
        assert.equal((await post(`${COLLECTION}/${id}/revokeToken`)).status, 204);
        assert.deepEqual(sim.graph.revokeCalls(id).map((c) => c.status), [204, 204]);
        assert.equal(sim.graph.revokeCalls(idOf('Kiosk Porto')).length, 0);
        assert.equal(sim.graph.revokeCalls().length, 2);
      });

      it('answers revoke of an unknown id with 404', async () => {
        const res = await post(`${COLLECTION}/00000000-0000-4000-8000-000000000000/revokeToken`);
        assert.equal(res.status, 404);
        assert.equal(res.json().error.code, 'ResourceNotFound');
      });

      it('creates a new token with the requested validity and refuses a bad body', async () => {
        const id = idOf('Digital Signage Braga');
        assert.equal(sim.graph.profiles.get(id)?.tokenExpirationDateTime, NEVER_SET_DATE);
        const res = await post(`${COLLECTION}/${id}/createToken`, { tokenValidityInSeconds: 3600 });
        assert.equal(res.status, 204);
        const profile = sim.graph.profiles.get(id);
        assert.match(profile?.tokenValue ?? '', /^[A-Z]{20}$/);
        const validityMs = Date.parse(profile?.tokenExpirationDateTime ?? '') - Date.parse(profile?.tokenCreationDateTime ?? '');
        assert.equal(validityMs, 3600_000);
        assert.equal((await post(`${COLLECTION}/${id}/createToken`, { tokenValidityInSeconds: -5 })).status, 400);
        assert.equal((await post(`${COLLECTION}/${id}/createToken`, '{not json')).status, 400);
      });

      it('reset() restores the seeded profiles and clears recorded calls', async () => {
        const id = idOf('Kiosk Porto');
        const original = sim.graph.profiles.get(id)?.tokenValue;
        await post(`${COLLECTION}/${id}/revokeToken`);
        sim.reset();
        assert.equal(sim.graph.profiles.get(id)?.tokenValue, original);
        assert.equal(sim.graph.calls.length, 0);
      });

      it('serves 10,000 generated profiles in pages of at most $top', async () => {
        const big = await startSimulator({ profiles: generateProfiles(10_000), pageSize: 1000 });
        try {
          const bigToken = await fetchToken(big, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
          let next: string | undefined = `${COLLECTION}?$select=id,displayName&$top=999`;
          const ids = new Set<string>();
          while (next) {
            const body = (await simRequest(big, 'GET', next, { token: bigToken })).json();
            assert.ok(body.value.length <= 999);
            for (const item of body.value) ids.add(item.id);
            next = body['@odata.nextLink'];
          }
          assert.equal(ids.size, 10_000);
          assert.equal(big.graph.calls.length, 11);
        } finally {
          await big.close();
        }
      });
    });

    describe('group membership', () => {
      it('answers transitiveMembers/{id} with 200 for a member and 404 otherwise', async () => {
        const member = await get('/v1.0/groups/group-approvers/transitiveMembers/user-alice');
        assert.equal(member.status, 200);
        assert.equal(member.json()['@odata.type'], '#microsoft.graph.user');
        assert.equal(member.json().id, 'user-alice');
        assert.equal((await get('/v1.0/groups/group-approvers/transitiveMembers/user-carla')).status, 404);
        assert.equal((await get('/v1.0/groups/no-such-group/transitiveMembers/user-alice')).status, 404);
      });

      it('answers checkMemberGroups with the groups the user is in, and follows setGroupMembers', async () => {
        // App-only checkMemberGroups needs User.Read.All besides GroupMember.Read.All.
        sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, [...SIM_GRAPH_CLIENT.roles, 'User.Read.All']);
        const wider = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
        const postWide = (path: string, body: object) => simRequest(sim, 'POST', path, { token: wider, body });
        const ask = async (user: string) => (await postWide(`/v1.0/users/${user}/checkMemberGroups`, { groupIds: ['group-approvers', 'group-other', 'group-none'] })).json().value;
        assert.deepEqual(await ask('user-alice'), ['group-approvers']);
        assert.deepEqual(await ask('user-carla'), ['group-other']);
        sim.graph.setGroupMembers('group-approvers', ['user-carla']);
        assert.deepEqual(await ask('user-carla'), ['group-approvers', 'group-other']);
        assert.deepEqual(await ask('user-alice'), []);
        assert.equal((await postWide('/v1.0/users/user-alice/checkMemberGroups', { groupIds: 'group-approvers' })).status, 400);
      });
    });

    it('answers unknown Graph paths with a Graph-shaped 404', async () => {
      const res = await get('/beta/deviceManagement/somethingElse');
      assert.equal(res.status, 404);
      assert.equal(res.json().error.code, 'ResourceNotFound');
    });
  });
});
