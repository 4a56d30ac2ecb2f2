/**
 * Rules Teams applies when an app is uploaded that the JSON Schema does not express (from the
 * Teams app manifest reference): at most 10 commands per command list, command titles ≤ 32 and
 * descriptions ≤ 128 characters, validDomains as bare host names, https developer pages, and
 * icons at the package root (the packager puts them there).
 */
import { MANIFEST_SCHEMA_URL } from './manifest-schema';
import { listBotCommands, type TeamsManifest } from './teams-manifest';

export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE_LENGTH = 32;
export const MAX_COMMAND_DESCRIPTION_LENGTH = 128;

export function checkTeamsRules(manifest: TeamsManifest): string[] {
  return [...checkSchemaAddress(manifest), ...checkCommands(manifest), ...checkDomains(manifest), ...checkDeveloperUrls(manifest), ...checkIconPaths(manifest)];
}

function checkSchemaAddress(manifest: TeamsManifest): string[] {
  return manifest.$schema === undefined || manifest.$schema === MANIFEST_SCHEMA_URL
    ? []
    : [`manifest.json $schema: is ${JSON.stringify(manifest.$schema)}; this package is checked against ${MANIFEST_SCHEMA_URL}`];
}

function checkCommands(manifest: TeamsManifest): string[] {
  const problems: string[] = [];
  (manifest.bots ?? []).forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) => {
      const count = list.commands?.length ?? 0;
      if (count > MAX_COMMANDS_PER_LIST) {
        problems.push(`manifest.json bots[${b}].commandLists[${l}].commands: has ${count} commands; Teams allows at most ${MAX_COMMANDS_PER_LIST}`);
      }
      const titles = (list.commands ?? []).map((c) => c.title?.toLowerCase());
      const repeated = [...new Set(titles.filter((t, i) => t !== undefined && titles.indexOf(t) !== i))];
      for (const title of repeated) problems.push(`manifest.json bots[${b}].commandLists[${l}].commands: lists "${title}" more than once`);
    }),
  );
  for (const { path, command } of listBotCommands(manifest)) {
    if ((command.title?.length ?? 0) > MAX_COMMAND_TITLE_LENGTH) {
      problems.push(`manifest.json ${path}.title: is ${command.title?.length} characters; Teams allows at most ${MAX_COMMAND_TITLE_LENGTH}`);
    }
    if ((command.description?.length ?? 0) > MAX_COMMAND_DESCRIPTION_LENGTH) {
      problems.push(
        `manifest.json ${path}.description: is ${command.description?.length} characters; Teams allows at most ${MAX_COMMAND_DESCRIPTION_LENGTH}`,
      );
    }
  }
  return problems;
}

function checkDomains(manifest: TeamsManifest): string[] {
  return (manifest.validDomains ?? []).flatMap((domain, i) =>
    typeof domain === 'string' && !domain.includes('${{') && (/:\/\//.test(domain) || domain.includes('/'))
      ? [`manifest.json validDomains[${i}]: ${JSON.stringify(domain)} must be a bare host name, without https:// or a path`]
      : [],
  );
}

function checkDeveloperUrls(manifest: TeamsManifest): string[] {
  const developer = manifest.developer ?? {};
  return (['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const).flatMap((key) => {
    const url = developer[key];
    return typeof url === 'string' && !/^https:\/\//i.test(url) ? [`manifest.json developer.${key}: ${JSON.stringify(url)} must be an https:// address`] : [];
  });
}

function checkIconPaths(manifest: TeamsManifest): string[] {
  const icons = manifest.icons ?? {};
  return (['color', 'outline'] as const).flatMap((key) => {
    const file = icons[key];
    return typeof file === 'string' && /[\\/]/.test(file)
      ? [`manifest.json icons.${key}: ${JSON.stringify(file)} must be a file name at the package root (no folders)`]
      : [];
  });
}
