import { INTUNE_ERROR_KINDS } from './graph-errors';
import type { GraphFault, IntuneErrorKind } from './simulator-api';

/**
 * Injected failures, checked in the order they were added: the first fault whose method and
 * path fragment match the request applies, `times` times (forever when omitted).
 * They apply to every simulated service (Graph, Entra, connector), never to /_sim itself.
 */
interface ActiveFault {
  fault: GraphFault;
  remaining: number;
}

export class FaultInjector {
  private readonly active: ActiveFault[] = [];

  /** Validates first (a fault may come from another process as JSON); throws on a bad one. */
  add(input: unknown): void {
    const fault = validateFault(input);
    this.active.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The fault to apply to this request (its use is counted), or undefined. */
  take(method: string, paths: string[]): GraphFault | undefined {
    const index = this.active.findIndex(
      ({ fault }) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.pathIncludes === undefined || paths.some((p) => p.includes(fault.pathIncludes as string))),
    );
    if (index < 0) return undefined;
    const entry = this.active[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.active.splice(index, 1);
    return entry.fault;
  }
}

/** Throws a plain Error naming the problem; /_sim/faults turns it into a 400. */
export function validateFault(input: unknown): GraphFault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('A fault must be a JSON object.');
  const f = input as Record<string, unknown>;
  const problems: string[] = [];
  const optional = (key: string, type: 'string' | 'number' | 'boolean') => {
    if (f[key] !== undefined && typeof f[key] !== type) problems.push(`${key} must be a ${type}`);
  };
  optional('method', 'string');
  optional('pathIncludes', 'string');
  optional('status', 'number');
  optional('code', 'string');
  optional('message', 'string');
  optional('retryAfterSeconds', 'number');
  optional('delayMs', 'number');
  optional('hang', 'boolean');
  optional('reset', 'boolean');
  optional('times', 'number');
  optional('intune', 'string');
  optional('bodyRetryAfterSeconds', 'number');
  if (typeof f.intune === 'string' && !INTUNE_ERROR_KINDS.includes(f.intune as IntuneErrorKind)) {
    problems.push(`intune must be one of ${INTUNE_ERROR_KINDS.join(', ')}`);
  }
  if (typeof f.status === 'number' && (!Number.isInteger(f.status) || f.status < 100 || f.status > 599)) problems.push('status must be an HTTP status code');
  if (typeof f.times === 'number' && (!Number.isInteger(f.times) || f.times < 1)) problems.push('times must be a positive integer');
  if (typeof f.delayMs === 'number' && f.delayMs < 0) problems.push('delayMs must not be negative');
  if (f.status === undefined && f.intune === undefined && f.hang !== true && f.reset !== true && f.delayMs === undefined) {
    problems.push('a fault needs status, intune, hang, reset or delayMs');
  }
  if (problems.length > 0) throw new Error(`Invalid fault: ${problems.join('; ')}.`);
  return {
    method: f.method as string | undefined,
    pathIncludes: f.pathIncludes as string | undefined,
    status: f.status as number | undefined,
    intune: f.intune as IntuneErrorKind | undefined,
    bodyRetryAfterSeconds: f.bodyRetryAfterSeconds as number | undefined,
    code: f.code as string | undefined,
    message: f.message as string | undefined,
    retryAfterSeconds: f.retryAfterSeconds as number | undefined,
    delayMs: f.delayMs as number | undefined,
    hang: f.hang as boolean | undefined,
    reset: f.reset as boolean | undefined,
    times: f.times as number | undefined,
  };
}
