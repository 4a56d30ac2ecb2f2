import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { createGraphClient } from '../../../src/intune/graph-client';
import { GraphBatchRevokes } from '../../../src/intune/graph-batch-revokes';

/** What GraphBatchRevokes sends and how it reads each item's answer, against a fetch stub. */
const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('GraphBatchRevokes', () => {
  let fetchStub: sinon.SinonStub;
  let revokes: GraphBatchRevokes;
  beforeEach(() => {
    fetchStub = sinon.stub(globalThis, 'fetch');
    revokes = new GraphBatchRevokes(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 2000, retry: { maxRetries: 0, maxWaitSeconds: 1 } }), { graphBaseUrl: 'https://graph.microsoft.com' });
  });
  afterEach(() => sinon.restore());

  it('sends one POST /beta/$batch with one relative revokeToken URL per profile, the path following each kind', async () => {
    fetchStub.resolves(json({ responses: [{ id: '1', status: 204, headers: { 'request-id': 'g-1' } }, { id: '2', status: 204, headers: {} }] }));
    const results = await revokes.revokeBatch([{ profileId: 'a' }, { profileId: 'b', kind: 'work-profile' }]);
    sinon.assert.calledOnce(fetchStub);
    const [url, init] = fetchStub.firstCall.args as [string, RequestInit];
    assert.equal(String(url), 'https://graph.microsoft.com/beta/$batch');
    const body = JSON.parse(String(init.body)) as { requests: { id: string; method: string; url: string; headers?: Record<string, string> }[] };
    assert.deepEqual(body.requests.map((r) => [r.id, r.method, r.url]), [
      ['1', 'POST', '/deviceManagement/androidDeviceOwnerEnrollmentProfiles/a/revokeToken'],
      ['2', 'POST', '/deviceManagement/androidForWorkEnrollmentProfiles/b/revokeToken'],
    ]);
    assert.ok(body.requests[0].headers?.['client-request-id']);
    assert.deepEqual(results.map((r) => r.ok), [true, true]);
    assert.equal(results[0].ok && results[0].graphRequestId, 'g-1');
  });

  it('reads a per-item 429 with its Retry-After as throttled, and another failure through graph-failure with its request-id', async () => {
    fetchStub.resolves(
      json({
        responses: [
          { id: '2', status: 404, headers: { 'Content-Type': 'application/json', 'request-id': 'g-404' }, body: { error: { code: 'ResourceNotFound', message: 'Not found' } } },
          { id: '1', status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } },
        ],
      }),
    );
    const [first, second] = await revokes.revokeBatch([{ profileId: 'a' }, { profileId: 'b' }]);
    assert.ok(!first.ok && first.throttled && first.retryAfterSeconds === 7);
    assert.ok(!second.ok && !second.throttled);
    assert.equal(!second.ok && second.failure.kind, 'not-found');
    assert.equal(!second.ok && second.failure.graphRequestId, 'g-404');
  });

  it('turns a failure of the whole batch into a failure of each item, and refuses more than 20', async () => {
    fetchStub.resolves(json({ error: { code: 'Forbidden', message: 'no' } }, 403));
    const results = await revokes.revokeBatch([{ profileId: 'a' }, { profileId: 'b' }]);
    assert.deepEqual(results.map((r) => !r.ok && r.failure.kind), ['forbidden', 'forbidden']);
    await assert.rejects(revokes.revokeBatch(Array.from({ length: 21 }, (_, i) => ({ profileId: String(i) }))), /at most 20/);
  });
});
