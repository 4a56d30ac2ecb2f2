import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageApp, parseCommandLine, type PackageAppOptions } from '../../../tools/packaging/package-app';
import { findRepoRoot } from '../../../tools/packaging/repo-root';
import type { TeamsManifest } from '../../../tools/packaging/teams-manifest';
import { readZip } from '../../support/zip-reading';

const repoRoot = findRepoRoot(__dirname);
const BOT_ID = '0b7c1f3e-5a2d-4e8b-9c6f-1d2e3f4a5b6c';
const BOT_DOMAIN = 'token-guard.example.net';

describe('packageApp (npm run package)', function () {
  this.timeout(20000);
  let work: string;
  let options: PackageAppOptions;

  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'token-guard-package-'));
    // No env file unless a test names one: a developer's .env must not change the outcome.
    options = { repoRoot, envFile: null, environment: {}, outputFile: path.join(work, 'appPackage.zip') };
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function zipManifest(file: string): TeamsManifest {
    const manifest = readZip(readFileSync(file)).find((entry) => entry.name === 'manifest.json');
    return JSON.parse(manifest?.data.toString('utf8') ?? 'null') as TeamsManifest;
  }

  it('refuses without values, naming BOT_ID and BOT_DOMAIN once each, and writes nothing', () => {
    const result = packageApp(options);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 2, result.problems.join('\n'));
    assert.match(result.problems[0], /^BOT_ID is not set: .*MicrosoftAppId.*at id, bots\[0\]\.botId$/);
    assert.match(result.problems[1], /^BOT_DOMAIN is not set: .*validDomains\[0\]$/);
    assert.equal(existsSync(options.outputFile!), false);
  });

  it('with BOT_ID and BOT_DOMAIN writes exactly manifest.json, color.png and outline.png, fully filled', () => {
    const result = packageApp({ ...options, environment: { BOT_ID, BOT_DOMAIN } });
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    const entries = readZip(readFileSync(options.outputFile!));
    assert.deepEqual(entries.map((entry) => entry.name), ['manifest.json', 'color.png', 'outline.png']);
    const manifestText = entries[0].data.toString('utf8');
    assert.ok(!manifestText.includes('${{'), 'no placeholder left');
    const manifest = JSON.parse(manifestText) as TeamsManifest;
    assert.equal(manifest.id, BOT_ID);
    assert.equal(manifest.bots?.[0].botId, BOT_ID);
    assert.deepEqual(manifest.validDomains, [BOT_DOMAIN]);
    assert.equal(manifest.developer?.privacyUrl, `https://${BOT_DOMAIN}/privacy`);
    assert.deepEqual(entries[1].data, readFileSync(path.join(repoRoot, 'teamsAppManifest', 'color.png')));
  });

  it('reads an env file, takes MicrosoftAppId when BOT_ID is absent, and lets the environment win', () => {
    const envFile = path.join(work, 'bot.env');
    writeFileSync(envFile, `# settings\nMicrosoftAppId=${BOT_ID}\nMicrosoftAppPassword=not-used\nBOT_DOMAIN=from-file.example.net\n`);
    const fromFile = packageApp({ ...options, envFile });
    assert.ok(fromFile.ok);
    assert.equal(zipManifest(options.outputFile!).id, BOT_ID);
    assert.deepEqual(zipManifest(options.outputFile!).validDomains, ['from-file.example.net']);

    const overridden = packageApp({ ...options, envFile, environment: { BOT_DOMAIN } });
    assert.ok(overridden.ok);
    assert.deepEqual(zipManifest(options.outputFile!).validDomains, [BOT_DOMAIN]);
  });

  it('names a missing env file', () => {
    const result = packageApp({ ...options, envFile: path.join(work, 'missing.env') });
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [`env file ${path.join(work, 'missing.env')} cannot be read: no such file`]);
  });

  it('names a wrong value once, as itself, without schema errors about it', () => {
    const result = packageApp({ ...options, environment: { MicrosoftAppId: 'my-bot', BOT_DOMAIN: `https://${BOT_DOMAIN}/` } });
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [
      'BOT_ID (taken from MicrosoftAppId) must be a GUID like 00000000-0000-0000-0000-000000000000, got "my-bot"',
      `BOT_DOMAIN must be a host name without a scheme: drop "https://", got "https://${BOT_DOMAIN}/"`,
    ]);
  });

  it('refuses a manifest that breaks the schema or a Teams rule, one line per problem', () => {
    const manifestDir = path.join(work, 'manifest');
    cpSync(path.join(repoRoot, 'teamsAppManifest'), manifestDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
    manifest.accentColor = 'blue';
    manifest.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `help${i}`, description: 'x' }));
    writeFileSync(path.join(manifestDir, 'manifest.json'), JSON.stringify(manifest));
    rmSync(path.join(manifestDir, 'outline.png'));

    const result = packageApp({ ...options, manifestDir, environment: { BOT_ID, BOT_DOMAIN } });
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [
      'manifest.json accentColor: must match pattern "^#[0-9a-fA-F]{6}$"',
      'manifest.json bots[0].commandLists[0].commands: has 11 commands; Teams allows at most 10',
      `outline.png: icons.outline names it, but it is not in ${manifestDir}`,
    ]);
    assert.equal(existsSync(options.outputFile!), false);
  });

  it('names a missing schema file', () => {
    const result = packageApp({ ...options, environment: { BOT_ID, BOT_DOMAIN }, schemaFile: path.join(work, 'none.json') });
    assert.ok(!result.ok);
    assert.match(result.problems.join('\n'), /manifest schema v1\.29 is not at .*none\.json; pass --schema PATH/);
  });

  it('reads --env-file, --schema and --output, and names an unknown argument', () => {
    assert.deepEqual(parseCommandLine(['--env-file', 'a.env', '--output=out/x.zip']), {
      options: { envFile: path.resolve('a.env'), outputFile: path.resolve('out/x.zip') },
      problems: [],
    });
    assert.deepEqual(parseCommandLine(['--envfile']).problems, [
      'unknown argument "--envfile"; use --env-file PATH, --schema PATH or --output PATH',
    ]);
    assert.deepEqual(parseCommandLine(['--schema']).problems, ['--schema needs a path']);
  });

  describe('as a command', () => {
    const script = path.join(__dirname, '..', '..', '..', 'tools', 'packaging', 'package-app.js');
    const run = (env: NodeJS.ProcessEnv, envFile: string) =>
      spawnSync(process.execPath, [script, '--env-file', envFile, '--output', path.join(work, 'cli.zip')], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });

    it('exits non-zero naming BOT_ID when it is missing, and 0 with a package when it is set', () => {
      const envFile = path.join(work, 'empty.env');
      writeFileSync(envFile, 'MicrosoftAppId=\n');
      const failed = run({ BOT_DOMAIN }, envFile);
      assert.equal(failed.status, 1);
      assert.match(failed.stderr, /Cannot package the Teams app \(1 problem\):\n {2}- BOT_ID is not set/);
      assert.equal(existsSync(path.join(work, 'cli.zip')), false);

      const succeeded = run({ BOT_DOMAIN, BOT_ID }, envFile);
      assert.equal(succeeded.status, 0, succeeded.stderr);
      assert.match(succeeded.stdout, /manifest\.json, color\.png, outline\.png/);
      assert.equal(zipManifest(path.join(work, 'cli.zip')).id, BOT_ID);
    });
  });
});
