import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { GraphGroupMembership } from '../../../src/directory/graph-group-membership';
import { GraphFailure } from '../../../src/approvals/enrollment-profiles';
import { createGraphClient } from '../../../src/intune/graph-client';

const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function graphError(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code, message: code, innerError: { 'request-id': `req-${status}` } } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

const G1 = '9a0b0000-0000-4000-8000-0000000a99e0';
const U1 = 'a11ce000-0000-4000-8000-000000000001';
const U2 = 'b0b00000-0000-4000-8000-000000000002';

describe('GraphGroupMembership', () => {
  let fetchStub: sinon.SinonStub;
  let membership: GraphGroupMembership;

  beforeEach(() => {
    fetchStub = sinon.stub(globalThis, 'fetch');
    membership = new GraphGroupMembership(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 2000 }));
  });
  afterEach(() => sinon.restore());

  it('asks v1.0 transitiveMembers and answers true on 200', async () => {
    fetchStub.resolves(new Response(JSON.stringify({ '@odata.type': '#microsoft.graph.user', id: 'u1' }), { status: 200, headers: { 'content-type': 'application/json' } }));
    assert.equal(await membership.isMember(G1, U1), true);
    assert.equal(String(fetchStub.firstCall.args[0]), `https://graph.microsoft.com/v1.0/groups/${G1}/transitiveMembers/${U1}?$select=id`);
  });

  it('answers false on 404', async () => {
    fetchStub.resolves(graphError(404, 'Request_ResourceNotFound'));
    assert.equal(await membership.isMember(G1, U2), false);
  });

  it('throws GraphFailure on anything else, so the caller can deny with a reason', async () => {
    fetchStub.resolves(graphError(403, 'Authorization_RequestDenied'));
    const error = await membership.isMember(G1, U1).catch((e: unknown) => e);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'forbidden');
    assert.equal(error.failure.graphRequestId, 'req-403');
  });

  it('answers false for empty ids without asking Graph', async () => {
    assert.equal(await membership.isMember(G1, ''), false);
    assert.equal(fetchStub.callCount, 0);
  });

  it('answers false for object ids that are not GUIDs without asking Graph (".": the whole member list)', async () => {
    for (const id of ['.', '..', '%2e', `${U1}/..`, `${U1}?x`, 'u1']) assert.equal(await membership.isMember(G1, id), false, id);
    assert.equal(fetchStub.callCount, 0);
  });

  it('refuses a group id that is not a GUID', async () => {
    await assert.rejects(membership.isMember('..', U1), /not a GUID/);
    assert.equal(fetchStub.callCount, 0);
  });
});
