/**
 * What Entra and Graph/Intune said, in plain words for the doctor: AADSTS codes of a failed token
 * request, the roles of an app-only token, and Intune's JSON-inside-JSON error messages.
 */

/** The payload of a JWT, undefined when it is not one. The signature is not checked: we only read our own token. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function rolesOf(payload: Record<string, unknown> | undefined): string[] {
  const roles = payload?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

/** The AADSTS code in an Entra error (from @azure/identity or MSAL), e.g. 7000215. */
export function aadstsCode(error: unknown): number | undefined {
  const text = errorText(error);
  const match = /AADSTS(\d{5,8})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const parts = [error.message];
    const record = error as unknown as Record<string, unknown>;
    if (typeof record.errorMessage === 'string') parts.push(record.errorMessage);
    if (Array.isArray(record.errors)) parts.push(...record.errors.map(errorText));
    if (error.cause) parts.push(errorText(error.cause));
    return parts.join(' ');
  }
  return typeof error === 'string' ? error : JSON.stringify(error ?? '');
}

/**
 * Intune puts stringified JSON in `error.message`, sometimes twice (`{"ErrorCode":"Forbidden",
 * "Message":"{\"_version\":3,\"Message\":\"…\"}"}`): the innermost `Message`, without the
 * support-case suffixes, is the sentence a person needs.
 */
export function intuneMessage(message: string | undefined): string {
  let text = message ?? '';
  for (let depth = 0; depth < 4; depth += 1) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) break;
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const inner = parsed.Message ?? parsed.message;
      if (typeof inner !== 'string') break;
      text = inner;
    } catch {
      break;
    }
  }
  return text.split(/ - Operation ID| - Activity ID| - Url:/)[0].trim().slice(0, 300);
}

/** The permission names an Intune 403 lists ("Application must have one of the following scopes: A, B"). */
export function scopesNamed(message: string): string[] {
  const match = /following scopes?:\s*([A-Za-z0-9., ]+)/.exec(message);
  return match ? match[1].split(/[,\s]+/).map((s) => s.replace(/\.$/, '')).filter((s) => /^[A-Z][A-Za-z]+\.[A-Za-z.]+$/.test(s)) : [];
}
