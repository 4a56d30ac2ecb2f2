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
  const requestId = error.requestId ?? header(error.headers, 'request-id') ?? bodyRequestId(error.body);
  const extras = {
    ...(status > 0 ? { status } : {}),
    ...(code ? { code } : {}),
    ...(requestId ? { graphRequestId: requestId } : {}),
  };

  // statusCode -1: nothing came back over HTTP; the client wrapped what was thrown (name → code).
  if (status <= 0) return { ...fromTransportError(code ?? '', error.message ?? '', undefined), ...extras };

  const kind = kindForStatus(status, intune.message);
  const retryAfter = retryAfterSeconds(header(error.headers, 'retry-after')) ?? intune.retryAfterSeconds;
  return {
    ...failure(kind, intune.message || bodyText(error.body)),
    ...extras,
    ...(kind === 'throttled' && retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function kindForStatus(status: number, message: string): FailureKind {
  if (status === 400) return NOT_APPLICABLE.test(message) ? 'not-applicable' : 'unknown';
  if (status === 401) return 'unauthorized';
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

/**
 * Intune often sends `message` as stringified JSON: {"_version":3,"Message":"…","RetryAfter":null,…}.
 * Returns the inner Message, or the message itself when it is not that.
 */
export function unwrapIntuneMessage(message: string): { message: string; retryAfterSeconds?: number } {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{')) return { message: trimmed };
  try {
    const inner = JSON.parse(trimmed) as Record<string, unknown>;
    const innerMessage = inner.Message ?? inner.message;
    const retryAfter = typeof inner.RetryAfter === 'number' ? inner.RetryAfter : undefined;
    return {
      message: typeof innerMessage === 'string' ? innerMessage.trim() : '',
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  } catch {
    return { message: trimmed };
  }
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

/** The client keeps the error object as a JSON string in `body`: read innerError's request-id from it. */
function bodyRequestId(body: unknown): string | undefined {
  if (typeof body !== 'string' || !body.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { innerError?: Record<string, unknown>; error?: { innerError?: Record<string, unknown> } };
    const inner = parsed.innerError ?? parsed.error?.innerError;
    const id = inner?.['request-id'];
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
