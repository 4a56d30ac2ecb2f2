import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readChatText } from '../../../src/commands/parse-command';
import { routeTable, type RouteDeps } from '../../../src/routes';
import { fillPlaceholders, findPlaceholders } from '../../../tools/packaging/manifest-placeholders';
import { checkTeamsRules, MAX_COMMANDS_PER_LIST } from '../../../tools/packaging/manifest-rules';
import { defaultSchemaPath, loadManifestValidator, MANIFEST_SCHEMA_URL, type ManifestValidator } from '../../../tools/packaging/manifest-schema';
import { findRepoRoot } from '../../../tools/packaging/repo-root';
import { listBotCommands, type TeamsManifest } from '../../../tools/packaging/teams-manifest';

const repoRoot = findRepoRoot(__dirname);
const template = JSON.parse(readFileSync(path.join(repoRoot, 'teamsAppManifest', 'manifest.json'), 'utf8')) as TeamsManifest;
const BOT_ID = '0b7c1f3e-5a2d-4e8b-9c6f-1d2e3f4a5b6c';
const BOT_DOMAIN = 'token-guard.example.net';
const filled = fillPlaceholders(template, { BOT_ID, BOT_DOMAIN }) as TeamsManifest;

/** The command a title starts (by its first word in the route table: its English word), or 'unknown'. */
const commandRoutes = routeTable({} as RouteDeps).commands;
function commandOf(title: string): string {
  const text = readChatText(title);
  const word = text.kind === 'words' ? text.word.toLowerCase() : '';
  return commandRoutes.find((route) => route.words.includes(word))?.words[0] ?? 'unknown';
}

describe('teamsAppManifest/manifest.json', function () {
  this.timeout(20000); // compiling the schema takes a moment
  let validate: ManifestValidator;
  before(() => {
    validate = loadManifestValidator(defaultSchemaPath(repoRoot));
  });

  it('names the v1.29 schema and uses only the BOT_ID and BOT_DOMAIN placeholders', () => {
    assert.equal(template.$schema, MANIFEST_SCHEMA_URL);
    assert.equal(template.manifestVersion, '1.29');
    assert.deepEqual([...findPlaceholders(template).keys()].sort(), ['BOT_DOMAIN', 'BOT_ID']);
    assert.equal(template.id, '${{BOT_ID}}');
    assert.equal(template.bots?.[0].botId, '${{BOT_ID}}');
    assert.deepEqual(template.validDomains, ['${{BOT_DOMAIN}}']);
  });

  it('validates against the v1.29 schema once filled', () => {
    assert.deepEqual(validate(filled), []);
    assert.equal(findPlaceholders(filled).size, 0);
  });

  it('the schema check rejects what Teams would reject', () => {
    const broken = { ...filled, id: 'not-a-guid', colour: 'blue', bots: [{ ...filled.bots?.[0], scopes: ['everyone'] }] };
    const problems = validate(broken);
    assert.ok(problems.some((p) => p.startsWith('manifest.json id:') && p.includes('pattern')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('"colour" is not allowed')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('manifest.json bots[0].scopes[0]:')), problems.join('\n'));
  });

  it('leaves schema errors at unfilled placeholders to the placeholder message', () => {
    assert.deepEqual(validate(fillPlaceholders(template, { BOT_DOMAIN })), []);
  });

  it('keeps the Teams rules the schema does not express', () => {
    assert.deepEqual(checkTeamsRules(filled), []);
    assert.ok(filled.validDomains?.every((domain) => !domain.includes('://')));
    const withScheme = { ...filled, validDomains: [`https://${BOT_DOMAIN}`] };
    assert.deepEqual(checkTeamsRules(withScheme), [
      `manifest.json validDomains[0]: "https://${BOT_DOMAIN}" must be a bare host name, without https:// or a path`,
    ]);
  });

  it('is a bot for personal, team and group chat, with one command list per scope', () => {
    const bot = filled.bots?.[0];
    assert.deepEqual(bot?.scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(bot?.commandLists?.map((list) => list.scopes), [['personal'], ['team'], ['groupChat']]);
    for (const list of bot?.commandLists ?? []) {
      assert.ok((list.commands?.length ?? 0) <= MAX_COMMANDS_PER_LIST);
      assert.ok(list.commands?.every((command) => command.title && command.description));
    }
  });

  it('lists exactly the commands the bot answers, each title parsing to a known command', () => {
    for (const list of filled.bots?.[0].commandLists ?? []) {
      const parsed = (list.commands ?? []).map((command) => commandOf(command.title ?? ''));
      assert.ok(!parsed.includes('unknown'), `unknown command in ${list.scopes?.join()}: ${parsed.join()}`);
      assert.deepEqual([...parsed].sort(), ['cancel', 'help', 'revoke']);
    }
    assert.equal(listBotCommands(filled).length, 9);
  });

  it('a command title the bot does not know would be caught', () => {
    assert.equal(commandOf('status'), 'unknown');
  });
});
