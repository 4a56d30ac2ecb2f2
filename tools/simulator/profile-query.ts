import type { SimProfile, SimWorkProfile } from './simulator-api';

/**
 * OData query options on the enrollment-profile collections as their reference pages list them:
 * $select (validated against the resource type's properties, with OData's wording for an unknown
 * one), $top and $skip, plus the opaque $skiptoken of the simulator's own next links.
 */
export interface ResourceType<T> {
  /** The OData type name, e.g. microsoft.graph.androidDeviceOwnerEnrollmentProfile. */
  name: string;
  byLowerName: ReadonlyMap<string, keyof T & string>;
}

function resourceType<T>(name: string, properties: Record<keyof T, true>): ResourceType<T> {
  return { name, byLowerName: new Map(Object.keys(properties).map((p) => [p.toLowerCase(), p as keyof T & string])) };
}

export const DEVICE_OWNER_TYPE = resourceType<SimProfile>('microsoft.graph.androidDeviceOwnerEnrollmentProfile', {
  id: true, accountId: true, displayName: true, description: true, enrollmentMode: true, enrollmentTokenType: true,
  createdDateTime: true, lastModifiedDateTime: true, tokenValue: true, tokenCreationDateTime: true,
  tokenExpirationDateTime: true, enrolledDeviceCount: true, enrollmentTokenUsageCount: true, qrCodeContent: true,
  qrCodeImage: true, roleScopeTagIds: true, wifiSsid: true, wifiPassword: true, wifiSecurityType: true, wifiHidden: true,
  configureWifi: true, deviceNameTemplate: true, isTeamsDeviceProfile: true,
});

/** androidForWorkEnrollmentProfile: the properties Microsoft's schema gives it, and no others. */
export const WORK_PROFILE_TYPE = resourceType<SimWorkProfile>('microsoft.graph.androidForWorkEnrollmentProfile', {
  id: true, accountId: true, displayName: true, description: true, createdDateTime: true, lastModifiedDateTime: true,
  tokenValue: true, tokenExpirationDateTime: true, enrolledDeviceCount: true, qrCodeContent: true, qrCodeImage: true,
});

export const PROFILE_TYPE = DEVICE_OWNER_TYPE.name;

export class QueryError extends Error {}

/** Property names in canonical case, or a QueryError naming the first one the type lacks. */
export function parseSelect<T>(value: string | undefined, type: ResourceType<T>): (keyof T & string)[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  if (names.length === 0) throw new QueryError("Invalid $select value: ''.");
  return names.map((name) => {
    const canonical = type.byLowerName.get(name.toLowerCase());
    if (!canonical) throw new QueryError(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${type.name}'.`);
    return canonical;
  });
}

export function parseTop(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const top = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(top) || top < 1) throw new QueryError(`Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`);
  return top;
}

export function parseSkip(value: string | undefined): number {
  if (value === undefined) return 0;
  const skip = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(skip)) throw new QueryError(`Invalid value '${value}' for $skip query option found. The $skip query option requires a non-negative integer value.`);
  return skip;
}

/** The resource as Graph returns it: full (with @odata.type) or only the selected properties plus id. */
export function project<T extends { id: string }>(profile: T, select: (keyof T & string)[] | undefined, type: ResourceType<T>): Record<string, unknown> {
  if (!select) return { '@odata.type': `#${type.name}`, ...structuredClone(profile) };
  const out: Record<string, unknown> = { id: profile.id };
  for (const name of select) out[name] = structuredClone(profile[name]);
  return out;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, v: 1 }), 'utf8').toString('base64url');
}

export function decodeSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isSafeInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new QueryError('The $skiptoken value is invalid or has expired.');
}
