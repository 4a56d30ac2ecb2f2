import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-exchange';

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

/**
 * Intune wraps its own error into `message` as stringified JSON; the bot must cope with it, so
 * the simulator answers "unknown profile id" this way, as the real service does.
 */
export function intuneMessage(ids: GraphIds, url: string, phrase = ''): string {
  return JSON.stringify({
    _version: 3,
    Message: `An error has occurred - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${ids.clientRequestId} - Url: https://fef.msua06.manage.microsoft.com/DeviceEnrollmentFE/StatelessDeviceEnrollmentFEService${url} - CustomApiErrorPhrase: ${phrase}`,
    CustomApiErrorPhrase: phrase,
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
}
