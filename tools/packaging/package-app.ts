/**
 * `npm run package`: teamsAppManifest/ → build/appPackage.zip, the file uploaded to Teams.
 * Fills the manifest's ${{BOT_ID}} and ${{BOT_DOMAIN}} from the environment and an env file,
 * then refuses (exit code 1, one line per problem) while a placeholder is left, the manifest
 * breaks the v1.29 schema or a Teams rule, or an icon is wrong. Usage:
 *   node dist/tools/packaging/package-app.js [--env-file PATH] [--schema PATH] [--output PATH]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkColorIcon, checkOutlineIcon } from './icon-checks';
import { fillPlaceholders, findPlaceholders } from './manifest-placeholders';
import { checkTeamsRules } from './manifest-rules';
import { defaultSchemaPath, loadManifestValidator } from './manifest-schema';
import { collectPackageVariables, readEnvFile, VARIABLE_RULES } from './package-variables';
import { findRepoRoot } from './repo-root';
import type { TeamsManifest } from './teams-manifest';
import { createZip, type ZipEntry } from './zip-writing';

export const MANIFEST_FILE = 'manifest.json';

export interface PackageAppOptions {
  repoRoot: string;
  /** Default: <repoRoot>/teamsAppManifest */
  manifestDir?: string;
  /** Default: <repoRoot>/build/appPackage.zip */
  outputFile?: string;
  /** Default: <repoRoot>/../shared/schemas/MicrosoftTeams.v1.29.schema.json */
  schemaFile?: string;
  /** An env file to read (must exist); undefined: <repoRoot>/.env if it exists; null: none. */
  envFile?: string | null;
  /** Default: process.env. Wins over the env file. */
  environment?: NodeJS.ProcessEnv;
}

export type PackageAppResult =
  | { ok: true; outputFile: string; entries: string[]; manifest: TeamsManifest }
  | { ok: false; problems: string[] };

export function packageApp(options: PackageAppOptions): PackageAppResult {
  const manifestDir = options.manifestDir ?? path.join(options.repoRoot, 'teamsAppManifest');
  const outputFile = options.outputFile ?? path.join(options.repoRoot, 'build', 'appPackage.zip');
  const problems: string[] = [];

  const template = readJson(path.join(manifestDir, MANIFEST_FILE), problems);
  const fromFile = readVariablesFile(options, problems);
  if (template === undefined || fromFile === undefined) return { ok: false, problems };

  const variables = collectPackageVariables(options.environment ?? process.env, fromFile);
  problems.push(...variables.problems);
  const manifest = fillPlaceholders(template, variables.values) as TeamsManifest;
  for (const [name, paths] of findPlaceholders(manifest)) {
    if (!variables.invalid.has(name)) problems.push(describeUnfilled(name, paths));
  }

  try {
    problems.push(...loadManifestValidator(options.schemaFile ?? defaultSchemaPath(options.repoRoot))(manifest));
  } catch (error) {
    problems.push((error as Error).message);
  }
  problems.push(...checkTeamsRules(manifest));
  const icons = readIcons(manifestDir, manifest, problems);
  if (problems.length) return { ok: false, problems };

  const entries: ZipEntry[] = [{ name: MANIFEST_FILE, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...icons];
  mkdirSync(path.dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, createZip(entries));
  return { ok: true, outputFile, entries: entries.map((entry) => entry.name), manifest };
}

function describeUnfilled(name: string, paths: string[]): string {
  const where = `manifest.json uses \${{${name}}} at ${paths.join(', ')}`;
  const rule = VARIABLE_RULES[name];
  if (rule) return `${name} is not set: ${rule.describe}; ${where}`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `${name} is not set: ${where}`;
  return `manifest.json has a malformed placeholder ${JSON.stringify(name)} at ${paths.join(', ')}; write it as \${{NAME}}`;
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    problems.push(`${path.basename(file)} cannot be read (${file}): ${reason}`);
    return undefined;
  }
}

function readVariablesFile(options: PackageAppOptions, problems: string[]): Record<string, string> | undefined {
  if (options.envFile === null) return {};
  const file = options.envFile ?? path.join(options.repoRoot, '.env');
  if (options.envFile === undefined && !existsSync(file)) return {};
  try {
    return readEnvFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    problems.push(`env file ${file} cannot be read: ${reason}`);
    return undefined;
  }
}

/** The icons the manifest names, checked, as zip entries at the package root. */
function readIcons(manifestDir: string, manifest: TeamsManifest, problems: string[]): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const checks = { color: checkColorIcon, outline: checkOutlineIcon };
  for (const key of ['color', 'outline'] as const) {
    const name = manifest.icons?.[key];
    if (typeof name !== 'string' || /[\\/]/.test(name)) continue; // reported by the schema or the rules
    let data: Buffer;
    try {
      data = readFileSync(path.join(manifestDir, name));
    } catch {
      problems.push(`${name}: icons.${key} names it, but it is not in ${manifestDir}`);
      continue;
    }
    const iconProblems = checks[key](name, data);
    problems.push(...iconProblems);
    if (!iconProblems.length) entries.push({ name, data });
  }
  return entries;
}

export interface CommandLine {
  options?: Omit<PackageAppOptions, 'repoRoot' | 'environment'>;
  problems: string[];
  help?: boolean;
}

export function parseCommandLine(argv: string[]): CommandLine {
  const options: Omit<PackageAppOptions, 'repoRoot' | 'environment'> = {};
  const problems: string[] = [];
  const flags = { '--env-file': 'envFile', '--schema': 'schemaFile', '--output': 'outputFile' } as const;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return { problems: [], help: true };
    const key = flags[flag as keyof typeof flags];
    if (!key) {
      problems.push(`unknown argument ${JSON.stringify(argv[i])}; use --env-file PATH, --schema PATH or --output PATH`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value) problems.push(`${flag} needs a path`);
    else options[key] = path.resolve(value);
  }
  return { options, problems };
}

const USAGE = `usage: npm run package -- [--env-file PATH] [--schema PATH] [--output PATH]
Fills teamsAppManifest/manifest.json from BOT_ID (or MicrosoftAppId) and BOT_DOMAIN, taken from the
environment or the env file (default .env, if present), and writes build/appPackage.zip.`;

export function main(argv: string[], environment: NodeJS.ProcessEnv, repoRoot: string): number {
  const commandLine = parseCommandLine(argv);
  if (commandLine.help) {
    console.log(USAGE);
    return 0;
  }
  const result = commandLine.options && !commandLine.problems.length
    ? packageApp({ ...commandLine.options, repoRoot, environment })
    : { ok: false as const, problems: commandLine.problems };
  if (!result.ok) {
    console.error(`Cannot package the Teams app (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    for (const problem of result.problems) console.error(`  - ${problem}`);
    return 1;
  }
  const shown = path.relative(process.cwd(), result.outputFile);
  console.log(`Wrote ${shown.startsWith('..') ? result.outputFile : shown} (${result.entries.join(', ')}) for bot ${result.manifest.id}.`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env, findRepoRoot(__dirname));
}
