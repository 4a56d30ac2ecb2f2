import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { createGraphClient } from '../../../src/intune/graph-client';
import { withGraphCause } from '../../../src/intune/graph-correlation';
import { GraphProfileSource } from '../../../src/intune/graph-profile-source';
import type { Logger } from '../../../src/support/logger';

/** Every Graph call gets a fresh client-request-id, logged with the turn or request that caused it. */
const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROFILE = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';

describe('Graph call correlation', () => {
  let fetchStub: sinon.SinonStub;
  let logged: { message: string; fields: Record<string, unknown> }[];
  const logger: Logger = {
    debug: (message, fields = {}) => logged.push({ message, fields }),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const sentIds = () => fetchStub.getCalls().map((call) => new Headers((call.args[1] as RequestInit).headers).get('client-request-id'));

  beforeEach(() => {
    logged = [];
    fetchStub = sinon.stub(globalThis, 'fetch');
  });
  afterEach(() => sinon.restore());

  it('sends a fresh GUID per call and logs it with the cause, status and Graph request-id (never the query)', async () => {
    fetchStub.callsFake(async () => new Response(JSON.stringify({ value: [] }), { status: 200, headers: { 'content-type': 'application/json', 'request-id': 'graph-r' } }));
    const client = createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000, logger });
    await withGraphCause({ activityId: 'activity-1' }, () => client.api('/deviceManagement/androidDeviceOwnerEnrollmentProfiles').filter("displayName eq 'x'").get());
    await client.api('/deviceManagement/androidDeviceOwnerEnrollmentProfiles').get();
    const [first, second] = sentIds();
    assert.match(String(first), GUID);
    assert.match(String(second), GUID);
    assert.notEqual(first, second);
    const calls = logged.filter((l) => l.message === 'graph call');
    assert.deepEqual(calls[0].fields.clientRequestId, first);
    assert.equal(calls[0].fields.activityId, 'activity-1');
    assert.equal(calls[0].fields.status, 200);
    assert.equal(calls[0].fields.graphRequestId, 'graph-r');
    assert.equal(calls[0].fields.path, '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles');
    assert.equal(calls[1].fields.activityId, undefined, 'outside a turn no cause is claimed');
  });

  it('keeps the id an adapter chose, and puts it on the failure when no answer came', async () => {
    fetchStub.rejects(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const source = new GraphProfileSource(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000, logger }));
    const error = (await withGraphCause({ requestId: 'req-7' }, () => source.details(PROFILE)).catch((e: unknown) => e)) as { failure: { clientRequestId?: string } };
    assert.equal(error.failure.clientRequestId, sentIds()[0]);
    const failed = logged.find((l) => l.message === 'graph call failed');
    assert.equal(failed?.fields.clientRequestId, sentIds()[0]);
    assert.equal(failed?.fields.requestId, 'req-7');
  });
});
