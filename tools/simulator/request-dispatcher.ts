import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from './apply-fault';
import { ChannelState, handleChannelMetadata } from './bot-framework-channel';
import { ConnectorState, handleConnector } from './connector-routes';
import { ControlState, handleControl } from './control-routes';
import { checkIssuedToken, EntraState, handleEntra } from './entra-routes';
import { FaultInjector } from './fault-injector';
import { DIRECTORY_FORBIDDEN, GraphIds, graphIds, intuneError, sendGraphError } from './graph-errors';
import { isIntunePath, missingPermissions, permissionRuleFor, teamsForbiddenMessage } from './graph-permissions';
import { handleTeamsApps, type TeamsAppsState } from './teams-apps';
import { GroupTable, handleGroupMembership } from './group-membership-routes';
import { bearerToken, Exchange, readExchange, safeDecode, sendJson } from './http-exchange';
import { handleEnrollmentProfiles, ProfileRoutesState } from './enrollment-profile-routes';
import type { RecordedGraphCall } from './simulator-api';
import { handleBatch, isBatchPath } from './batch-routes';
import { IntuneWriteThrottle, isWriteMethod } from './intune-write-throttle';

/**
 * One entry point for every request: control routes first, then the injected fault (if any),
 * then the service that owns the path. Graph calls are recorded on arrival, and their status is
 * filled in the moment the answer's head is written (before the client can see it).
 */
export interface SimulatorContext {
  entra: EntraState;
  channel: ChannelState;
  connector: ConnectorState;
  profiles: ProfileRoutesState;
  groups: GroupTable;
  graphCalls: RecordedGraphCall[];
  faults: FaultInjector;
  control: ControlState;
  tenant: { intuneLicensed: boolean };
  /** Intune's write limits (per app per tenant, per tenant), for direct calls and each $batch item. */
  writeThrottle: IntuneWriteThrottle;
  teamsApps: TeamsAppsState;
}

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_VERSIONS = new Set(['beta', 'v1.0']);

export function createDispatcher(getContext: () => SimulatorContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    dispatch(req, res, getContext()).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { error: { code: 'SimulatorError', message: error instanceof Error ? error.message : String(error) } });
      } else {
        res.destroy();
      }
    });
  };
}

async function dispatch(req: IncomingMessage, res: ServerResponse, ctx: SimulatorContext): Promise<void> {
  const ex = await readExchange(req, res);
  if (ex.segments[0] === '_sim') return handleControl(ex, ctx.control);

  const ids = graphIds(req.headers['client-request-id']);
  const isGraph = GRAPH_VERSIONS.has((ex.segments[0] ?? '').toLowerCase());
  const tokenCheck = isGraph ? checkIssuedToken(ctx.entra, bearerToken(req), GRAPH_AUDIENCE) : undefined;
  const record = isGraph ? startGraphRecord(ex, ids, tokenCheck?.ok === true, ctx.graphCalls) : undefined;

  const fault = ctx.faults.take(ex.method, [ex.rawPath, safeDecode(ex.rawPath)]);
  if (fault && (await applyFault(ex, fault, ids, (kind) => record && (record.fault = kind)))) return;

  if (isGraph && tokenCheck) {
    if (!tokenCheck.ok) {
      return sendGraphError(res, ids, 401, 'InvalidAuthenticationToken', tokenCheck.reason, {
        'www-authenticate': `Bearer realm="", authorization_uri="${ctx.entra.baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      });
    }
    const token = tokenCheck.payload;
    if (isBatchPath(ex)) {
      // Each item is a Graph request of its own: recorded, faulted, authorized, throttled and answered alone.
      return handleBatch(ex, ids, async (item, itemIds) => {
        startGraphRecord(item, itemIds, true, ctx.graphCalls).inBatch = true;
        const itemFault = ctx.faults.take(item.method, [item.rawPath, safeDecode(item.rawPath)]);
        if (itemFault && (await applyFault(item, itemFault, itemIds, () => undefined))) return;
        answerGraphResource(item, ctx, itemIds, token);
      });
    }
    return answerGraphResource(ex, ctx, ids, token);
  }
  if (handleChannelMetadata(ex, ctx.channel)) return;
  if (handleConnector(ex, ctx.connector)) return;
  if (handleEntra(ex, ctx.entra)) return;
  if (ex.method === 'GET' && ex.segments.length === 0) {
    return sendJson(res, 200, { name: 'Token Guard simulator', services: ['Entra ID', 'Microsoft Graph (Intune beta)', 'Bot Framework channel'] });
  }
  sendJson(res, 404, { error: { code: 'NotFound', message: `Nothing is simulated at ${ex.method} ${ex.rawPath}` } });
}

/** A Graph request past authentication: roles and licence, Intune's write throttle, then the resource. */
function answerGraphResource(ex: Exchange, ctx: SimulatorContext, ids: GraphIds, token: Record<string, unknown>): void {
  if (refusedByPolicy(ex, ctx, ids, token)) return;
  if (throttled(ex, ctx, ids, token)) return;
  if (handleEnrollmentProfiles(ex, ctx.profiles, ids)) return;
  if (handleGroupMembership(ex, ctx.groups, ctx.entra.baseUrl, ids)) return;
  if (handleTeamsApps(ex, ctx.teamsApps, ids)) return;
  sendGraphError(ex.res, ids, 404, 'ResourceNotFound', `Resource not found for the segment '${ex.segments.slice(1).join('/')}'.`);
}

/** Intune writes over its limits: 429 with Retry-After, as Intune answers (its JSON message carries RetryAfter too). */
function throttled(ex: Exchange, ctx: SimulatorContext, ids: GraphIds, token: Record<string, unknown>): boolean {
  const afterVersion = ex.segments.slice(1);
  if (!isWriteMethod(ex.method) || !isIntunePath(afterVersion)) return false;
  const answer = ctx.writeThrottle.take(String(token.tid ?? ''), String(token.appid ?? token.azp ?? ''));
  if (answer.allowed) return false;
  const error = intuneError('throttled', ids, afterVersion.join('/'), { retryAfter: answer.retryAfterSeconds });
  sendGraphError(ex.res, ids, error.status, error.code, error.message, { 'retry-after': String(answer.retryAfterSeconds) });
  return true;
}

/**
 * What Graph and Intune check before the resource: the token's roles against the endpoint's
 * permissions (Intune's 403 names the scopes; the directory's is Authorization_RequestDenied),
 * then, for Intune, whether the tenant has a licence at all. True when it answered.
 */
function refusedByPolicy(ex: Exchange, ctx: SimulatorContext, ids: GraphIds, token: Record<string, unknown>): boolean {
  const afterVersion = ex.segments.slice(1);
  const rule = permissionRuleFor(ex.method, afterVersion);
  const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is string => typeof r === 'string') : [];
  const missing = rule ? missingPermissions(rule, roles) : [];
  if (rule && missing.length > 0) {
    if (rule.service === 'intune') {
      const answer = intuneError('forbidden', ids, afterVersion.join('/'), { scopes: missing[0] });
      sendGraphError(ex.res, ids, answer.status, answer.code, answer.message);
    } else if (rule.service === 'teams') {
      sendGraphError(ex.res, ids, 403, 'Forbidden', teamsForbiddenMessage(missing[0], roles));
    } else {
      sendGraphError(ex.res, ids, DIRECTORY_FORBIDDEN.status, DIRECTORY_FORBIDDEN.code, DIRECTORY_FORBIDDEN.message);
    }
    return true;
  }
  if (isIntunePath(afterVersion) && !ctx.tenant.intuneLicensed) {
    const answer = intuneError('not-applicable', ids, afterVersion.join('/'));
    sendGraphError(ex.res, ids, answer.status, answer.code, answer.message);
    return true;
  }
  return false;
}

function recordedBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function startGraphRecord(ex: Exchange, ids: GraphIds, authorized: boolean, calls: RecordedGraphCall[]): RecordedGraphCall {
  const record: RecordedGraphCall = {
    method: ex.method,
    path: '/' + ex.segments.join('/'),
    query: { ...ex.query },
    status: 0,
    at: ex.at,
    authorized,
    requestId: ids.requestId,
    ...(ex.req.headers['client-request-id'] ? { clientRequestId: ids.clientRequestId } : {}),
    ...(ex.method === 'POST' && ex.body.trim() !== '' ? { body: recordedBody(ex.body) } : {}),
  };
  calls.push(record);
  const writeHead = ex.res.writeHead.bind(ex.res) as (...args: unknown[]) => ServerResponse;
  ex.res.writeHead = ((status: number, ...rest: unknown[]) => {
    record.status = status;
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
  return record;
}
