/**
 * A Graph client middleware that times each HTTP attempt (placed after the retry handler, so every
 * retried attempt and every 429 is seen) and runs it inside a client span.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { graphOperation, type Telemetry } from './telemetry';

export class GraphCallTelemetryHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (context.options?.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method) ?? 'GET').toUpperCase();
    const operation = graphOperation(url);
    const started = this.now();
    await this.telemetry.inSpan(`graph ${method} ${operation}`, { 'http.request.method': method, operation }, async () => {
      try {
        await this.next?.execute(context);
      } finally {
        this.telemetry.graphCall({ method, operation, status: context.response?.status ?? 0, durationMs: this.now() - started });
      }
    });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
