/**
 * The values the manifest's placeholders are filled with: from the environment and an env file
 * (the environment wins, as with `node --env-file`), with BOT_ID falling back to the bot's own
 * setting MicrosoftAppId. Known variables are checked here so a wrong one is named as itself,
 * not as a schema error deep in the manifest.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export interface VariableRule {
  /** What to set, for the "is not set" message. */
  describe: string;
  /** A problem with the value, or undefined when it is fine. */
  check(value: string): string | undefined;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const VARIABLE_RULES: Record<string, VariableRule> = {
  BOT_ID: {
    describe: "set BOT_ID (or MicrosoftAppId) to the Azure Bot's Microsoft App ID, a GUID",
    check: (value) => (GUID.test(value) ? undefined : `must be a GUID like 00000000-0000-0000-0000-000000000000, got ${quote(value)}`),
  },
  BOT_DOMAIN: {
    describe: 'set BOT_DOMAIN to the host name the bot is reached at, without https:// (e.g. token-guard.azurewebsites.net)',
    check: (value) =>
      /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
        ? `must be a host name without a scheme: drop ${quote(value.slice(0, value.indexOf('://') + 3))}, got ${quote(value)}`
        : HOST_NAME.test(value)
          ? undefined
          : `must be a host name like token-guard.azurewebsites.net (no path, port or spaces), got ${quote(value)}`,
  },
};

/** Name → value the bot's other settings may hold it under, when the variable itself is absent. */
const FALLBACKS: Record<string, string> = { BOT_ID: 'MicrosoftAppId' };

export interface PackageVariables {
  /** Valid values only: an invalid one is left out, so its placeholder stays and is not filled with junk. */
  values: Record<string, string>;
  /** Names whose value was rejected; each has its line in `problems`. */
  invalid: Set<string>;
  problems: string[];
}

export function readEnvFile(file: string): Record<string, string> {
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function collectPackageVariables(environment: NodeJS.ProcessEnv, fromFile: Record<string, string> = {}): PackageVariables {
  const merged: Record<string, string> = {};
  for (const source of [fromFile, environment]) {
    for (const [name, value] of Object.entries(source)) {
      // An empty setting (as env.sample leaves them) means "not set", not "set to nothing".
      if (value !== undefined && value.trim() !== '') merged[name] = value.trim();
    }
  }
  const values: Record<string, string> = { ...merged };
  const problems: string[] = [];
  const invalid = new Set<string>();
  for (const [name, rule] of Object.entries(VARIABLE_RULES)) {
    const fallback = FALLBACKS[name];
    const value = merged[name] ?? (fallback ? merged[fallback] : undefined);
    delete values[name];
    if (value === undefined) continue;
    const problem = rule.check(value);
    if (problem) {
      invalid.add(name);
      problems.push(`${name}${merged[name] === undefined ? ` (taken from ${fallback})` : ''} ${problem}`);
    } else values[name] = value;
  }
  return { values, invalid, problems };
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
