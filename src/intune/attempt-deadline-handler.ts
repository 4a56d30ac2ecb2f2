import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Graph client middleware, placed after the RetryHandler and just before the HTTP handler, so every
 * single HTTP attempt (each retry too) gets its own deadline. Without it a hung Graph keeps a revoke
 * "executing" forever: the 3.x client has no timeout of its own.
 *
 * It also gives transport failures names the failure mapping can rely on, because the client keeps
 * only `error.name` and `error.message` of what fetch threw (the `cause` with ECONNREFUSED is lost):
 * - `TimeoutError` — no complete answer within the deadline
 * - `NetworkError` — connection refused, reset, DNS failure, TLS failure …
 */
export class AttemptDeadlineHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('AttemptDeadlineHandler must not be the last middleware.');
    // AbortSignal.timeout stays armed after the headers arrive, so a body that stalls is cut off too;
    // its timer is unref'd and never keeps the process alive.
    const deadline = AbortSignal.timeout(this.timeoutMs);
    context.options = { ...(context.options ?? {}), signal: deadline };
    try {
      await this.next.execute(context);
    } catch (error) {
      throw describeTransportError(error, deadline.aborted, this.timeoutMs);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function transportTimeout(timeoutMs: number, what = 'Graph'): Error {
  const error = new Error(`${what} did not answer within ${timeoutMs} ms.`);
  error.name = 'TimeoutError';
  return error;
}

function describeTransportError(error: unknown, deadlinePassed: boolean, timeoutMs: number): unknown {
  if (!(error instanceof Error)) return error;
  if (deadlinePassed && (error.name === 'TimeoutError' || error.name === 'AbortError')) return transportTimeout(timeoutMs);
  const code = systemErrorCode(error);
  if (code || (error.name === 'TypeError' && /fetch failed/i.test(error.message))) {
    const networkError = new Error(`Could not reach Graph${code ? ` (${code})` : ''}.`);
    networkError.name = 'NetworkError';
    return networkError;
  }
  return error;
}

/** ECONNREFUSED, ECONNRESET, ENOTFOUND, UND_ERR_SOCKET, CERT_… from the error or its cause chain. */
function systemErrorCode(error: Error): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
