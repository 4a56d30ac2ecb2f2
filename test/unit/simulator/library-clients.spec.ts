import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import type { FixtureInput } from './library-client.fixture';

/**
 * The real libraries against the simulator, each in a child process started with
 * NODE_EXTRA_CA_CERTS=<simulator CA> exactly as the bot is started: @azure/identity,
 * the Graph client (paging, 204 revoke, 429 retry, GraphError), MSAL + botframework-connector,
 * and botbuilder's own inbound token validation.
 */
const FIXTURE = join(__dirname, 'library-client.fixture.js');
const CONVERSATION_ID = '19:abc-DEF_1@thread.tacv2;messageid=1700000000000';

function runScenario(sim: Simulator, scenario: string, extra: Partial<FixtureInput> = {}): Promise<any> {
  const input: FixtureInput = {
    baseUrl: sim.baseUrl,
    tenantId: sim.tenantId,
    graphClient: SIM_GRAPH_CLIENT,
    botClient: SIM_BOT_CLIENT,
    settings: { ...sim.botFramework.settings },
    serviceUrl: sim.botFramework.serviceUrl,
    ...extra,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE, scenario], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.caCertPath, SIM_FIXTURE_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(line) as { ok: boolean; result?: unknown; error?: string };
        if (parsed.ok) resolve(parsed.result);
        else reject(new Error(`${scenario} failed in the child: ${parsed.error}\n${err.slice(0, 2000)}`));
      } catch {
        reject(new Error(`${scenario}: no result line. stdout=${out.slice(0, 500)} stderr=${err.slice(0, 2000)}`));
      }
    });
  });
}

describe('simulator', () => {
  describe('with the real client libraries (child process, NODE_EXTRA_CA_CERTS)', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator();
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    const profileId = (name: string) => {
      const found = [...sim.graph.profiles.values()].find((p) => p.displayName === name);
      assert.ok(found, name);
      return found.id;
    };

    it('is trusted by plain Node fetch once the CA is in NODE_EXTRA_CA_CERTS', async () => {
      const result = await runScenario(sim, 'fetch-root');
      assert.equal(result.status, 200);
      assert.equal(result.body.name, 'Token Guard simulator');
    });

    it('issues a Graph token to @azure/identity ClientSecretCredential and rejects a wrong secret', async () => {
      const result = await runScenario(sim, 'identity-token');
      assert.equal(result.claims.aud, 'https://graph.microsoft.com');
      assert.equal(result.claims.appid, SIM_GRAPH_CLIENT.id);
      assert.equal(result.claims.tid, sim.tenantId);
      assert.ok(result.expiresInMs > 3_500_000 && result.expiresInMs <= 3_600_000, String(result.expiresInMs));
      assert.equal(result.cached, true);
      assert.match(result.wrongSecret, /AADSTS7000215/);
      assert.deepEqual(sim.entra.tokensIssued, [{ clientId: SIM_GRAPH_CLIENT.id, scope: 'https://graph.microsoft.com/.default' }]);
    });

    it('accepts the certificate assertion @azure/identity ClientCertificateCredential sends', async () => {
      const pems = await generate([{ name: 'commonName', value: 'graph-app' }], { algorithm: 'sha256' });
      const result = await runScenario(sim, 'identity-certificate', { certificatePem: `${pems.private}\n${pems.cert}` });
      assert.equal(result.claims.appid, SIM_GRAPH_CLIENT.id);
      assert.equal(result.claims.appidacr, '2');
    });

    it('lets the Graph client page through every profile, revoke with 204 and read GraphError details', async () => {
      const id = profileId('Kiosk Porto');
      const result = await runScenario(sim, 'graph-list-and-revoke', { profileId: id });
      assert.equal(result.firstPageSize, 7);
      assert.equal(result.firstHasNextLink, true);
      assert.deepEqual(result.names, [...sim.graph.profiles.values()].map((p) => p.displayName));
      assert.equal(result.revokeStatus, 204);
      assert.equal(result.revokeRequestId, sim.graph.revokeCalls(id)[0].requestId);
      assert.equal(result.tokenValueAfter, null);
      assert.deepEqual(result.notFound, { statusCode: 404, code: 'ResourceNotFound', requestId: result.notFound.requestId, hasDate: true });
      assert.match(result.notFound.requestId, /^[0-9a-f-]{36}$/);
      assert.ok(sim.graph.calls.every((c) => c.authorized));
    });

    it('has the Graph client retry a 429 after Retry-After, and surfaces an injected 403', async () => {
      const id = profileId('Warehouse Scanners');
      const result = await runScenario(sim, 'graph-retry-429', { profileId: id });
      assert.equal(result.status, 204);
      assert.ok(result.elapsedMs >= 900, `retried after ${result.elapsedMs} ms`);
      assert.deepEqual(sim.graph.revokeCalls(id).map((c) => c.status), [429, 204, 403]);
      assert.equal(result.forbidden.statusCode, 403);
      assert.equal(result.forbidden.code, 'Forbidden');
      assert.match(result.forbidden.message, /DeviceManagementConfiguration\.ReadWrite\.All/);
    });

    it('gives MSAL a connector token and records what ConnectorClient sends, replies and updates', async () => {
      const result = await runScenario(sim, 'bot-connector', { conversationId: CONVERSATION_ID });
      const recorded = sim.connector.activities.map((a) => ({ method: a.method, conversationId: a.conversationId, activityId: a.activityId, replyToId: a.replyToId, authorized: a.authorized, text: a.activity.text }));
      assert.deepEqual(recorded, [
        { method: 'POST', conversationId: CONVERSATION_ID, activityId: result.sentId, replyToId: undefined, authorized: true, text: 'card posted' },
        { method: 'POST', conversationId: CONVERSATION_ID, activityId: result.replyId, replyToId: result.sentId, authorized: true, text: 'in thread' },
        { method: 'PUT', conversationId: CONVERSATION_ID, activityId: result.sentId, replyToId: undefined, authorized: true, text: 'card updated' },
      ]);
      assert.equal(result.updatedId, result.sentId);
      assert.notEqual(result.replyId, result.sentId);
      assert.deepEqual(sim.entra.tokensIssued, [{ clientId: SIM_BOT_CLIENT.id, scope: 'https://api.botframework.com/.default' }]);
    });

    it('signs channel tokens that botbuilder accepts, and variants it rejects', async () => {
      const appId = SIM_BOT_CLIENT.id;
      const sign = sim.botFramework.signToken;
      const tokens = {
        valid: sign({ appId }),
        forged: sign({ appId, forgeSignature: true }),
        expired: sign({ appId, expiresInSeconds: -600 }),
        notYetValid: sign({ appId, notBeforeOffsetSeconds: 900 }),
        wrongServiceUrl: sign({ appId, serviceUrl: 'https://elsewhere.example/' }),
        wrongAudience: sign({ appId, audience: 'another-bot' }),
        wrongIssuer: sign({ appId, issuer: 'https://evil.example' }),
        unknownKid: sign({ appId, kid: 'not-in-jwks' }),
      };
      const outcomes: Record<string, string> = await runScenario(sim, 'botbuilder-auth', { tokens });
      assert.match(outcomes.valid, new RegExp(`^accepted aud=${appId}`));
      for (const name of Object.keys(tokens).filter((n) => n !== 'valid')) {
        assert.match(outcomes[name], /^rejected/, `${name}: ${outcomes[name]}`);
      }
      assert.match(outcomes.forged, /signature/);
    });
  });
});
