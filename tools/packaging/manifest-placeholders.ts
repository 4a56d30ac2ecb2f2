/**
 * `${{NAME}}` placeholders (the Teams Toolkit convention) in the manifest template, filled from
 * variables. Filling walks the parsed JSON and replaces inside string values only, so no value can
 * break the JSON, whatever characters it holds.
 */
import { formatJsonPath } from './json-paths';

const PLACEHOLDER = /\$\{\{\s*([^}]*?)\s*\}\}/g;
/** Any `${{` left after filling, well-formed or not. */
const PLACEHOLDER_START = '${{';

export function fillPlaceholders(value: unknown, variables: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => variables[name] ?? whole);
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, variables)]));
  }
  return value;
}

/** Placeholder name → the paths where it is still unfilled; a malformed `${{…` counts under its raw text. */
export function findPlaceholders(value: unknown, path: Array<string | number> = [], found = new Map<string, string[]>()): Map<string, string[]> {
  if (typeof value === 'string' && value.includes(PLACEHOLDER_START)) {
    const names = [...value.matchAll(PLACEHOLDER)].map((match) => match[1]);
    const rest = value.replace(PLACEHOLDER, '');
    if (rest.includes(PLACEHOLDER_START)) names.push(rest.slice(rest.indexOf(PLACEHOLDER_START), rest.indexOf(PLACEHOLDER_START) + 40));
    for (const name of names) found.set(name, [...(found.get(name) ?? []), formatJsonPath(path)]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findPlaceholders(item, [...path, index], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findPlaceholders(item, [...path, key], found);
  }
  return found;
}

export function containsPlaceholder(value: unknown): boolean {
  return findPlaceholders(value).size > 0;
}
