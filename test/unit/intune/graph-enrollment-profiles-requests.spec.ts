import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { GraphFailure } from '../../../src/approvals/enrollment-profiles';
import { createGraphClient } from '../../../src/intune/graph-client';
import { GraphEnrollmentProfiles } from '../../../src/intune/graph-enrollment-profiles';

/** The requests GraphEnrollmentProfiles makes, checked against a fetch stub (no network). */
const BASE = 'https://graph.microsoft.com/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
const SELECT = '$select=id,displayName,enrollmentMode,tokenExpirationDateTime,enrolledDeviceCount';
const WORK_BASE = 'https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles';
/** The work-profile type has no enrollmentMode: asking for it would be OData's 400. */
const WORK_SELECT = '$select=id,displayName,tokenExpirationDateTime,enrolledDeviceCount';
const P1 = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function profile(id: string, displayName: string, extra: Record<string, unknown> = {}) {
  return { id, displayName, enrollmentMode: 'corporateOwnedDedicatedDevice', tokenExpirationDateTime: '2030-01-01T00:00:00Z', enrolledDeviceCount: 3, ...extra };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function graphError(status: number, code: string, message: string, requestId = `req-${status}`): Response {
  return json({ error: { code, message, innerError: { date: '2024-05-01T10:00:00', 'request-id': requestId, 'client-request-id': 'c' } } }, status, { 'request-id': requestId });
}

describe('GraphEnrollmentProfiles (requests)', () => {
  let fetchStub: sinon.SinonStub;
  let profiles: GraphEnrollmentProfiles;
  const urls = () => fetchStub.getCalls().map((call) => decodeURIComponent(String(call.args[0])));
  /** Both collections are read at once, so the order of their calls is not fixed. */
  const sortedUrls = () => urls().sort();
  /** Answers each URL from the table (each answer a fresh Response); an unexpected URL fails the call. */
  const answer = (table: Record<string, () => Response>) =>
    fetchStub.callsFake(async (url: unknown) => {
      const respond = table[String(url)];
      if (!respond) throw new Error(`unexpected request ${String(url)}`);
      return respond();
    });
  const emptyWorkList = { [`${WORK_BASE}?${WORK_SELECT}&$top=999`]: () => json({ value: [] }) };

  beforeEach(() => {
    fetchStub = sinon.stub(globalThis, 'fetch');
    profiles = new GraphEnrollmentProfiles(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 2000 }));
  });
  afterEach(() => sinon.restore());

  describe('find', () => {
    it('lists with $select and $top=999, follows @odata.nextLink, and matches names trimmed and case-insensitively', async () => {
      const nextLink = `${BASE}?$select=id,displayName&$top=999&$skiptoken=abc%3D%3D`;
      const workNext = `${WORK_BASE}?$skiptoken=w2`;
      answer({
        [`${BASE}?${SELECT}&$top=999`]: () => json({ value: [profile('a', 'Front desk'), profile('b', 'Warehouse')], '@odata.nextLink': nextLink }),
        [nextLink]: () => json({ value: [profile('c', '  front DESK '), profile('d', 'Front désk')] }),
        [`${WORK_BASE}?${WORK_SELECT}&$top=999`]: () => json({ value: [{ id: 'w', displayName: 'FRONT desk', enrolledDeviceCount: 2 }], '@odata.nextLink': workNext }),
        [workNext]: () => json({ value: [{ id: 'x', displayName: 'Other' }] }),
      });
      const found = await profiles.find('  FRONT desk ');
      assert.deepEqual(found.map((p) => [p.id, p.kind]), [['a', 'device-owner'], ['c', 'device-owner'], ['w', 'work-profile']]);
      assert.deepEqual(fetchStub.getCalls().map((call) => String(call.args[0])).sort(), [`${BASE}?${SELECT}&$top=999`, nextLink, `${WORK_BASE}?${WORK_SELECT}&$top=999`, workNext].sort());
    });

    it('tries an id-like query as an id first and returns that profile alone', async () => {
      fetchStub.resolves(json(profile('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'Kiosk')));
      const found = await profiles.find('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
      assert.deepEqual(found.map((p) => p.id), ['0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0']);
      assert.deepEqual(urls(), [`${BASE}/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0?${SELECT}`]);
    });

    it('falls back to names when the GUID lookup is 404, and tries no GET for a word that is not a GUID (Intune would answer 400)', async () => {
      answer({
        [`${BASE}/${P1}?${SELECT}`]: () => graphError(404, 'ResourceNotFound', 'not found'),
        [`${WORK_BASE}/${P1}?${WORK_SELECT}`]: () => graphError(404, 'ResourceNotFound', 'not found'),
        [`${BASE}?${SELECT}&$top=999`]: () => json({ value: [profile('a', 'Kiosk')] }),
        ...emptyWorkList,
      });
      assert.deepEqual(await profiles.find(P1), []);
      const [first, second, ...lists] = urls();
      assert.deepEqual([first, second], [`${BASE}/${P1}?${SELECT}`, `${WORK_BASE}/${P1}?${WORK_SELECT}`], 'the id is tried in each kind, Device Owner first');
      assert.deepEqual(lists.sort(), [`${BASE}?${SELECT}&$top=999`, `${WORK_BASE}?${WORK_SELECT}&$top=999`]);

      for (const query of ['kiosk', 'kiosk-lisbon', '0f1e2d3c4b5a49788796a5b4c3d2e1f0', 'front DESK']) {
        fetchStub.resetHistory();
        answer({ [`${BASE}?${SELECT}&$top=999`]: () => json({ value: [profile('w', 'Front desk')] }), ...emptyWorkList });
        await profiles.find(query);
        assert.deepEqual(sortedUrls(), [`${BASE}?${SELECT}&$top=999`, `${WORK_BASE}?${WORK_SELECT}&$top=999`], query);
      }
    });

    it('surfaces a 400 from the GUID lookup instead of taking it for "no such profile"', async () => {
      fetchStub.resolves(graphError(400, 'BadRequest', 'Parsing OData Select and Expand failed: Could not find a property named \'x\' on type \'y\'.'));
      const error = await profiles.find(P1).catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'unknown');
      assert.equal(fetchStub.callCount, 1);
    });

    it('returns several matches, and none for an unknown name or an empty query', async () => {
      answer({ [`${BASE}?${SELECT}&$top=999`]: () => json({ value: [profile('a', 'Front desk'), profile('b', 'front desk'), profile('c', 'Back desk')] }), ...emptyWorkList });
      assert.deepEqual((await profiles.find('Front Desk')).map((p) => p.id), ['a', 'b']);
      assert.deepEqual(await profiles.find('Side desk'), []);
      const calls = fetchStub.callCount;
      assert.deepEqual(await profiles.find('   '), []);
      assert.equal(fetchStub.callCount, calls, 'an empty query asks Graph nothing');
    });

    it('never returns the secret fields even if Graph sends them', async () => {
      const withSecrets = () => json({ value: [profile('a', 'Front desk', { tokenValue: 'SECRET', qrCodeContent: 'SECRET', wifiPassword: 'SECRET' })] });
      answer({ [`${BASE}?${SELECT}&$top=999`]: withSecrets, [`${WORK_BASE}?${WORK_SELECT}&$top=999`]: withSecrets });
      const found = await profiles.find('Front desk');
      assert.equal(found.length, 2);
      assert.doesNotMatch(JSON.stringify(found), /SECRET/);
    });

    it('turns a listing failure into a GraphFailure (not-applicable tenant)', async () => {
      fetchStub.callsFake(async () => graphError(400, 'BadRequest', JSON.stringify({ _version: 3, Message: 'Request not applicable to target tenant.' })));
      const error = await profiles.find('Front desk').catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'not-applicable');
      assert.equal(error.failure.graphRequestId, 'req-400');
    });

    it('also surfaces not-applicable from the id lookup instead of swallowing the 400', async () => {
      fetchStub.resolves(graphError(400, 'BadRequest', 'Request not applicable to target tenant.'));
      const error = await profiles.find(P1).catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'not-applicable');
      assert.equal(fetchStub.callCount, 1);
    });

    it('stops following next links after maxPages', async () => {
      profiles = new GraphEnrollmentProfiles(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 2000 }), { maxPages: 3 });
      fetchStub.callsFake(async (url: unknown) =>
        String(url).startsWith(WORK_BASE) ? json({ value: [] }) : json({ value: [], '@odata.nextLink': `${BASE}?$skiptoken=again` }),
      );
      const error = await profiles.find('Front desk').catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.match(error.failure.message, /more than 3 pages/);
      assert.equal(urls().filter((url) => url.startsWith(BASE)).length, 3);
    });
  });

  describe('get', () => {
    it('selects only the shown fields, and asks nothing for a key that is not a GUID', async () => {
      fetchStub.resolves(json(profile(P1, 'Kiosk')));
      const found = await profiles.get(P1);
      assert.equal(found?.displayName, 'Kiosk');
      assert.equal(String(fetchStub.firstCall.args[0]), `${BASE}/${P1}?${SELECT}`);
      assert.equal(await profiles.get('a/b'), undefined);
      assert.equal(fetchStub.callCount, 1);
    });

    it('finds a work-profile profile when the Device Owner collection has no such id, and asks only its kind when told', async () => {
      answer({
        [`${BASE}/${P1}?${SELECT}`]: () => graphError(404, 'ResourceNotFound', 'nope'),
        [`${WORK_BASE}/${P1}?${WORK_SELECT}`]: () => json({ id: P1, displayName: 'Work Profile Sales', tokenExpirationDateTime: '2030-01-01T00:00:00Z', enrolledDeviceCount: 7 }),
      });
      const found = await profiles.get(P1);
      assert.equal(found?.kind, 'work-profile');
      assert.equal(found?.enrolledDeviceCount, 7);
      fetchStub.resetHistory();
      assert.equal((await profiles.get(P1, 'work-profile'))?.displayName, 'Work Profile Sales');
      assert.deepEqual(urls(), [`${WORK_BASE}/${P1}?${WORK_SELECT}`]);
      fetchStub.resetHistory();
      assert.equal(await profiles.get(P1, 'device-owner'), undefined);
      assert.deepEqual(urls(), [`${BASE}/${P1}?${SELECT}`]);
    });

    it('is undefined on 404 in every kind and throws GraphFailure otherwise, with the client-request-id it sent', async () => {
      fetchStub.callsFake(async () => graphError(404, 'ResourceNotFound', 'nope'));
      assert.equal(await profiles.get(P1), undefined);
      assert.equal(fetchStub.callCount, 2);
      fetchStub.callsFake(async () => graphError(403, 'Forbidden', 'Application is not authorized'));
      const error = await profiles.get(P1).catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'forbidden');
      assert.equal(fetchStub.callCount, 3, 'a failure other than 404 stops the lookup');
      const sent = new Headers((fetchStub.thirdCall.args[1] as RequestInit).headers).get('client-request-id');
      assert.match(String(sent), GUID);
      assert.equal(error.failure.clientRequestId, 'c', 'the id Graph echoed wins (here the stub echoes "c")');
    });
  });

  describe('revokeToken', () => {
    it('POSTs without a body, with a fresh client-request-id, and returns both ids of the 204', async () => {
      fetchStub.resolves(new Response(null, { status: 204, headers: { 'request-id': 'req-ok' } }));
      const first = await profiles.revokeToken(P1);
      const [url, init] = fetchStub.firstCall.args as [string, RequestInit];
      assert.equal(url, `${BASE}/${P1}/revokeToken`);
      assert.equal(init.method, 'POST');
      assert.equal(init.body, undefined);
      const sent = new Headers(init.headers).get('client-request-id');
      assert.match(String(sent), GUID);
      assert.deepEqual(first, { graphRequestId: 'req-ok', clientRequestId: sent });
      fetchStub.resolves(new Response(null, { status: 204 }));
      const second = await profiles.revokeToken(P1);
      assert.notEqual(second.clientRequestId, first.clientRequestId, 'every call has its own client-request-id');
    });

    it('resolves without a request-id when Graph sends none', async () => {
      fetchStub.resolves(new Response(null, { status: 204 }));
      assert.deepEqual(Object.keys(await profiles.revokeToken(P1)), ['clientRequestId']);
    });

    it('keeps the client-request-id on a failure that got no answer', async () => {
      fetchStub.rejects(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
      const error = await profiles.revokeToken(P1).catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'unavailable');
      assert.equal(error.failure.clientRequestId, new Headers((fetchStub.firstCall.args[1] as RequestInit).headers).get('client-request-id'));
    });

    for (const [status, code, kind] of [
      [403, 'Forbidden', 'forbidden'],
      [404, 'ResourceNotFound', 'not-found'],
      [401, 'InvalidAuthenticationToken', 'unauthorized'],
      [500, 'InternalServerError', 'unavailable'],
    ] as const) {
      it(`throws GraphFailure ${kind} with the request-id on ${status}`, async () => {
        fetchStub.resolves(graphError(status, code, `failed with ${status}`));
        const error = await profiles.revokeToken(P1).catch((e: unknown) => e);
        assert.ok(error instanceof GraphFailure);
        assert.deepEqual(error.failure, { kind, status, code, graphRequestId: `req-${status}`, clientRequestId: 'c', message: `failed with ${status}` });
      });
    }

    it('refuses an empty id without calling Graph', async () => {
      const error = await profiles.revokeToken(' ').catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.kind, 'not-found');
      assert.equal(fetchStub.callCount, 0);
    });

    it("POSTs to the work-profile collection for a work-profile profile", async () => {
      fetchStub.callsFake(async () => new Response(null, { status: 204, headers: { 'request-id': 'req-wp' } }));
      assert.equal((await profiles.revokeToken(P1, 'work-profile')).graphRequestId, 'req-wp');
      assert.equal(String(fetchStub.firstCall.args[0]), `${WORK_BASE}/${P1}/revokeToken`);
    });
  });

  describe('createToken', () => {
    for (const [kind, base] of [['device-owner', BASE], ['work-profile', WORK_BASE]] as const) {
      it(`POSTs {"tokenValidityInSeconds": N} to …/${kind === 'device-owner' ? 'androidDeviceOwner' : 'androidForWork'}EnrollmentProfiles/{id}/createToken and returns both ids`, async () => {
        fetchStub.callsFake(async () => new Response(null, { status: 204, headers: { 'request-id': `req-${kind}` } }));
        const result = await profiles.createToken(P1, 7_776_000, kind);
        const [url, init] = fetchStub.firstCall.args as [string, RequestInit];
        assert.equal(url, `${base}/${P1}/createToken`);
        assert.equal(init.method, 'POST');
        assert.deepEqual(JSON.parse(String(init.body)), { tokenValidityInSeconds: 7_776_000 });
        assert.equal(new Headers(init.headers).get('content-type')?.startsWith('application/json'), true);
        assert.equal(result.graphRequestId, `req-${kind}`);
        assert.match(String(result.clientRequestId), GUID);
      });
    }

    it('throws GraphFailure with the ids on a 400', async () => {
      fetchStub.callsFake(async () => graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.'));
      const error = await profiles.createToken(P1, 1).catch((e: unknown) => e);
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.failure.status, 400);
      assert.equal(error.failure.graphRequestId, 'req-400');
    });
  });
});
