import type { SimProfile } from './simulator-api';

/**
 * OData query options on the enrollment-profile collection as its reference page lists them:
 * $select (validated against the resource's properties, with OData's wording for an unknown one),
 * $top and $skip, plus the opaque $skiptoken of the simulator's own next links.
 */
const PROPERTIES: Record<keyof SimProfile, true> = {
  id: true, accountId: true, displayName: true, description: true, enrollmentMode: true, enrollmentTokenType: true,
  createdDateTime: true, lastModifiedDateTime: true, tokenValue: true, tokenCreationDateTime: true,
  tokenExpirationDateTime: true, enrolledDeviceCount: true, enrollmentTokenUsageCount: true, qrCodeContent: true,
  qrCodeImage: true, roleScopeTagIds: true, wifiSsid: true, wifiPassword: true, wifiSecurityType: true, wifiHidden: true,
  configureWifi: true, deviceNameTemplate: true, isTeamsDeviceProfile: true,
};
const BY_LOWER_NAME = new Map(Object.keys(PROPERTIES).map((name) => [name.toLowerCase(), name as keyof SimProfile]));
export const PROFILE_TYPE = 'microsoft.graph.androidDeviceOwnerEnrollmentProfile';

export class QueryError extends Error {}

/** Property names in canonical case, or a QueryError naming the first unknown one. */
export function parseSelect(value: string | undefined): (keyof SimProfile)[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  if (names.length === 0) throw new QueryError("Invalid $select value: ''.");
  return names.map((name) => {
    const canonical = BY_LOWER_NAME.get(name.toLowerCase());
    if (!canonical) throw new QueryError(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${PROFILE_TYPE}'.`);
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
export function project(profile: SimProfile, select: (keyof SimProfile)[] | undefined): Record<string, unknown> {
  if (!select) return { '@odata.type': `#${PROFILE_TYPE}`, ...structuredClone(profile) };
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
