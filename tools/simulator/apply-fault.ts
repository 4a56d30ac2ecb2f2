import { GraphIds, graphHeaders, intuneError, sendGraphError } from './graph-errors';
import { Exchange, sendEmpty, sleep } from './http-exchange';
import type { GraphFault, RecordedGraphCall } from './simulator-api';

/**
 * Carries out one injected fault: wait, then hang, drop the connection or answer with the error
 * (Graph's body, Retry-After when asked). Returns false when the fault was only a delay and the
 * request should now be handled normally.
 */
export async function applyFault(ex: Exchange, fault: GraphFault, ids: GraphIds, markFault: (kind: NonNullable<RecordedGraphCall['fault']>) => void): Promise<boolean> {
  if (fault.delayMs !== undefined && fault.delayMs > 0) await sleep(fault.delayMs);
  if (fault.hang) {
    // Never answered; close() tears the socket down.
    markFault('hang');
    return true;
  }
  if (fault.reset) {
    markFault('reset');
    ex.req.socket.destroy();
    return true;
  }
  if (fault.status === undefined && fault.intune === undefined) return false;
  markFault('status');
  const retryAfter: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (fault.intune) {
    const answer = intuneError(fault.intune, ids, ex.segments.slice(1).join('/'), { retryAfter: fault.bodyRetryAfterSeconds ?? null });
    sendGraphError(ex.res, ids, fault.status ?? answer.status, fault.code ?? answer.code, fault.message ?? answer.message, retryAfter);
  } else if ((fault.status as number) < 400) {
    sendEmpty(ex.res, fault.status as number, { ...graphHeaders(ids), ...retryAfter });
  } else {
    sendGraphError(ex.res, ids, fault.status as number, fault.code, fault.message, retryAfter);
  }
  return true;
}
