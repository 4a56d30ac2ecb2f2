import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-exchange';
import type { IntuneErrorKind } from './simulator-api';

/**
 * Graph's error body and the headers every Graph answer carries. The shape is exact because the
 * Graph JS client reads `innerError.request-id`/`date` from it to build GraphError.
 */
export interface GraphIds {
  requestId: string;
  clientRequestId: string;
}

export function graphIds(clientRequestId: string | string[] | undefined): GraphIds {
  const requestId = randomUUID();
  const sent = Array.isArray(clientRequestId) ? clientRequestId[0] : clientRequestId;
  return { requestId, clientRequestId: sent && sent.length > 0 ? sent : requestId };
}

export function graphHeaders(ids: GraphIds): Record<string, string> {
  return {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Simulator', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'SIM' } }),
  };
}

const DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'BadRequest', message: 'Request not applicable to target tenant.' },
  401: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
  403: {
    code: 'Forbidden',
    message: 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All',
  },
  404: { code: 'ResourceNotFound', message: 'Resource not found.' },
  409: { code: 'Conflict', message: 'The request conflicts with the current state of the resource.' },
  429: { code: 'TooManyRequests', message: 'Too many requests.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred.' },
  502: { code: 'BadGateway', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'GatewayTimeout', message: 'The gateway did not receive a timely response.' },
};

export function defaultGraphError(status: number): { code: string; message: string } {
  return DEFAULTS[status] ?? { code: status >= 500 ? 'InternalServerError' : 'BadRequest', message: `HTTP ${status}` };
}

export function sendGraphError(
  res: ServerResponse,
  ids: GraphIds,
  status: number,
  code?: string,
  message?: string,
  extraHeaders: Record<string, string> = {},
): void {
  const fallback = defaultGraphError(status);
  sendJson(
    res,
    status,
    {
      error: {
        code: code ?? fallback.code,
        message: message ?? fallback.message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
      },
    },
    { ...graphHeaders(ids), ...extraHeaders },
  );
}

/** Where Intune says it answered from: its internal front end, which it names in every error. */
const INTUNE_FRONT_END = 'https://fef.msua06.manage.microsoft.com/DeviceEnrollmentFE/StatelessDeviceEnrollmentFEService';

export interface IntuneMessageOptions {
  /** Appended as " - CustomApiErrorPhrase: …" and repeated in its own member (Intune's generic errors). */
  phrase?: string;
  /** Intune's own RetryAfter member (seconds), null when it gives none. */
  retryAfter?: number | null;
}

/**
 * Intune wraps its own error into `message` as stringified JSON (`_version` 3) whose Message ends
 * with the Operation ID, the Activity ID (the caller's client-request-id) and its internal URL.
 * `text` is what Intune says first ("An error has occurred", "Application is not authorized …").
 */
export function intuneMessage(ids: GraphIds, path: string, text = 'An error has occurred', options: IntuneMessageOptions = {}): string {
  const url = `${INTUNE_FRONT_END}/${path.replace(/^\//, '')}?api-version=5023-05-31`;
  const tail = options.phrase !== undefined ? ` - CustomApiErrorPhrase: ${options.phrase}` : '';
  return JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${ids.clientRequestId} - Url: ${url}${tail}`,
    CustomApiErrorPhrase: options.phrase ?? '',
    RetryAfter: options.retryAfter ?? null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
}


export const INTUNE_ERROR_KINDS: readonly IntuneErrorKind[] = ['forbidden', 'unknown-error', 'not-applicable', 'throttled', 'internal-error', 'unavailable'];

export interface IntuneError {
  status: number;
  code: string;
  message: string;
}

/**
 * Intune's answers, byte for byte as people quote them in public issues:
 * - 403 `Forbidden`, message a JSON string naming the scopes the app must have;
 * - 401 `UnknownError` when Intune itself refuses the app (role assignment / permission), the JSON
 *   nested twice (`{"ErrorCode":"Forbidden","Message":"{\"_version\":3,…}",…}`);
 * - 400 `BadRequest` "Request not applicable to target tenant." for a tenant without an Intune licence;
 * - 429 with the Intune JSON (RetryAfter in it, or null);
 * - 500 `Unknown` / 503 `ServiceUnavailable` with the Operation ID / Activity ID text.
 */
export function intuneError(kind: IntuneErrorKind, ids: GraphIds, path: string, options: { scopes?: readonly string[]; retryAfter?: number | null } = {}): IntuneError {
  switch (kind) {
    case 'forbidden':
      return {
        status: 403,
        code: 'Forbidden',
        message: intuneMessage(ids, path,
          `Application is not authorized to perform this operation. Application must have one of the following scopes: ${(options.scopes ?? ['DeviceManagementConfiguration.ReadWrite.All']).join(', ')}`),
      };
    case 'unknown-error':
      return {
        status: 401,
        code: 'UnknownError',
        message: JSON.stringify({
          ErrorCode: 'Forbidden',
          Message: intuneMessage(ids, path, 'An error has occurred', { phrase: '' }),
          Target: null,
          Details: null,
          InnerError: null,
          InstanceAnnotations: [],
        }),
      };
    case 'not-applicable':
      return { status: 400, code: 'BadRequest', message: 'Request not applicable to target tenant.' };
    case 'throttled':
      return { status: 429, code: 'TooManyRequests', message: intuneMessage(ids, path, 'Too many requests', { retryAfter: options.retryAfter ?? null }) };
    case 'internal-error':
      return { status: 500, code: 'Unknown', message: intuneMessage(ids, path, 'An internal server error has occurred', { phrase: '' }) };
    case 'unavailable':
      return { status: 503, code: 'ServiceUnavailable', message: intuneMessage(ids, path, 'The service is temporarily unavailable', { phrase: '' }) };
  }
}

/** Graph's own answer (not Intune's) when a directory call lacks its permission. */
export const DIRECTORY_FORBIDDEN = { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } as const;
