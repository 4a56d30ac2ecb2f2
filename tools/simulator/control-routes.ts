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
}

export function handleControl(ex: Exchange, state: ControlState): void {
  const route = `${ex.method} /${ex.segments.join('/')}`;
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
    case 'POST /_sim/reset':
      state.reset();
      return sendEmpty(ex.res, 204);
    default:
      return sendJson(ex.res, 404, { error: { code: 'NotFound', message: `Unknown simulator control route ${route}` } });
  }
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
