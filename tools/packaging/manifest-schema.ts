/**
 * Validates a filled manifest against the official Teams manifest JSON Schema (draft-04, so
 * ajv-draft-04), offline: the schema is a file, never fetched. The v1.29 schema refers only to
 * itself ("#/definitions/…"), so no other schema file is needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import { formatJsonPath, pointerToSegments } from './json-paths';
import { containsPlaceholder } from './manifest-placeholders';

export const MANIFEST_VERSION = '1.29';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const MANIFEST_SCHEMA_FILE = `MicrosoftTeams.v${MANIFEST_VERSION}.schema.json`;

/** Where the schema is kept: the copy in teamsAppManifest/schema/, else the shared schemas folder beside the repository. */
export function defaultSchemaPath(repoRoot: string): string {
  // A copy of the official schema (MIT) ships in the repo, so packaging works offline on any clone.
  const vendored = path.resolve(repoRoot, 'teamsAppManifest', 'schema', MANIFEST_SCHEMA_FILE);
  return existsSync(vendored) ? vendored : path.resolve(repoRoot, '..', 'shared', 'schemas', MANIFEST_SCHEMA_FILE);
}

export type ManifestValidator = (manifest: unknown) => string[];

const compiled = new Map<string, ValidateFunction>();

/** Throws with a clear message when the schema file is missing or unreadable. */
export function loadManifestValidator(schemaFile: string): ManifestValidator {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    if (!existsSync(schemaFile)) {
      throw new Error(`the Teams manifest schema v${MANIFEST_VERSION} is not at ${schemaFile}; pass --schema PATH to the ${MANIFEST_SCHEMA_FILE} file`);
    }
    // strictTypes off: Microsoft's schema leaves out "type" beside some keywords; that is theirs to fix, not an error here.
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    ajv.addFormat('uri', { validate: isAbsoluteUri });
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    compiled.set(schemaFile, validate);
  }
  const validateFunction = validate;
  return (manifest) => (validateFunction(manifest) ? [] : describeErrors(validateFunction.errors ?? [], manifest));
}

/**
 * One line per error, e.g. `manifest.json bots[0].commandLists[0].commands: must NOT have more than 12 items`.
 * Errors about a value that still holds a placeholder are left out: the placeholder is reported
 * on its own, naming the variable to set.
 */
function describeErrors(errors: ErrorObject[], manifest: unknown): string[] {
  const lines = new Set<string>();
  for (const error of errors) {
    const segments = pointerToSegments(error.instancePath);
    if (containsPlaceholder(valueAt(manifest, segments))) continue;
    lines.add(`manifest.json ${formatJsonPath(segments)}: ${error.message ?? error.keyword}${detail(error)}`);
  }
  return [...lines];
}

function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return ` (${JSON.stringify(params.additionalProperty)} is not allowed here)`;
  if (error.keyword === 'enum') return `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') return ` ${JSON.stringify(params.allowedValue)}`;
  return '';
}

function valueAt(root: unknown, segments: Array<string | number>): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function isAbsoluteUri(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
