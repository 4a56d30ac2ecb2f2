/**
 * The Telemetry interface on the OpenTelemetry API: whatever SDK is registered (Azure Monitor in
 * production, an in-memory one in tests) receives the spans and metrics.
 */
import { SpanKind, SpanStatusCode, type Meter, type Tracer } from '@opentelemetry/api';
import type { GraphCallRecord, RequestEvent, Telemetry, TelemetryAttributes } from './telemetry';

export const METRIC = {
  requestsOpened: 'token_guard.requests.opened',
  requestsDecided: 'token_guard.requests.decided',
  requestsRevoked: 'token_guard.requests.revoked',
  requestsFailed: 'token_guard.requests.failed',
  graphDuration: 'token_guard.graph.duration',
  graphThrottled: 'token_guard.graph.throttled',
} as const;

export class OpenTelemetryInstruments implements Telemetry {
  private readonly opened;
  private readonly decided;
  private readonly revoked;
  private readonly failed;
  private readonly graphDuration;
  private readonly graphThrottled;

  constructor(
    meter: Meter,
    private readonly tracer: Tracer,
  ) {
    this.opened = meter.createCounter(METRIC.requestsOpened, { description: 'Revoke requests opened' });
    this.decided = meter.createCounter(METRIC.requestsDecided, { description: 'Revoke requests decided (approved, rejected, cancelled, expired)' });
    this.revoked = meter.createCounter(METRIC.requestsRevoked, { description: 'Enrollment tokens revoked' });
    this.failed = meter.createCounter(METRIC.requestsFailed, { description: 'Failures by kind (revoke failures, notifications, denials)' });
    this.graphDuration = meter.createHistogram(METRIC.graphDuration, { description: 'Graph HTTP attempt latency', unit: 'ms' });
    this.graphThrottled = meter.createCounter(METRIC.graphThrottled, { description: 'Graph answers that throttled the bot (429)' });
  }

  async inSpan<T>(name: string, attributes: TelemetryAttributes, work: () => Promise<T>): Promise<T> {
    const kind = name.startsWith('graph ') ? SpanKind.CLIENT : SpanKind.SERVER;
    return this.tracer.startActiveSpan(name, { kind, attributes: defined(attributes) }, async (span) => {
      try {
        const result = await work();
        span.setStatus({ code: SpanStatusCode.OK });
        return result;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        if (error instanceof Error) span.recordException({ name: error.name, message: error.message.slice(0, 500) });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  requestEvent(event: RequestEvent): void {
    switch (event.kind) {
      case 'opened':
        this.opened.add(1);
        break;
      case 'decided':
        this.decided.add(1, { outcome: event.outcome });
        break;
      case 'revoked':
        this.revoked.add(1);
        break;
      case 'failed':
        this.failed.add(1, { kind: event.reason });
        break;
    }
  }

  graphCall(call: GraphCallRecord): void {
    const attributes = { 'http.request.method': call.method, operation: call.operation, 'http.response.status_code': call.status };
    this.graphDuration.record(call.durationMs, attributes);
    if (call.status === 429) this.graphThrottled.add(1, { operation: call.operation });
  }
}

function defined(attributes: TelemetryAttributes): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(attributes).filter((e): e is [string, string | number | boolean] => e[1] !== undefined));
}
