import { GraphError } from '@microsoft/microsoft-graph-client';
import type { FailureKind, RevokeFailure } from '../approvals/revoke-request';
import { scrub } from '../support/logger';
import { GraphFailure } from '../approvals/enrollment-profiles';
import { retryAfterSeconds } from './bounded-retry-options';

const MAX_MESSAGE_LENGTH = 300;
const NOT_APPLICABLE = /not applicable to target tenant/i;
const NETWORK = /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|other side closed/i;
/** Errors @azure/identity throws when it cannot get a token. */
const CREDENTIAL_ERRORS = new Set(['AuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError', 'AggregateAuthenticationError']);

const DEFAULT_MESSAGES: Record<FailureKind, string> = {
  forbidden: 'Graph refused: the app lacks permission for this operation.',
  'not-found': 'Graph does not know this enrollment profile.',
  'not-applicable': 'Request not applicable to target tenant.',
  throttled: 'Graph is throttling requests.',
  unavailable: 'Graph is unavailable.',
  timeout: 'Graph did not answer in time.',
  unauthorized: 'Graph did not accept the app credentials.',
  'intune-refused': 'Intune refused the app.',
  unknown: 'Graph returned an unexpected error.',
};

/**
 * Any error from a Graph call, turned into a RevokeFailure a person can act on.
 * Handles GraphError (HTTP failures and what the client wrapped), GraphFailure (already mapped),
 * errors from @azure/identity, and raw transport errors.
 */
export function toRevokeFailure(error: unknown): RevokeFailure {
  if (error instanceof GraphFailure) return error.failure;
  if (error instanceof GraphError || isGraphErrorLike(error)) return fromGraphError(error);
  if (error instanceof Error) return fromTransportError(error.name, error.message, systemCode(error));
  return failure('unknown', typeof error === 'string' ? error : '');
}

/**
 * toRevokeFailure for a call that sent `clientRequestId`: the failure carries it even when no
 * answer came back (a timeout, a reset), so support can still find the call.
 */
export function failureOf(error: unknown, clientRequestId: string): RevokeFailure {
  const failure = toRevokeFailure(error);
  return failure.clientRequestId ? failure : { ...failure, clientRequestId };
}

/** GraphError as the 3.x client builds it; duck-typed because errors cross module copies and JSON. */
interface GraphErrorShape {
  statusCode: number;
  code?: string | null;
  message?: string;
  requestId?: string | null;
  body?: unknown;
  headers?: unknown;
}

function isGraphErrorLike(error: unknown): error is GraphErrorShape {
  return typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

function fromGraphError(error: GraphErrorShape): RevokeFailure {
  const status = error.statusCode;
  const code = error.code ?? undefined;
  const intune = unwrapIntuneMessage(error.message ?? '');
  const requestId = error.requestId ?? header(error.headers, 'request-id') ?? bodyInnerErrorId(error.body, 'request-id');
  const clientRequestId = header(error.headers, 'client-request-id') ?? bodyInnerErrorId(error.body, 'client-request-id');
  const extras = {
    ...(status > 0 ? { status } : {}),
    ...(code ? { code } : {}),
    ...(requestId ? { graphRequestId: requestId } : {}),
    ...(clientRequestId ? { clientRequestId } : {}),
  };

  // statusCode -1: nothing came back over HTTP; the client wrapped what was thrown (name → code).
  if (status <= 0) return { ...fromTransportError(code ?? '', error.message ?? '', undefined), ...extras };

  const kind = kindForStatus(status, code, intune);
  const retryAfter = retryAfterSeconds(header(error.headers, 'retry-after')) ?? intune.retryAfterSeconds;
  const permissions = kind === 'forbidden' ? requiredPermissionsIn(intune.message) : [];
  return {
    ...failure(kind, intune.message || bodyText(error.body)),
    ...extras,
    ...(permissions.length > 0 ? { requiredPermissions: permissions } : {}),
    ...(kind === 'throttled' && retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/**
 * 401 is Entra's "bad token" unless Intune itself answered: then the code is UnknownError and the
 * nested error says Forbidden — Intune refusing the app (permission or role assignment), with a
 * token Graph accepted.
 */
function kindForStatus(status: number, code: string | undefined, intune: IntuneMessage): FailureKind {
  if (status === 400) return NOT_APPLICABLE.test(intune.message) ? 'not-applicable' : 'unknown';
  if (status === 401) return code === 'UnknownError' || intune.errorCode === 'Forbidden' ? 'intune-refused' : 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'throttled';
  if (status >= 500 && status <= 599) return 'unavailable';
  return 'unknown';
}

function fromTransportError(name: string, message: string, code: string | undefined): RevokeFailure {
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return failure('timeout', message);
  }
  if (name === 'NetworkError' || (code !== undefined && NETWORK.test(code)) || NETWORK.test(message)) {
    return failure('unavailable', code && !message.includes(code) ? `${message} (${code})` : message);
  }
  if (CREDENTIAL_ERRORS.has(name)) return failure('unauthorized', `Could not get a token for Graph: ${message}`);
  return failure('unknown', message);
}

function failure(kind: FailureKind, message: string): RevokeFailure {
  return { kind, message: plainMessage(message) || DEFAULT_MESSAGES[kind] };
}

/** "Application must have one of the following scopes: A, B - Operation ID …" → [A, B]. */
const SCOPES = /must have one of the following scopes:\s*([\w.]+(?:\s*,\s*[\w.]+)*)/i;

function requiredPermissionsIn(message: string): string[] {
  const match = SCOPES.exec(message);
  return match ? match[1].split(',').map((scope) => scope.trim()).filter(Boolean) : [];
}

export interface IntuneMessage {
  message: string;
  retryAfterSeconds?: number;
  /** `ErrorCode` of a wrapped error (the 401 UnknownError carries "Forbidden" there). */
  errorCode?: string;
}

/** Intune nests at most twice in practice; a little more is tolerated, never unbounded. */
const MAX_NESTING = 4;

/**
 * Intune often sends `message` as stringified JSON: {"_version":3,"Message":"…","RetryAfter":null,…},
 * and on its 401 UnknownError wraps that once more: {"ErrorCode":"Forbidden","Message":"{\"_version\":3,…}"}.
 * Returns the innermost Message (and RetryAfter / ErrorCode found on the way), or the message itself
 * when it is not JSON.
 */
export function unwrapIntuneMessage(message: string): IntuneMessage {
  let text = message.trim();
  let retryAfterSeconds: number | undefined;
  let errorCode: string | undefined;
  for (let depth = 0; depth < MAX_NESTING && text.startsWith('{'); depth++) {
    let inner: Record<string, unknown>;
    try {
      inner = JSON.parse(text) as Record<string, unknown>;
    } catch {
      break;
    }
    if (typeof inner.RetryAfter === 'number') retryAfterSeconds ??= inner.RetryAfter;
    if (typeof inner.ErrorCode === 'string') errorCode ??= inner.ErrorCode;
    const innerMessage = inner.Message ?? inner.message;
    text = typeof innerMessage === 'string' ? innerMessage.trim() : '';
  }
  return {
    message: text,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
  };
}

/** One short line, free of tokens and of Intune's internal service URLs. */
export function plainMessage(message: string): string {
  const line = String(scrub(message))
    .replace(/\s*-?\s*Url:\s*\S+/gi, '') // Intune appends its internal endpoint
    .replace(/\s*-?\s*CustomApiErrorPhrase:\s*$/i, '') // … and an often empty phrase
    .replace(/\b(client_secret|client_assertion|access_token|refresh_token|password)=[^&\s]+/gi, '$1=[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/** The client keeps the error object as a JSON string in `body`: read an id of innerError from it. */
function bodyInnerErrorId(body: unknown, name: 'request-id' | 'client-request-id'): string | undefined {
  if (typeof body !== 'string' || !body.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { innerError?: Record<string, unknown>; error?: { innerError?: Record<string, unknown> } };
    const inner = parsed.innerError ?? parsed.error?.innerError;
    const id = inner?.[name];
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A plain-text error body (e.g. a proxy's 503 page), when Graph sent no JSON message. */
function bodyText(body: unknown): string {
  if (typeof body !== 'string' || body.trim().startsWith('{') || body.trim().startsWith('<')) return '';
  return body;
}

function systemCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * A non-2xx response read with ResponseType.RAW (the client does not throw for those), as a
 * GraphError shaped exactly like the ones the client throws itself.
 */
export async function graphErrorFromResponse(response: Response): Promise<GraphError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // An unreadable body still leaves status and headers to go on.
  }
  let parsed: { error?: { code?: string; message?: string; innerError?: Record<string, unknown> } } | undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const graphError = new GraphError(response.status, parsed?.error?.message ?? '');
  graphError.code = parsed?.error?.code ?? null;
  const innerRequestId = parsed?.error?.innerError?.['request-id'];
  graphError.requestId = (typeof innerRequestId === 'string' ? innerRequestId : null) ?? response.headers.get('request-id');
  graphError.body = parsed?.error ? JSON.stringify(parsed.error) : text;
  graphError.headers = response.headers;
  return graphError;
}
