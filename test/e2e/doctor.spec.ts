/**
 * `npm run doctor` (the compiled CLI, configured only through its environment) against the
 * simulated tenant: all green when healthy, and the exact problem and fix for each broken setup.
 * Faults use the answers Microsoft gives (Intune's 400/403/401 bodies, Entra's AADSTS codes), so
 * these tests hold against a simulator that enforces roles and licences itself.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_GROUP_IDS, type Simulator } from '../../tools/simulator';
import { startBot, type BotProcess } from '../support/bot-process';
import { BOT_APP, botEnvironment, GRAPH_APP, startTokenGuardSimulator } from '../support/token-guard-world';

const DOCTOR_ENTRY = path.resolve(__dirname, '../../src/doctor/doctor-cli.js');
const UNKNOWN_GROUP = '0badc0de-0000-4000-8000-00000000beef';

interface DoctorRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The line of the check with this title. */
  line(title: string): string;
  /** The line of the check and its fix line, when it has one. */
  block(title: string): string;
}

/** Runs the CLI asynchronously: the simulator answers from this process's event loop. */
function runDoctor(env: Record<string, string>): Promise<DoctorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DOCTOR_ENTRY], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: mkdtempSync(path.join(tmpdir(), 'token-guard-doctor-cwd-')), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = stdout.split('\n');
      const index = (title: string) => lines.findIndex((l) => /^[✔✘–] /.test(l) && l.slice(2).startsWith(`${title}:`));
      resolve({
        code,
        stdout,
        stderr,
        line: (title) => lines[index(title)] ?? `(no line for ${title})\n${stdout}`,
        block: (title) => {
          const i = index(title);
          return i < 0 ? `(no line for ${title})\n${stdout}` : [lines[i], lines[i + 1]?.startsWith('    fix:') ? lines[i + 1] : ''].join('\n');
        },
      });
    });
  });
}

describe('e2e: npm run doctor against the simulated tenant', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let env: (overrides?: Record<string, string | undefined>) => Record<string, string>;

  before(async function () {
    sim = await startTokenGuardSimulator();
    env = (overrides = {}) => botEnvironment(sim, { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'token-guard-doctor-data-')), ...overrides });
  });
  beforeEach(() => sim.reset());
  after(async () => sim?.close());

  it('a healthy tenant: every check passes or does not apply, exit 0', async function () {
    const run = await runDoctor(env({ APPROVER_GROUP_ID: SEED_GROUP_IDS.approvers }));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /^✘/m);
    assert.match(run.line('Settings'), /^✔ Settings: Valid: SingleTenant bot/);
    assert.match(run.line('Bot Framework credential'), /^✔ .*got a token for/);
    assert.match(run.line('Graph credential'), /^✔ .*app-only token for tenant/);
    assert.match(run.line('Graph permissions'), /^✔ .*DeviceManagementConfiguration\.ReadWrite\.All and GroupMember\.Read\.All/);
    assert.match(run.line('Intune'), new RegExp(`^✔ Intune: Intune answers for this tenant \\(licensed\\): ${sim.graph.profiles.size} Android Device Owner enrollment profiles`));
    assert.match(run.line('APPROVER_GROUP_ID'), /^✔ APPROVER_GROUP_ID: Group .* exists/);
    assert.match(run.line('Storage'), /^✔ Storage: SQLite in .* opens and takes a write/);
    assert.match(run.stdout, /passed, 0 failed/);
    for (const secret of [BOT_APP.secret, GRAPH_APP.secret]) assert.ok(!run.stdout.includes(secret), 'no secret printed');
  });

  it('a wrong Graph secret: names AZURE_CLIENT_SECRET and where to make a new one, exit 1', async function () {
    const run = await runDoctor(env({ AZURE_CLIENT_SECRET: 'not-the-graph-secret' }));
    assert.equal(run.code, 1);
    assert.match(run.block('Graph credential'), /^✘ .*AZURE_CLIENT_SECRET.*AADSTS7000215[\s\S]*fix: .*Certificates & secrets.*Value \(not its Secret ID\)/);
    assert.match(run.line('Intune'), /^– .*no Graph token/);
    assert.ok(!run.stdout.includes('not-the-graph-secret'));
  });

  it('a wrong bot secret: names MicrosoftAppPassword and the Azure Bot blade, exit 1', async function () {
    const run = await runDoctor(env({ MicrosoftAppPassword: 'not-the-bot-secret' }));
    assert.equal(run.code, 1);
    assert.match(run.block('Bot Framework credential'), /^✘ .*MicrosoftAppPassword[\s\S]*fix: Azure portal → your Azure Bot → Configuration/);
    assert.match(run.line('Graph credential'), /^✔/, 'the other checks still run');
  });

  it('a tenant without an Intune licence (400 "Request not applicable to target tenant.")', async function () {
    sim.graph.injectFault({ method: 'GET', pathIncludes: 'androidDeviceOwnerEnrollmentProfiles', status: 400, code: 'BadRequest', message: 'Request not applicable to target tenant.' });
    const run = await runDoctor(env());
    assert.equal(run.code, 1);
    assert.match(run.block('Intune'), /^✘ Intune: .*no Intune licence[\s\S]*fix: Assign an Intune licence/);
  });

  it('a missing Intune permission (Intune\'s 403 with its JSON-in-a-string message) names the permission and admin consent', async function () {
    const message = JSON.stringify({
      _version: 3,
      Message: 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: x - Url: https://fef.msua06.manage.microsoft.com/x',
      CustomApiErrorPhrase: '',
      RetryAfter: null,
      ErrorSourceService: '',
      HttpHeaders: '{}',
    });
    sim.graph.injectFault({ method: 'GET', pathIncludes: 'androidDeviceOwnerEnrollmentProfiles', status: 403, code: 'Forbidden', message });
    const run = await runDoctor(env());
    assert.equal(run.code, 1);
    const block = run.block('Intune');
    assert.match(block, /^✘ Intune: Intune answered 403: the app lacks DeviceManagementConfiguration\.Read\.All or DeviceManagementConfiguration\.ReadWrite\.All/);
    assert.match(block, /fix: Entra admin center → App registrations .* API permissions .* DeviceManagementConfiguration\.ReadWrite\.All, then "Grant admin consent/);
    assert.doesNotMatch(block, /_version|Operation ID/, 'no raw Intune JSON');
  });

  it('Intune\'s 401 UnknownError (JSON nested twice) is explained as Intune refusing the app, not a wrong secret', async function () {
    const inner = JSON.stringify({ _version: 3, Message: 'An error has occurred - Operation ID (for customer support): 1 - Activity ID: 2 - Url: https://fef.example/x', CustomApiErrorPhrase: '', RetryAfter: null });
    const message = JSON.stringify({ ErrorCode: 'Forbidden', Message: inner, Target: null, Details: null, InnerError: null, InstanceAnnotations: [] });
    sim.graph.injectFault({ method: 'GET', pathIncludes: 'androidDeviceOwnerEnrollmentProfiles', status: 401, code: 'UnknownError', message });
    const run = await runDoctor(env());
    assert.equal(run.code, 1);
    assert.match(run.block('Intune'), /^✘ Intune: Intune refused the app .*not a wrong secret[\s\S]*fix: .*DeviceManagementConfiguration\.ReadWrite\.All/);
    assert.doesNotMatch(run.block('Intune'), /ErrorCode|_version/);
  });

  it('an unknown APPROVER_GROUP_ID: names the group and where its Object ID is', async function () {
    const run = await runDoctor(env({ APPROVER_GROUP_ID: UNKNOWN_GROUP }));
    assert.equal(run.code, 1);
    assert.match(run.block('APPROVER_GROUP_ID'), new RegExp(`^✘ APPROVER_GROUP_ID: Graph knows no group ${UNKNOWN_GROUP}[\\s\\S]*fix: Set APPROVER_GROUP_ID to the Object ID`));
  });

  it('an APPROVAL_CHANNEL_ID the bot was never added to', async function () {
    const run = await runDoctor(env({ APPROVAL_CHANNEL_ID: '19:never-seen@thread.tacv2' }));
    assert.equal(run.code, 1);
    assert.match(run.block('APPROVAL_CHANNEL_ID'), /^✘ .*no conversation for channel 19:never-seen@thread\.tacv2[\s\S]*fix: In Teams: add Token Guard to the team/);
  });

  it('invalid settings: the same problems start-up names; nothing else is tried', async function () {
    const run = await runDoctor(env({ APPROVER_IDS: 'not-a-guid', GRAPH_BASE_URL: 'http://graph.example' }));
    assert.equal(run.code, 1);
    assert.match(run.block('Settings'), /^✘ Settings: .*GRAPH_BASE_URL must be an https:\/\/ URL/);
    assert.match(run.block('Settings'), /APPROVER_IDS must be comma-separated Entra object ids[\s\S]*fix: .*App Service → Configuration → Application settings/);
    assert.equal(sim.entra.tokensIssued.length, 0, 'no token asked for');
    assert.match(run.line('Intune'), /^– Intune: Not checked: fix the settings first/);
  });
});

describe('e2e: GET /healthz?deep=1 reports the doctor for monitors', function () {
  this.timeout(120_000);
  let sim: Simulator;
  const bots: BotProcess[] = [];

  before(async function () {
    sim = await startTokenGuardSimulator();
  });
  after(async () => {
    for (const bot of bots) await bot.kill();
    await sim?.close();
  });

  it('healthy: 200 with every check id and status, and no secrets, ids or URLs', async function () {
    const bot = await startBot(botEnvironment(sim));
    bots.push(bot);
    const response = await fetch(`${bot.url}/healthz?deep=1`);
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const body = JSON.parse(text) as { status: string; doctor: string; checks: { id: string; status: string }[] };
    assert.equal(body.doctor, 'ok');
    assert.deepEqual(body.checks.map((c) => c.id), ['settings', 'bot-credential', 'graph-credential', 'graph-roles', 'intune', 'approver-group', 'requester-group', 'approver-users', 'storage', 'approval-channel', 'public-base-url']);
    for (const leak of [BOT_APP.id, BOT_APP.secret, GRAPH_APP.id, GRAPH_APP.secret, sim.tenantId, sim.baseUrl]) assert.ok(!text.includes(leak), `no ${leak} in the answer`);
    const plain = await fetch(`${bot.url}/healthz`);
    assert.equal(plain.status, 200);
    assert.equal(((await plain.json()) as { checks?: unknown }).checks, undefined, 'plain /healthz stays cheap');
  });

  it('a broken deployment (unknown approver group): 503 naming the failing check', async function () {
    const bot = await startBot(botEnvironment(sim, { APPROVER_GROUP_ID: UNKNOWN_GROUP }));
    bots.push(bot);
    const response = await fetch(`${bot.url}/healthz?deep=1`);
    const body = (await response.json()) as { doctor: string; checks: { id: string; status: string }[] };
    assert.equal(response.status, 503);
    assert.equal(body.doctor, 'failing');
    assert.deepEqual(body.checks.filter((c) => c.status === 'fail').map((c) => c.id), ['approver-group']);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'liveness is not the doctor');
  });
});
