import assert from 'node:assert/strict';
import { SIM_GRAPH_CLIENT, Simulator, startSimulator, type IntuneErrorKind } from '../../../tools/simulator';
import { fetchToken, jwtParts, simRequest } from './sim-https';

/**
 * The simulator as strict as Entra and Intune: app-only tokens carry the granted roles, every
 * endpoint checks them, and Intune's error bodies are the ones people quote from real tenants.
 */
const COLLECTION = '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const READ = 'DeviceManagementConfiguration.Read.All';
const WRITE = 'DeviceManagementConfiguration.ReadWrite.All';
const INTUNE_TAIL = / - Operation ID \(for customer support\): [0-9a-f-]{36} - Activity ID: ([0-9a-f-]{36}) - Url: https:\/\/fef\.\S+manage\.microsoft\.com\/\S+/;

describe('simulator', () => {
  describe('Entra roles and Intune answers', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ groups: { 'b0b0b0b0-0000-4000-8000-000000000001': ['aaaaaaaa-0000-4000-8000-000000000001'] } });
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    const tokenWith = async (roles: string[]) => {
      sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, roles);
      return fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
    };
    const firstId = () => [...sim.graph.profiles.keys()][0];
    const clientRequestId = '5b0c3d1e-7a2f-4c6b-9e8d-0f1a2b3c4d5e';
    const call = (method: string, path: string, token: string, body?: object) =>
      simRequest(sim, method, path, { token, body, headers: { 'client-request-id': clientRequestId } });

    describe('tokens', () => {
      it('issues an app-only JWT with the claims Entra puts in one, roles as granted', async () => {
        const { header, payload } = jwtParts(await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE));
        assert.equal(header.alg, 'RS256');
        assert.ok(header.kid);
        assert.equal(payload.aud, 'https://graph.microsoft.com');
        assert.equal(payload.iss, `https://sts.windows.net/${sim.tenantId}/`);
        assert.equal(payload.tid, sim.tenantId);
        assert.equal(payload.appid, SIM_GRAPH_CLIENT.id);
        assert.equal(payload.idtyp, 'app');
        assert.deepEqual(payload.roles, [WRITE, 'GroupMember.Read.All']);
        assert.ok(typeof payload.exp === 'number' && payload.exp > Date.now() / 1000);
      });

      it('omits roles when nothing is granted, and a removed role only leaves with the next token', async () => {
        const before = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        const none = await tokenWith([]);
        assert.equal('roles' in jwtParts(none).payload, false);
        assert.equal((await call('GET', `${COLLECTION}/${firstId()}`, before)).status, 200, 'the old token still holds the role');
        assert.equal((await call('GET', `${COLLECTION}/${firstId()}`, none)).status, 403);
      });

      it('sets roles over /_sim and refuses an unknown app or a bad list', async () => {
        const put = (id: string, body: unknown) => simRequest(sim, 'PUT', `/_sim/entra/apps/${id}/roles`, { body: JSON.stringify(body) });
        assert.equal((await put(SIM_GRAPH_CLIENT.id, { roles: [READ] })).status, 204);
        assert.deepEqual(sim.entra.appRoles(SIM_GRAPH_CLIENT.id), [READ]);
        assert.equal((await put('00000000-0000-4000-8000-0000000000ff', { roles: [READ] })).status, 400);
        assert.equal((await put(SIM_GRAPH_CLIENT.id, { roles: 'all' })).status, 400);
        sim.reset();
        assert.deepEqual(sim.entra.appRoles(SIM_GRAPH_CLIENT.id), [...SIM_GRAPH_CLIENT.roles], 'reset restores the granted roles');
      });
    });

    describe('roles per endpoint', () => {
      it('reads profiles with Read.All or ReadWrite.All, and nothing else', async () => {
        for (const roles of [[READ], [WRITE]]) {
          const token = await tokenWith(roles);
          assert.equal((await call('GET', COLLECTION, token)).status, 200, roles.join());
          assert.equal((await call('GET', `${COLLECTION}/${firstId()}`, token)).status, 200, roles.join());
        }
        const token = await tokenWith(['GroupMember.Read.All']);
        const res = await call('GET', COLLECTION, token);
        assert.equal(res.status, 403);
        const inner = JSON.parse(res.json().error.message);
        assert.match(inner.Message, new RegExp(`^Application is not authorized to perform this operation\\. Application must have one of the following scopes: ${READ}, ${WRITE}${INTUNE_TAIL.source}$`));
      });

      it('refuses revokeToken and createToken with Read.All: a 403 whose message is Intune JSON as a string', async () => {
        const token = await tokenWith([READ]);
        for (const action of ['revokeToken', 'createToken']) {
          const res = await call('POST', `${COLLECTION}/${firstId()}/${action}`, token, { tokenValidityInSeconds: 3600 });
          assert.equal(res.status, 403, action);
          const error = res.json().error;
          assert.equal(error.code, 'Forbidden');
          assert.equal(typeof error.message, 'string');
          const inner = JSON.parse(error.message);
          assert.deepEqual(Object.keys(inner), ['_version', 'Message', 'CustomApiErrorPhrase', 'RetryAfter', 'ErrorSourceService', 'HttpHeaders']);
          assert.equal(inner._version, 3);
          assert.equal(inner.RetryAfter, null);
          assert.equal(inner.HttpHeaders, '{}');
          const tail = INTUNE_TAIL.exec(inner.Message);
          assert.ok(inner.Message.startsWith(`Application is not authorized to perform this operation. Application must have one of the following scopes: ${WRITE} - Operation ID`), inner.Message);
          assert.equal(tail?.[1], clientRequestId, 'the Activity ID is the caller’s client-request-id');
          assert.equal(error.innerError['client-request-id'], clientRequestId);
          assert.equal(res.headers['client-request-id'], clientRequestId);
        }
        assert.ok(sim.graph.profiles.get(firstId())?.tokenValue, 'nothing was revoked');
      });

      it('reads group membership with GroupMember.Read.All or Directory.Read.All; without, Authorization_RequestDenied', async () => {
        const path = '/v1.0/groups/b0b0b0b0-0000-4000-8000-000000000001/transitiveMembers/aaaaaaaa-0000-4000-8000-000000000001';
        for (const roles of [['GroupMember.Read.All'], ['Directory.Read.All']]) {
          assert.equal((await call('GET', path, await tokenWith(roles))).status, 200, roles.join());
        }
        const res = await call('GET', path, await tokenWith([WRITE]));
        assert.equal(res.status, 403);
        assert.equal(res.json().error.code, 'Authorization_RequestDenied');
        assert.equal(res.json().error.message, 'Insufficient privileges to complete the operation.');
      });
    });

    describe('tenant and keys', () => {
      it('answers every Intune call of a tenant without a licence with 400 "Request not applicable to target tenant."', async () => {
        const token = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        sim.graph.setIntuneLicensed(false);
        for (const [method, path] of [['GET', COLLECTION], ['GET', `${COLLECTION}/${firstId()}`], ['POST', `${COLLECTION}/${firstId()}/revokeToken`]]) {
          const res = await call(method, path, token);
          assert.equal(res.status, 400, path);
          assert.deepEqual(Object.keys(res.json().error), ['code', 'message', 'innerError']);
          assert.equal(res.json().error.code, 'BadRequest');
          assert.equal(res.json().error.message, 'Request not applicable to target tenant.');
        }
        assert.equal((await simRequest(sim, 'PUT', '/_sim/tenant/intune', { body: { licensed: true } })).status, 204);
        assert.equal((await call('GET', COLLECTION, token)).status, 200);
      });

      it('answers a GET or an action by a key that is not a GUID with 400 BadRequest, as Intune does', async () => {
        const token = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        for (const [method, path] of [['GET', `${COLLECTION}/Kiosk`], ['POST', `${COLLECTION}/kiosk-lisbon/revokeToken`]]) {
          const res = await call(method, path, token);
          assert.equal(res.status, 400, path);
          assert.equal(res.json().error.code, 'BadRequest');
          assert.match(JSON.parse(res.json().error.message).Message, /^An error has occurred - Operation ID/);
        }
        assert.equal((await call('GET', `${COLLECTION}/00000000-0000-4000-8000-000000000000`, token)).status, 404, 'an unknown GUID is 404');
      });
    });

    describe('query options', () => {
      it('honours $skip and $top, and ignores $filter, $orderby and $search as Intune does', async () => {
        const token = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        const all = [...sim.graph.profiles.keys()];
        const page = (await call('GET', `${COLLECTION}?$select=id&$skip=3&$top=2`, token)).json();
        assert.deepEqual(page.value.map((p: { id: string }) => p.id), all.slice(3, 5));
        const filtered = await call('GET', `${COLLECTION}?$select=id&$filter=displayName eq 'Kiosk Porto'&$orderby=displayName&$search="Porto"`, token);
        assert.equal(filtered.status, 200);
        assert.deepEqual(filtered.json().value.map((p: { id: string }) => p.id), all, 'every profile, unfiltered and in the same order');
      });

      it('answers $select of a property the type lacks with OData’s wording', async () => {
        const token = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        for (const path of [`${COLLECTION}?$select=id,enrolledDevices`, `${COLLECTION}/${firstId()}?$select=displayName,usageCount`]) {
          const res = await call('GET', path, token);
          assert.equal(res.status, 400);
          assert.equal(res.json().error.code, 'BadRequest');
          assert.match(res.json().error.message, /^Parsing OData Select and Expand failed: Could not find a property named '(enrolledDevices|usageCount)' on type 'microsoft\.graph\.androidDeviceOwnerEnrollmentProfile'\.$/);
        }
      });
    });

    describe('injected Intune answers', () => {
      const answer = async (intune: IntuneErrorKind, extra: { retryAfterSeconds?: number; bodyRetryAfterSeconds?: number } = {}) => {
        const token = await fetchToken(sim, SIM_GRAPH_CLIENT, GRAPH_SCOPE);
        sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', intune, ...extra, times: 1 });
        return call('POST', `${COLLECTION}/${firstId()}/revokeToken`, token);
      };

      it('401 UnknownError: JSON nested twice, Intune refusing the app', async () => {
        const res = await answer('unknown-error');
        assert.equal(res.status, 401);
        const error = res.json().error;
        assert.equal(error.code, 'UnknownError');
        const outer = JSON.parse(error.message);
        assert.deepEqual(Object.keys(outer), ['ErrorCode', 'Message', 'Target', 'Details', 'InnerError', 'InstanceAnnotations']);
        assert.equal(outer.ErrorCode, 'Forbidden');
        assert.deepEqual(outer.InstanceAnnotations, []);
        assert.equal(typeof outer.Message, 'string');
        const inner = JSON.parse(outer.Message);
        assert.equal(inner._version, 3);
        assert.match(inner.Message, /^An error has occurred - Operation ID .* - CustomApiErrorPhrase: $/);
      });

      it('429 with Retry-After, and without it but with RetryAfter in the body', async () => {
        const withHeader = await answer('throttled', { retryAfterSeconds: 9 });
        assert.equal(withHeader.status, 429);
        assert.equal(withHeader.headers['retry-after'], '9');
        assert.equal(JSON.parse(withHeader.json().error.message).RetryAfter, null);
        const inBody = await answer('throttled', { bodyRetryAfterSeconds: 30 });
        assert.equal(inBody.status, 429);
        assert.equal(inBody.headers['retry-after'], undefined);
        assert.equal(inBody.json().error.code, 'TooManyRequests');
        assert.equal(JSON.parse(inBody.json().error.message).RetryAfter, 30);
      });

      it('500 and 503 with the Operation ID / Activity ID text', async () => {
        for (const [kind, status, code] of [['internal-error', 500, 'Unknown'], ['unavailable', 503, 'ServiceUnavailable']] as const) {
          const res = await answer(kind);
          assert.equal(res.status, status);
          assert.equal(res.json().error.code, code);
          assert.equal(INTUNE_TAIL.exec(JSON.parse(res.json().error.message).Message)?.[1], clientRequestId);
        }
      });

      it('refuses an unknown Intune answer over /_sim/faults', async () => {
        const res = await simRequest(sim, 'POST', '/_sim/faults', { body: { intune: 'sometimes' } });
        assert.equal(res.status, 400);
        assert.match(res.json().error.message, /intune must be one of/);
      });
    });
  });
});
