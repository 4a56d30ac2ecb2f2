/**
 * Hostile configuration: LOCAL_DEVELOPMENT turns inbound authentication off, so it must never meet
 * real credentials or the network. With authentication off the bot listens on 127.0.0.1 only,
 * refuses to start against public Microsoft Graph or Entra hosts (unset counts as public), and
 * /healthz does not advertise it. Configured ids that are not GUIDs stop start-up too.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listeningAddresses } from '../browser/support/listening-sockets';
import { BOT_ENTRY, freePort, startBot, type BotProcess } from '../support/bot-process';
import { alice, OUR_TENANT_ID } from '../support/cast';
import { channelThread, TeamsClient } from '../support/teams-client';
import { BOT_APP, botEnvironment, startTokenGuardSimulator } from '../support/token-guard-world';
import type { Simulator } from '../../tools/simulator';

/** Authentication off: no app registration of the bot at all. */
const NO_BOT_APP = {
  LOCAL_DEVELOPMENT: 'true',
  MicrosoftAppId: undefined,
  MicrosoftAppPassword: undefined,
  MicrosoftAppType: undefined,
  MicrosoftAppTenantId: undefined,
};

/** Runs the bot until it exits (or `timeoutMs`); resolves with its exit code and output. */
function runToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const base: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(Microsoft|GRAPH_|AZURE_|APPROVER_|REQUESTER_|LOCAL_DEVELOPMENT|PORT|DATA_DIR)/.test(key)) base[key] = value;
    const child = spawn(process.execPath, [BOT_ENTRY], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not exit within ${timeoutMs} ms (it started):\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('e2e hostile: LOCAL_DEVELOPMENT', function () {
  let sim: Simulator;
  before(async function () {
    this.timeout(60_000);
    sim = await startTokenGuardSimulator();
  });
  after(async () => sim?.close());

  async function localEnv(overrides: Record<string, string | undefined>): Promise<Record<string, string>> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-local-'));
    const env = botEnvironment(sim, { ...NO_BOT_APP, ...overrides });
    return { ...env, PORT: String(await freePort()), DATA_DIR: dataDir };
  }

  const publicHosts: [string, Record<string, string | undefined>][] = [
    ['GRAPH_BASE_URL unset (public Graph)', { GRAPH_BASE_URL: undefined }],
    ['GRAPH_BASE_URL = https://graph.microsoft.com', { GRAPH_BASE_URL: 'https://graph.microsoft.com' }],
    ['GRAPH_BASE_URL = https://graph.microsoft.us (US Government)', { GRAPH_BASE_URL: 'https://graph.microsoft.us/' }],
    ['GRAPH_BASE_URL = https://microsoftgraph.chinacloudapi.cn', { GRAPH_BASE_URL: 'https://microsoftgraph.chinacloudapi.cn' }],
    ['AZURE_AUTHORITY_HOST unset (public Entra)', { AZURE_AUTHORITY_HOST: undefined }],
    ['AZURE_AUTHORITY_HOST = https://login.microsoftonline.com', { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com' }],
    ['AZURE_AUTHORITY_HOST = https://LOGIN.microsoftonline.us', { AZURE_AUTHORITY_HOST: 'https://LOGIN.microsoftonline.us' }],
  ];
  for (const [what, overrides] of publicHosts) {
    it(`refuses to start with ${what}: exit ≠ 0, one message naming LOCAL_DEVELOPMENT`, async function () {
      const { code, output } = await runToExit(await localEnv(overrides));
      assert.notEqual(code, 0, output);
      const naming = output.split('\n').filter((line) => line.includes('LOCAL_DEVELOPMENT'));
      assert.equal(naming.length, 1, `exactly one message names LOCAL_DEVELOPMENT:\n${output}`);
      assert.doesNotMatch(output, /listening/i);
    });
  }

  it('a configured id that is not a GUID stops start-up', async function () {
    for (const overrides of [{ APPROVER_IDS: '.' }, { APPROVER_GROUP_ID: '../users' }, { AZURE_TENANT_ID: 'contoso.onmicrosoft.com', MicrosoftAppTenantId: undefined }]) {
      const env = botEnvironment(sim, overrides);
      const { code, output } = await runToExit({ ...env, PORT: String(await freePort()), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-ids-')) });
      assert.notEqual(code, 0, output);
      assert.match(output, /GUID/);
    }
  });

  describe('against local services (the simulator, a plain-http connector like the Playground\'s)', function () {
    let bot: BotProcess;
    let connector: Server;
    const received: { url: string; body: string }[] = [];

    before(async function () {
      this.timeout(60_000);
      // The Playground's connector: plain http on loopback, no token required.
      connector = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          received.push({ url: req.url ?? '', body });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `act-${received.length}` }));
        });
      });
      await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
      const env = botEnvironment(sim, NO_BOT_APP);
      bot = await startBot(env);
    });
    after(async function () {
      await bot?.kill();
      await new Promise((resolve) => connector?.close(resolve));
    });

    it('listens on 127.0.0.1 only', function () {
      assert.deepEqual(listeningAddresses(bot.port), ['127.0.0.1']);
    });

    it('/healthz does not advertise that authentication is off', async function () {
      const text = await (await fetch(`${bot.url}/healthz`)).text();
      assert.doesNotMatch(text, /authentication|local|disabled|develop/i, text);
    });

    it('the start-up warning names LOCAL_DEVELOPMENT', function () {
      assert.ok(bot.output.some((line) => /LOCAL_DEVELOPMENT/.test(line) && /127\.0\.0\.1/.test(line)), bot.output.join('\n'));
    });

    it('local development keeps working over a plain-http connector (no token sent)', async function () {
      const teams = new TeamsClient({ sim, bot, appId: BOT_APP.id });
      const { port } = connector.address() as { port: number };
      const activity = { ...teams.messageActivity(alice, 'help', channelThread(OUR_TENANT_ID)), serviceUrl: `http://127.0.0.1:${port}/_connector` };
      const answer = await teams.post(activity, { authorization: null });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.ok(received.some((r) => r.url.startsWith('/_connector/v3/conversations/') && r.body.includes('Token Guard')), JSON.stringify(received));
    });
  });
});
