import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { createGraphClient, graphScopeFor, isKnownGraphHost } from '../../../src/intune/graph-client';
import { GraphFailure } from '../../../src/approvals/enrollment-profiles';
import { GraphEnrollmentProfiles } from '../../../src/intune/graph-enrollment-profiles';

function credential(token = 'app-token'): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(requested: string | string[]): Promise<AccessToken> {
      scopes.push([requested].flat());
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('graphScopeFor', () => {
  it('uses the host itself for Microsoft\'s Graph hosts and the public audience for a private one', () => {
    assert.equal(graphScopeFor('https://graph.microsoft.com'), 'https://graph.microsoft.com/.default');
    assert.equal(graphScopeFor('https://graph.microsoft.us/'), 'https://graph.microsoft.us/.default');
    assert.equal(graphScopeFor('https://microsoftgraph.chinacloudapi.cn'), 'https://microsoftgraph.chinacloudapi.cn/.default');
    assert.equal(graphScopeFor('https://127.0.0.1:9443'), 'https://graph.microsoft.com/.default');
    assert.equal(isKnownGraphHost('dod-graph.microsoft.us'), true);
    assert.equal(isKnownGraphHost('graph.microsoft.com.example'), false);
  });
});

describe('createGraphClient', () => {
  let fetchStub: sinon.SinonStub;

  beforeEach(() => {
    fetchStub = sinon.stub(globalThis, 'fetch');
  });
  afterEach(() => sinon.restore());

  it('refuses a plain-http Graph, where the token would be silently dropped', () => {
    assert.throws(() => createGraphClient({ credential: credential(), graphBaseUrl: 'http://127.0.0.1:9000', timeoutMs: 1000 }), /https/);
  });

  it('attaches the token to a private host with a port (customHosts) and asks for the public Graph scope', async () => {
    fetchStub.resolves(new Response(null, { status: 204, headers: { 'request-id': 'r1' } }));
    const cred = credential('tok-123');
    const client = createGraphClient({ credential: cred, graphBaseUrl: 'https://127.0.0.1:9443/', timeoutMs: 1000 });
    await new GraphEnrollmentProfiles(client).revokeToken('p1');
    const [url, init] = fetchStub.firstCall.args as [string, RequestInit];
    assert.equal(url, 'https://127.0.0.1:9443/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/p1/revokeToken');
    assert.equal(new Headers(init.headers).get('Authorization'), 'Bearer tok-123');
    assert.deepEqual(cred.scopes[0], ['https://graph.microsoft.com/.default']);
  });

  it('gives each attempt a deadline: a hung Graph ends as timeout', async () => {
    fetchStub.callsFake(hangUntilAborted);
    const client = createGraphClient({ credential: credential(), graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 150 });
    const started = Date.now();
    const error = await new GraphEnrollmentProfiles(client).revokeToken('p1').catch((e: unknown) => e);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'timeout');
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });

  it('times out a token endpoint that never answers', async () => {
    fetchStub.resolves(new Response(null, { status: 204 }));
    const silent: TokenCredential = { getToken: () => new Promise<never>(() => undefined) };
    const client = createGraphClient({ credential: silent, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 100 });
    const error = await new GraphEnrollmentProfiles(client).revokeToken('p1').catch((e: unknown) => e);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'timeout');
    assert.match(error.failure.message, /token endpoint/);
    assert.equal(fetchStub.callCount, 0);
  });

  it('names a refused connection: unavailable (ECONNREFUSED)', async () => {
    fetchStub.rejects(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    const client = createGraphClient({ credential: credential(), graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000 });
    const error = await new GraphEnrollmentProfiles(client).revokeToken('p1').catch((e: unknown) => e);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'unavailable');
    assert.match(error.failure.message, /ECONNREFUSED/);
  });

  it('retries 429 after Retry-After and then succeeds', async () => {
    fetchStub.onFirstCall().resolves(throttled('0'));
    fetchStub.onSecondCall().resolves(new Response(null, { status: 204, headers: { 'request-id': 'after-retry' } }));
    const client = createGraphClient({ credential: credential(), graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000 });
    const result = await new GraphEnrollmentProfiles(client).revokeToken('p1');
    assert.equal(fetchStub.callCount, 2);
    const sent = fetchStub.getCalls().map((call) => new Headers((call.args[1] as RequestInit).headers).get('client-request-id'));
    assert.equal(sent[0], sent[1], 'a retry is the same call: same client-request-id');
    assert.deepEqual(result, { graphRequestId: 'after-retry', clientRequestId: sent[0] });
  });

  it('stops after 3 retries and reports the last answer', async () => {
    fetchStub.callsFake(async () => new Response('{"error":{"code":"ServiceUnavailable","message":"down"}}', { status: 503, headers: { 'Retry-After': '0', 'content-type': 'application/json', 'request-id': 'r-503' } }));
    const client = createGraphClient({ credential: credential(), graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000 });
    const error = await new GraphEnrollmentProfiles(client).revokeToken('p1').catch((e: unknown) => e);
    assert.equal(fetchStub.callCount, 4);
    assert.ok(error instanceof GraphFailure);
    const sent = new Headers((fetchStub.firstCall.args[1] as RequestInit).headers).get('client-request-id');
    assert.deepEqual(error.failure, { kind: 'unavailable', status: 503, code: 'ServiceUnavailable', graphRequestId: 'r-503', clientRequestId: sent, message: 'down' });
  });

  it('does not wait for a Retry-After longer than the bound: fails at once as throttled', async () => {
    fetchStub.resolves(throttled('120'));
    const client = createGraphClient({ credential: credential(), graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 1000 });
    const started = Date.now();
    const error = await new GraphEnrollmentProfiles(client).revokeToken('p1').catch((e: unknown) => e);
    assert.ok(Date.now() - started < 1000);
    assert.equal(fetchStub.callCount, 1);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'throttled');
    assert.equal(error.failure.retryAfterSeconds, 120);
  });
});

function throttled(retryAfter: string): Response {
  return new Response('{"error":{"code":"TooManyRequests","message":"Too many requests"}}', {
    status: 429,
    headers: { 'Retry-After': retryAfter, 'content-type': 'application/json' },
  });
}

function hangUntilAborted(_url: unknown, init?: RequestInit): Promise<Response> {
  return new Promise((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });
}
