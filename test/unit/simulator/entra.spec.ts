import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { DEFAULT_TENANT_ID, SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { jwtParts, simRequest } from './sim-https';

/** Entra ID: discovery for any tenant segment, the client_credentials token endpoint, errors. */
describe('simulator', () => {
  describe('Entra ID', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ clients: [SIM_GRAPH_CLIENT, SIM_BOT_CLIENT, { id: 'cert-app', secret: 'unused' }] });
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    const tokenRequest = (fields: Record<string, string>, tenant = sim.tenantId) =>
      simRequest(sim, 'POST', `/${tenant}/oauth2/v2.0/token`, {
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': 'corr-1' },
      });

    for (const tenant of [DEFAULT_TENANT_ID, 'botframework.com', 'organizations']) {
      it(`serves OpenID configuration for tenant "${tenant}" (v2 and v1 paths) with endpoints under baseUrl`, async () => {
        for (const path of [`/${tenant}/v2.0/.well-known/openid-configuration`, `/${tenant}/.well-known/openid-configuration`]) {
          const res = await simRequest(sim, 'GET', path);
          assert.equal(res.status, 200, path);
          const doc = res.json();
          assert.equal(doc.token_endpoint, `${sim.baseUrl}/${tenant}/oauth2/v2.0/token`);
          assert.equal(doc.authorization_endpoint, `${sim.baseUrl}/${tenant}/oauth2/v2.0/authorize`);
          assert.equal(doc.end_session_endpoint, `${sim.baseUrl}/${tenant}/oauth2/v2.0/logout`);
          assert.equal(doc.jwks_uri, `${sim.baseUrl}/${tenant}/discovery/v2.0/keys`);
          // MSAL requires the issuer's origin to equal the authority's.
          assert.equal(new URL(doc.issuer).origin, sim.baseUrl);
        }
      });
    }

    it('issues an RS256 token whose audience is the scope without /.default and records it', async () => {
      const res = await tokenRequest({ grant_type: 'client_credentials', client_id: SIM_BOT_CLIENT.id, client_secret: SIM_BOT_CLIENT.secret, scope: 'https://api.botframework.com/.default' });
      assert.equal(res.status, 200);
      const body = res.json();
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3599);
      assert.equal(body.ext_expires_in, 3599);
      const { header, payload } = jwtParts(body.access_token);
      assert.equal(header.alg, 'RS256');
      assert.equal(payload.aud, 'https://api.botframework.com');
      assert.equal(payload.appid, SIM_BOT_CLIENT.id);
      assert.equal(payload.azp, SIM_BOT_CLIENT.id);
      assert.equal(payload.tid, sim.tenantId);
      assert.ok((payload.exp as number) > Date.now() / 1000 + 3500);
      const keys = (await simRequest(sim, 'GET', `/${sim.tenantId}/discovery/v2.0/keys`)).json().keys;
      assert.deepEqual(keys.map((k: { kid: string }) => k.kid), [header.kid]);
      assert.deepEqual(sim.entra.tokensIssued, [{ clientId: SIM_BOT_CLIENT.id, scope: 'https://api.botframework.com/.default' }]);
    });

    it('answers an unknown client and a wrong secret with 401 and an AADSTS body', async () => {
      const unknown = await tokenRequest({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x', scope: 'https://graph.microsoft.com/.default' });
      assert.equal(unknown.status, 401);
      assert.equal(unknown.json().error, 'unauthorized_client');
      assert.match(unknown.json().error_description, /^AADSTS700016: /);
      assert.equal(unknown.json().correlation_id, 'corr-1');
      const wrong = await tokenRequest({ grant_type: 'client_credentials', client_id: SIM_GRAPH_CLIENT.id, client_secret: 'nope', scope: 'https://graph.microsoft.com/.default' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.json().error, 'invalid_client');
      assert.deepEqual(wrong.json().error_codes, [7000215]);
      assert.doesNotMatch(wrong.text, /nope/);
      assert.deepEqual(sim.entra.tokensIssued, []);
    });

    it('rejects other grant types and scopes without /.default with 400', async () => {
      const grant = await tokenRequest({ grant_type: 'password', client_id: SIM_GRAPH_CLIENT.id, client_secret: SIM_GRAPH_CLIENT.secret, scope: 'https://graph.microsoft.com/.default' });
      assert.equal(grant.status, 400);
      assert.equal(grant.json().error, 'unsupported_grant_type');
      const scope = await tokenRequest({ grant_type: 'client_credentials', client_id: SIM_GRAPH_CLIENT.id, client_secret: SIM_GRAPH_CLIENT.secret, scope: 'https://graph.microsoft.com/User.Read' });
      assert.equal(scope.status, 400);
      assert.equal(scope.json().error, 'invalid_scope');
    });

    it('accepts a certificate assertion whose iss and sub are the client id, and refuses a mismatched one', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const assertion = (iss: string) => {
        const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
        const input = `${enc({ alg: 'RS256', typ: 'JWT', x5t: 'abc' })}.${enc({ iss, sub: iss, aud: 'x', exp: Math.floor(Date.now() / 1000) + 600, jti: '1' })}`;
        return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
      };
      const base = { grant_type: 'client_credentials', client_id: 'cert-app', scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' };
      const ok = await tokenRequest({ ...base, client_assertion: assertion('cert-app') });
      assert.equal(ok.status, 200);
      assert.equal(jwtParts(ok.json().access_token).payload.appidacr, '2');
      const bad = await tokenRequest({ ...base, client_assertion: assertion('someone-else') });
      assert.equal(bad.status, 401);
      assert.equal(bad.json().error, 'invalid_client');
    });

    it('accepts the v1 token endpoint with `resource` instead of a scope', async () => {
      const res = await simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/token`, {
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SIM_GRAPH_CLIENT.id, client_secret: SIM_GRAPH_CLIENT.secret, resource: 'https://graph.microsoft.com/' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 200);
      assert.equal(jwtParts(res.json().access_token).payload.aud, 'https://graph.microsoft.com');
    });

    it('answers instance discovery leniently with its own host as the only alias', async () => {
      const res = await simRequest(sim, 'GET', `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${sim.baseUrl}/botframework.com/oauth2/v2.0/authorize`)}`);
      assert.equal(res.status, 200);
      const host = new URL(sim.baseUrl).host;
      assert.equal(res.json().tenant_discovery_endpoint, `${sim.baseUrl}/botframework.com/v2.0/.well-known/openid-configuration`);
      assert.deepEqual(res.json().metadata[0].aliases, [host]);
    });
  });
});
