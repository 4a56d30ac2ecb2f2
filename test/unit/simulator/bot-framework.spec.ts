import assert from 'node:assert/strict';
import { createPublicKey, createVerify } from 'node:crypto';
import { SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { fetchToken, jwtParts, simRequest } from './sim-https';

/** The Bot Framework channel: signing metadata, signed tokens, and the connector the bot calls. */
describe('simulator', () => {
  describe('Bot Framework channel', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator();
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    async function jwksFor(metadataUrl: string): Promise<{ metadata: any; keys: any[] }> {
      const metadata = (await simRequest(sim, 'GET', metadataUrl)).json();
      const keys = (await simRequest(sim, 'GET', metadata.jwks_uri)).json().keys;
      return { metadata, keys };
    }

    function verifiesWith(token: string, jwk: { n: string; e: string }): boolean {
      const [h, p, s] = token.split('.');
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
      return createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url'));
    }

    it('exposes the seven endpoint settings under baseUrl with the public issuer, scope and caller id', () => {
      const s = sim.botFramework.settings;
      assert.deepEqual(Object.keys(s).sort(), ['CallerId', 'OAuthUrl', 'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToBotFromEmulatorOpenIdMetadataUrl', 'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope']);
      assert.equal(s.ToBotFromChannelTokenIssuer, 'https://api.botframework.com');
      assert.equal(s.ToChannelFromBotOAuthScope, 'https://api.botframework.com');
      assert.equal(s.CallerId, 'urn:botframework:azure');
      for (const url of [s.ToChannelFromBotLoginUrl, s.OAuthUrl, s.ToBotFromChannelOpenIdMetadataUrl, s.ToBotFromEmulatorOpenIdMetadataUrl]) {
        assert.ok(url.startsWith(`${sim.baseUrl}/`), url);
      }
      assert.equal(sim.botFramework.serviceUrl, `${sim.baseUrl}/connector/`);
    });

    it('signs tokens with the claims botbuilder checks, verifiable with node crypto against the served JWKS', async () => {
      const { metadata, keys } = await jwksFor(sim.botFramework.settings.ToBotFromChannelOpenIdMetadataUrl);
      assert.equal(metadata.issuer, 'https://api.botframework.com');
      assert.deepEqual(metadata.id_token_signing_alg_values_supported, ['RS256']);
      const token = sim.botFramework.signToken({ appId: 'bot-app', expiresInSeconds: 120, notBeforeOffsetSeconds: -30 });
      const { header, payload } = jwtParts(token);
      const jwk = keys.find((k) => k.kid === header.kid);
      assert.ok(jwk, 'kid is in the JWKS');
      assert.equal(jwk.kty, 'RSA');
      assert.deepEqual(jwk.endorsements, ['msteams']);
      assert.equal(header.alg, 'RS256');
      assert.equal(verifiesWith(token, jwk), true);
      const now = Math.floor(Date.now() / 1000);
      assert.equal(payload.iss, 'https://api.botframework.com');
      assert.equal(payload.aud, 'bot-app');
      assert.equal(payload.serviceurl, sim.botFramework.serviceUrl);
      assert.ok(Math.abs((payload.exp as number) - (now + 120)) <= 2);
      assert.ok(Math.abs((payload.nbf as number) - (now - 30)) <= 2);
      assert.ok(Math.abs((payload.iat as number) - now) <= 2);
    });

    it('forges a signature under the known kid, and honours issuer/audience/kid/serviceUrl overrides', async () => {
      const { keys } = await jwksFor(sim.botFramework.settings.ToBotFromChannelOpenIdMetadataUrl);
      const forged = sim.botFramework.signToken({ appId: 'bot-app', forgeSignature: true });
      assert.equal(jwtParts(forged).header.kid, keys[0].kid);
      assert.equal(verifiesWith(forged, keys[0]), false);
      const custom = jwtParts(sim.botFramework.signToken({ appId: 'bot-app', issuer: 'i', audience: 'a', kid: 'k', serviceUrl: 'https://s/' }));
      assert.deepEqual([custom.payload.iss, custom.payload.aud, custom.header.kid, custom.payload.serviceurl], ['i', 'a', 'k', 'https://s/']);
    });

    it('serves emulator metadata with a different key', async () => {
      const channel = await jwksFor(sim.botFramework.settings.ToBotFromChannelOpenIdMetadataUrl);
      const emulator = await jwksFor(sim.botFramework.settings.ToBotFromEmulatorOpenIdMetadataUrl);
      assert.equal(emulator.keys.length, 1);
      assert.notEqual(emulator.keys[0].kid, channel.keys[0].kid);
      assert.notEqual(emulator.keys[0].n, channel.keys[0].n);
    });

    describe('connector', () => {
      const cid = '19:meeting_Zm9v@thread.v2;messageid=1700000000000';
      const encoded = encodeURIComponent(cid);
      let botToken: string;
      before(async () => {
        botToken = await fetchToken(sim, SIM_BOT_CLIENT, 'https://api.botframework.com/.default');
      });

      it('decodes conversation ids, answers fresh ids for new messages and replies, keeps the id on update', async () => {
        const sent = await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities`, { token: botToken, body: { type: 'message', text: 'hello' } });
        assert.equal(sent.status, 201);
        const sentId = sent.json().id;
        const reply = await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities/${sentId}`, { token: botToken, body: { type: 'message', text: 'reply' } });
        const replyId = reply.json().id;
        assert.notEqual(replyId, sentId);
        const update = await simRequest(sim, 'PUT', `/connector/v3/conversations/${encoded}/activities/${sentId}`, { token: botToken, body: { type: 'message', text: 'edited' } });
        assert.equal(update.status, 200);
        assert.equal(update.json().id, sentId);
        assert.deepEqual(
          sim.connector.activities.map((a) => [a.method, a.conversationId, a.activityId, a.replyToId, a.authorized, a.activity.text]),
          [
            ['POST', cid, sentId, undefined, true, 'hello'],
            ['POST', cid, replyId, sentId, true, 'reply'],
            ['PUT', cid, sentId, undefined, true, 'edited'],
          ],
        );
      });

      it('records calls without a connector token (or with a Graph token) as unauthorized', async () => {
        const graphToken = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
        await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities`, { body: { type: 'message' } });
        await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities`, { token: graphToken, body: { type: 'message' } });
        assert.deepEqual(sim.connector.activities.map((a) => a.authorized), [false, false]);
      });

      it('answers malformed JSON with 400 and unknown routes with 404 JSON, recording nothing', async () => {
        const bad = await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities`, { token: botToken, body: '{"type":' });
        assert.equal(bad.status, 400);
        assert.equal(bad.json().error.code, 'BadArgument');
        for (const [method, path] of [['GET', '/connector/v3/nothing'], ['PATCH', `/connector/v3/conversations/${encoded}/activities/1`], ['GET', '/no/such/thing']]) {
          const res = await simRequest(sim, method, path);
          assert.equal(res.status, 404, `${method} ${path}`);
          assert.ok(res.json().error.message);
        }
        assert.equal(sim.connector.activities.length, 0);
      });

      it('creates conversations and returns a Teams member', async () => {
        const created = await simRequest(sim, 'POST', '/connector/v3/conversations', { token: botToken, body: { isGroup: true, members: [{ id: '29:x' }, { id: '29:y' }], activity: { type: 'message', text: 'proactive' } } });
        assert.equal(created.status, 201);
        assert.match(created.json().id, /^a:/);
        assert.equal(sim.connector.activities[0].conversationId, created.json().id);
        const member = (await simRequest(sim, 'GET', `/connector/v3/conversations/${encoded}/members/${encodeURIComponent('29:abc')}`, { token: botToken })).json();
        assert.equal(member.id, '29:abc');
        assert.equal(member.aadObjectId, 'abc');
        assert.ok(member.userPrincipalName);
        assert.equal(member.tenantId, sim.tenantId);
      });

      it('waitFor resolves with a past match, then a future one, and times out with a readable list', async () => {
        await simRequest(sim, 'POST', `/connector/v3/conversations/${encoded}/activities`, { token: botToken, body: { type: 'message', text: 'first' } });
        assert.equal((await sim.connector.waitFor((a) => a.activity.text === 'first')).activity.text, 'first');
        const future = sim.connector.waitFor((a) => a.method === 'PUT', 2000);
        await simRequest(sim, 'PUT', `/connector/v3/conversations/${encoded}/activities/42`, { token: botToken, body: { type: 'message', text: 'later' } });
        assert.equal((await future).activityId, '42');
        await assert.rejects(sim.connector.waitFor((a) => a.activity.text === 'never', 50), (error: Error) => {
          assert.match(error.message, /no matching activity within 50 ms/);
          assert.match(error.message, /PUT .* id=42 message "later"/);
          return true;
        });
        sim.connector.clear();
        assert.equal(sim.connector.activities.length, 0);
      });
    });
  });
});
