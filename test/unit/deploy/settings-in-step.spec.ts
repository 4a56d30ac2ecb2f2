/**
 * The settings named in infra/ (the App Service's app settings), in src/config.ts (what the bot
 * reads) and in env.sample (what an admin is told about) stay in step: a setting added to one and
 * not the others fails here, naming it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOT_ENDPOINT_KEYS, loadConfig } from '../../../src/config';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Settings config.ts reads that infra/ deliberately does not set, each with its reason. */
const NOT_DEPLOYED: Record<string, string> = {
  PORT: 'App Service sets PORT itself',
  LOCAL_DEVELOPMENT: 'never in production',
  AZURE_CLIENT_CERTIFICATE_PATH: 'infra uses a client secret or the managed identity',
  AZURE_STORAGE_TABLE_URL: 'infra uses the storage connection string',
  AZURE_STORAGE_BLOB_URL: 'infra uses the storage connection string',
  ...Object.fromEntries(BOT_ENDPOINT_KEYS.map((key) => [key, 'the public cloud needs none of the seven endpoint settings'])),
};
/** App settings for the App Service platform, not for Token Guard. */
const PLATFORM_SETTINGS = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_NODE_DEFAULT_VERSION']);
/** In env.sample for `npm run package`, not read by the bot. */
const PACKAGING_SETTINGS = new Set(['BOT_ID', 'BOT_DOMAIN']);

/** Every name config.ts passes to its readers (read, integer, guid, guidList, httpsUrl, flag). */
function configNames(): Set<string> {
  const source = read('src/config.ts');
  const names = [...source.matchAll(/\b(?:read|integer|guid|guidList|httpsUrl|flag)\('([A-Za-z_][A-Za-z0-9_]*)'/g)].map((m) => m[1]);
  return new Set([...names, ...BOT_ENDPOINT_KEYS]);
}

function envSampleNames(): Set<string> {
  return new Set([...read('env.sample').matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));
}

function infraNames(): Set<string> {
  return new Set([...read('infra/main.bicep').matchAll(/\{\s*name:\s*'([A-Za-z_][A-Za-z0-9_]*)'\s*,\s*value:/g)].map((m) => m[1]));
}

describe('deployment settings stay in step (infra/, config.ts, env.sample)', function () {
  it('the reader of config.ts is found (guards the regexes)', function () {
    const names = configNames();
    for (const known of ['MicrosoftAppId', 'AZURE_TENANT_ID', 'APPROVER_IDS', 'STORAGE', 'APPLICATIONINSIGHTS_CONNECTION_STRING']) assert.ok(names.has(known), known);
    assert.ok(infraNames().has('MicrosoftAppId') && infraNames().size > 20);
  });

  it('every setting the bot reads is in env.sample, and env.sample names nothing else', function () {
    const config = configNames();
    const sample = envSampleNames();
    assert.deepEqual([...config].filter((n) => !sample.has(n)), [], 'read by config.ts but not documented in env.sample');
    assert.deepEqual([...sample].filter((n) => !config.has(n) && !PACKAGING_SETTINGS.has(n)), [], 'in env.sample but not read by config.ts');
  });

  it('every setting the bot reads is set by infra/main.bicep, unless listed with a reason', function () {
    const infra = infraNames();
    assert.deepEqual([...configNames()].filter((n) => !infra.has(n) && !(n in NOT_DEPLOYED)), [], 'read by config.ts but not set in infra/main.bicep');
    assert.deepEqual([...infra].filter((n) => !configNames().has(n) && !PLATFORM_SETTINGS.has(n)), [], 'set in infra/main.bicep but not read by config.ts');
    assert.deepEqual(Object.keys(NOT_DEPLOYED).filter((n) => infra.has(n)), [], 'listed as not deployed but set in infra');
  });

  it('infra deploys a single-tenant bot with Teams only, authentication on, and no local-development switch', function () {
    const bicep = read('infra/main.bicep');
    assert.match(bicep, /name: 'MicrosoftAppType', value: 'SingleTenant'/);
    assert.match(bicep, /msaAppType: 'SingleTenant'/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'[\s\S]*isEnabled: true/);
    for (const channel of ['WebChatChannel', 'DirectLineChannel']) {
      const block = bicep.slice(bicep.indexOf(`channelName: '${channel}'`), bicep.indexOf(`channelName: '${channel}'`) + 400);
      assert.match(block, /isEnabled: false/, `${channel} is switched off`);
      assert.doesNotMatch(block, /isEnabled: true/);
    }
    assert.match(bicep, /linuxFxVersion: 'NODE\|20-lts'/);
    assert.match(bicep, /identity: \{ type: 'SystemAssigned' \}/);
    assert.match(bicep, /healthCheckPath: '\/healthz'/);
  });

  it('the settings infra sets (with typical values) pass the bot\'s own validation', function () {
    const values: Record<string, string> = {
      MicrosoftAppId: '7b0e2e00-0000-4000-8000-00000000b07a',
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
      AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
      AZURE_CLIENT_ID: '7b0e2e00-0000-4000-8000-00000000b07a',
      AZURE_CLIENT_SECRET: 'x',
      GRAPH_BASE_URL: 'https://graph.microsoft.com',
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      GRAPH_TIMEOUT_SECONDS: '30',
      APPROVER_IDS: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
      APPROVER_GROUP_ID: '',
      REQUESTER_IDS: '',
      REQUESTER_GROUP_ID: '',
      GROUP_CACHE_SECONDS: '60',
      APPROVAL_CHANNEL_ID: '',
      HYGIENE_EXPIRING_DAYS: '14',
      HYGIENE_LONG_LIVED_DAYS: '90',
      HYGIENE_OLD_TOKEN_DAYS: '180',
      HYGIENE_REPORT_SCHEDULE: '0 8 * * 1',
      NOTIFY_APPROVERS: 'true',
      NOTIFY_REQUESTER: 'true',
      NOTIFY_INSTALL: 'false',
      TEAMS_APP_CATALOG_ID: '',
      REQUEST_TTL_MINUTES: '1440',
      EXPIRY_SWEEP_SECONDS: '60',
      REVOKE_CONCURRENCY: '4',
      LEASE_SECONDS: '30',
      BULK_MAX_PROFILES: '1000',
      BULK_APPROVALS: '2',
      GRAPH_WRITES_PER_20S: '100',
      QUORUM_DEVICE_THRESHOLD: '',
      ROTATE_TOKEN_DAYS: '90',
      STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=tg;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      AZURE_STORAGE_PREFIX: 'TokenGuard',
      DATA_DIR: '/home/data',
      PUBLIC_BASE_URL: 'https://tokenguard-app.azurewebsites.net',
      LOG_LEVEL: 'info',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
    };
    assert.deepEqual([...infraNames()].filter((n) => !PLATFORM_SETTINGS.has(n) && !(n in values)), [], 'this test gives every infra setting a value');
    const config = loadConfig(values, {});
    assert.equal(config.storage.kind, 'azure');
    assert.equal(config.bot.appType, 'SingleTenant');
  });

  it('package.json: engines, the doctor script, and a Dockerfile that builds and runs as a non-root user', function () {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
    assert.equal(pkg.engines.node, '>=20.12', 'process.loadEnvFile and util.parseEnv need Node 20.12');
    assert.equal(pkg.scripts.doctor, 'node dist/src/doctor/doctor-cli.js');
    const docker = read('Dockerfile');
    assert.match(docker, /RUN npm run build/);
    assert.match(docker, /RUN npm ci --omit=dev/);
    assert.match(docker, /^USER node$/m);
    assert.match(docker, /^HEALTHCHECK .*[\s\S]*\/healthz/m);
    const yml = read('m365agents.yml');
    for (const step of ['botAadApp/create', 'arm/deploy', './infra/main.bicep', 'teamsApp/zipAppPackage', 'azureAppService/zipDeploy']) assert.ok(yml.includes(step), step);
  });
});
