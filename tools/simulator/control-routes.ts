import { FaultInjector } from './fault-injector';
import { Exchange, sendEmpty, sendJson } from './http-exchange';
import type { RecordedActivity, RecordedGraphCall } from './simulator-api';

/**
 * /_sim/*: the same controls as the programmatic API, for a test or developer in another
 * process (the bot under `npm run dev`, a shell with curl). Loopback only, like the server.
 */
export interface ControlState {
  faults: FaultInjector;
  graphCalls: RecordedGraphCall[];
  activities: RecordedActivity[];
  info: () => Record<string, unknown>;
  reset: () => void;
  /** Throws (→ 400) for an unknown app or a bad list. */
  setAppRoles: (clientId: string, roles: string[]) => void;
  setIntuneLicensed: (licensed: boolean) => void;
  /** Throws (→ 400) for a limit that is not a whole number ≥ 1. */
  setWriteLimits: (limits: { perAppPer20s?: number; perTenantPer20s?: number }) => void;
  /** As if the user had added the app in personal scope. */
  installForUser: (objectId: string) => void;
  /** Teams refuses every message to the user (403 ConversationBlockedByUser or 404 ConversationNotFound). */
  refuseMessagesTo: (objectId: string, status: 403 | 404) => void;
}

export function handleControl(ex: Exchange, state: ControlState): void {
  const route = `${ex.method} /${ex.segments.join('/')}`;
  // PUT /_sim/entra/apps/{clientId}/roles {"roles":[…]}: what the app registration is granted.
  const [, service, apps, clientId, roles, ...extra] = ex.segments;
  if (ex.method === 'PUT' && service === 'entra' && apps === 'apps' && clientId && roles === 'roles' && extra.length === 0) {
    return withJsonBody(ex, (body) => state.setAppRoles(clientId, body.roles as string[]));
  }
  // PUT /_sim/teams/users/{objectId}/app: the user has the app. PUT /_sim/connector/refusals/{objectId} {"status":403|404}.
  if (ex.method === 'PUT' && service === 'teams' && apps === 'users' && clientId && roles === 'app' && extra.length === 0) {
    return withJsonBody(ex, () => state.installForUser(clientId));
  }
  if (ex.method === 'PUT' && service === 'connector' && apps === 'refusals' && clientId && roles === undefined) {
    return withJsonBody(ex, (body) => {
      const status = body.status ?? 403;
      if (status !== 403 && status !== 404) throw new Error('Expected {"status": 403|404}.');
      state.refuseMessagesTo(clientId, status);
    });
  }
  switch (route) {
    case 'GET /_sim':
      return sendJson(ex.res, 200, state.info());
    case 'POST /_sim/faults':
      return addFaults(ex, state.faults);
    case 'DELETE /_sim/faults':
      state.faults.clear();
      return sendEmpty(ex.res, 204);
    case 'GET /_sim/graph/calls':
      return sendJson(ex.res, 200, { value: state.graphCalls });
    case 'GET /_sim/connector/activities':
      return sendJson(ex.res, 200, { value: state.activities });
    case 'PUT /_sim/tenant/intune':
      return withJsonBody(ex, (body) => {
        if (typeof body.licensed !== 'boolean') throw new Error('Expected {"licensed": true|false}.');
        state.setIntuneLicensed(body.licensed);
      });
    // PUT /_sim/intune/throttle {"perAppPer20s": 100, "perTenantPer20s": 200}: Intune's write limits.
    case 'PUT /_sim/intune/throttle':
      return withJsonBody(ex, (body) => {
        const limit = (key: string) => (body[key] === undefined ? undefined : Number(body[key]));
        state.setWriteLimits({ perAppPer20s: limit('perAppPer20s'), perTenantPer20s: limit('perTenantPer20s') });
      });
    case 'POST /_sim/reset':
      state.reset();
      return sendEmpty(ex.res, 204);
    default:
      return sendJson(ex.res, 404, { error: { code: 'NotFound', message: `Unknown simulator control route ${route}` } });
  }
}

/** Runs `apply` with the JSON object body: 204 when it returns, 400 naming the problem when it throws. */
function withJsonBody(ex: Exchange, apply: (body: Record<string, unknown>) => void): void {
  let body: unknown;
  try {
    body = JSON.parse(ex.body);
  } catch {
    return sendJson(ex.res, 400, { error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendJson(ex.res, 400, { error: { code: 'BadRequest', message: 'The request body must be a JSON object.' } });
  }
  try {
    apply(body as Record<string, unknown>);
  } catch (error) {
    return sendJson(ex.res, 400, { error: { code: 'BadRequest', message: (error as Error).message } });
  }
  sendEmpty(ex.res, 204);
}

/** Body: one fault object or an array of them; all are validated before any is added. */
function addFaults(ex: Exchange, faults: FaultInjector): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(ex.body);
  } catch {
    return sendJson(ex.res, 400, { error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } });
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const staged = new FaultInjector();
  try {
    for (const fault of list) staged.add(fault);
  } catch (error) {
    return sendJson(ex.res, 400, { error: { code: 'BadRequest', message: (error as Error).message } });
  }
  for (const fault of list) faults.add(fault);
  sendJson(ex.res, 201, { added: list.length });
}
