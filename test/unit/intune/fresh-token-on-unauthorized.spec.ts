import assert from 'node:assert/strict';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import sinon from 'sinon';
import { GraphFailure } from '../../../src/approvals/enrollment-profiles';
import { createGraphClient } from '../../../src/intune/graph-client';
import { GraphEnrollmentProfiles } from '../../../src/intune/graph-enrollment-profiles';

/** A 401 from Graph is retried once with a token fetched past the credential's cache. */
describe('Graph client: a fresh token after a 401', () => {
  let fetchStub: sinon.SinonStub;
  let tokenRequests: (GetTokenOptions | undefined)[];
  let profiles: GraphEnrollmentProfiles;

  /** Hands out the cached token until asked for claims (what MSAL does). */
  const credential: TokenCredential = {
    async getToken(_scopes, options): Promise<AccessToken> {
      tokenRequests.push(options);
      return { token: options?.claims ? 'fresh-token' : 'cached-token', expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };

  function unauthorized(): Response {
    return new Response(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' } }), {
      status: 401,
      headers: { 'content-type': 'application/json', 'request-id': 'req-401' },
    });
  }

  /** Authorization headers as sent (read at call time: the client reuses its headers object). */
  let sentAuthorizations: (string | null)[];
  const authorizationOf = (call: number) => sentAuthorizations[call];
  function answer(...responses: (() => Response)[]): void {
    fetchStub.callsFake(async (_url: unknown, init: RequestInit) => {
      sentAuthorizations.push(new Headers(init.headers).get('authorization'));
      const next = responses[Math.min(sentAuthorizations.length - 1, responses.length - 1)];
      return next();
    });
  }

  beforeEach(() => {
    tokenRequests = [];
    sentAuthorizations = [];
    fetchStub = sinon.stub(globalThis, 'fetch');
    profiles = new GraphEnrollmentProfiles(createGraphClient({ credential, graphBaseUrl: 'https://graph.microsoft.com', timeoutMs: 2000 }));
  });
  afterEach(() => sinon.restore());

  it('retries once with a token that skipped the cache, and succeeds', async () => {
    answer(unauthorized, () => new Response(null, { status: 204, headers: { 'request-id': 'req-ok' } }));
    assert.equal((await profiles.revokeToken('p1')).graphRequestId, 'req-ok');
    assert.equal(fetchStub.callCount, 2);
    assert.equal(authorizationOf(0), 'Bearer cached-token');
    assert.equal(authorizationOf(1), 'Bearer fresh-token', 'only the fresh token is sent, not appended to the old one');
    assert.equal(tokenRequests[0]?.claims, undefined);
    assert.match(String(tokenRequests[1]?.claims), /"nbf":\{"essential":true,"value":"\d+"\}/);
  });

  it('a second 401 is the answer: unauthorized, after exactly two calls; the next call uses the cache again', async () => {
    answer(unauthorized);
    const error = await profiles.revokeToken('p1').catch((e: unknown) => e);
    assert.ok(error instanceof GraphFailure);
    assert.equal(error.failure.kind, 'unauthorized');
    assert.equal(fetchStub.callCount, 2);

    sentAuthorizations = [];
    answer(() => new Response(null, { status: 204 }));
    await profiles.revokeToken('p1');
    assert.equal(authorizationOf(0), 'Bearer cached-token');
    assert.equal(tokenRequests.at(-1)?.claims, undefined);
  });
});
