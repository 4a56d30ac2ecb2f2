import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../support/logger';

/**
 * Correlation of Graph calls. Every call carries a fresh `client-request-id` (a GUID): Graph echoes
 * it in its answer and Intune calls it the Activity ID, so with Graph's `request-id` it is what
 * Intune support asks for. The cause — the Teams turn (activity id) or the revoke request that
 * made the call — travels in an AsyncLocalStorage scope, and every call is logged with it, so a
 * client-request-id in a message, the audit or a support ticket leads back to who and what.
 */
export const CLIENT_REQUEST_ID = 'client-request-id';

export interface GraphCause {
  /** The Teams activity whose turn made the call. */
  activityId?: string;
  /** The revoke request the call was made for. */
  requestId?: string;
}

const causes = new AsyncLocalStorage<GraphCause>();

/** Runs `work` with every Graph call inside it attributed to `cause` (nested scopes add to it). */
export function withGraphCause<T>(cause: GraphCause, work: () => T): T {
  return causes.run({ ...causes.getStore(), ...cause }, work);
}

export function currentGraphCause(): GraphCause | undefined {
  return causes.getStore();
}

/**
 * First in the middleware chain: gives the call a fresh client-request-id unless the caller chose
 * one (adapters do, to keep it on a failure that got no answer), then logs the call with its cause,
 * status and Graph's request-id. Retries of the call keep the same id, as Graph's SDKs do.
 */
export class GraphCorrelationHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly logger?: Logger) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('GraphCorrelationHandler must not be the last middleware.');
    const clientRequestId = ensureClientRequestId(context);
    const started = Date.now();
    const fields = { clientRequestId, method: methodOf(context), path: pathOf(context), ...currentGraphCause() };
    try {
      await this.next.execute(context);
    } catch (error) {
      this.logger?.debug('graph call failed', { ...fields, ms: Date.now() - started, error });
      throw error;
    }
    const response = context.response;
    this.logger?.debug('graph call', {
      ...fields,
      status: response?.status,
      graphRequestId: response?.headers.get('request-id') ?? undefined,
      ms: Date.now() - started,
    });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function ensureClientRequestId(context: Context): string {
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) {
    const sent = headers.get(CLIENT_REQUEST_ID);
    if (sent) return sent;
    const fresh = randomUUID();
    headers.set(CLIENT_REQUEST_ID, fresh);
    return fresh;
  }
  const record = (headers ?? {}) as Record<string, string>;
  const key = Object.keys(record).find((name) => name.toLowerCase() === CLIENT_REQUEST_ID);
  if (key && record[key]) return record[key];
  const fresh = randomUUID();
  options.headers = { ...record, [CLIENT_REQUEST_ID]: fresh };
  return fresh;
}

function methodOf(context: Context): string {
  return (context.options?.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method) ?? 'GET').toUpperCase();
}

/** The path only: query strings can hold $filter values typed by people. */
function pathOf(context: Context): string {
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
