import { strict as assert } from 'node:assert';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { AuditEntry, AuditLog } from '../../../src/approvals/audit-log';
import { GraphCallTelemetryHandler } from '../../../src/telemetry/graph-call-handler';
import { meteredAuditLog } from '../../../src/telemetry/metered-audit-log';
import { METRIC, OpenTelemetryInstruments } from '../../../src/telemetry/open-telemetry-instruments';
import { startTelemetry } from '../../../src/telemetry/start-telemetry';
import { graphOperation, noTelemetry } from '../../../src/telemetry/telemetry';
import { silentLogger } from '../../../src/support/logger';

function instruments() {
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meters = new MeterProvider({ readers: [reader] });
  const spans = new InMemorySpanExporter();
  const tracers = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const telemetry = new OpenTelemetryInstruments(meters.getMeter('test'), tracers.getTracer('test'));
  const collect = async () => {
    await reader.forceFlush();
    const all: ResourceMetrics[] = metricExporter.getMetrics();
    const latest = all[all.length - 1];
    const points = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
    for (const scope of latest?.scopeMetrics ?? []) {
      for (const metric of scope.metrics) points.set(metric.descriptor.name, metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })));
    }
    return points;
  };
  return { telemetry, collect, spans };
}

function entry(action: AuditEntry['action'], outcome?: string): AuditEntry {
  return { at: '2026-12-01T00:00:00.000Z', action, actorId: 'system', requestId: 'r1', ...(outcome ? { outcome } : {}) };
}

describe('telemetry', function () {
  it('counts opened, decided (by outcome), revoked and failed (by kind) requests from the audit trail', async function () {
    const { telemetry, collect } = instruments();
    const appended: AuditEntry[] = [];
    const audit: AuditLog & { extra(): string } = { append: async (e) => void appended.push(e), list: async () => appended, extra: () => 'passes through' };
    const metered = meteredAuditLog(audit, telemetry);
    for (const e of [entry('request.created'), entry('request.created'), entry('request.approved'), entry('request.rejected'), entry('revoke.started'), entry('revoke.succeeded'), entry('revoke.failed', 'forbidden'), entry('revoke.failed', 'forbidden'), entry('notify.failed')]) {
      await metered.append(e);
    }
    assert.equal(appended.length, 9, 'every entry still reaches the log');
    assert.equal(metered.extra(), 'passes through');
    const points = await collect();
    assert.equal(points.get(METRIC.requestsOpened)?.[0].value, 2);
    assert.deepEqual(points.get(METRIC.requestsDecided)?.map((p) => [p.attributes.outcome, p.value]).sort(), [['approved', 1], ['rejected', 1]]);
    assert.equal(points.get(METRIC.requestsRevoked)?.[0].value, 1);
    assert.deepEqual(points.get(METRIC.requestsFailed)?.map((p) => [p.attributes.kind, p.value]).sort(), [['notify', 1], ['revoke:forbidden', 2]]);
  });

  it('an append that fails counts nothing', async function () {
    const { telemetry, collect } = instruments();
    const failing: AuditLog = { append: async () => Promise.reject(new Error('disk full')), list: async () => [] };
    const metered = meteredAuditLog(failing, telemetry);
    await assert.rejects(metered.append(entry('request.created')), /disk full/);
    assert.equal((await collect()).get(METRIC.requestsOpened), undefined);
  });

  it('times every Graph attempt, counts 429s as throttling, and traces each call as a client span', async function () {
    const { telemetry, collect, spans } = instruments();
    const statuses = [429, 204];
    const fakeHttp: Middleware = {
      execute: async (context: Context) => {
        context.response = new Response(null, { status: statuses.shift() ?? 500 });
      },
    };
    let now = 0;
    const handler = new GraphCallTelemetryHandler(telemetry, () => (now += 40));
    handler.setNext(fakeHttp);
    const url = 'https://graph.microsoft.com/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/revokeToken';
    await handler.execute({ request: url, options: { method: 'POST' } });
    await handler.execute({ request: url, options: { method: 'POST' } });
    const points = await collect();
    const durations = points.get(METRIC.graphDuration) ?? [];
    assert.equal(durations.length, 2, 'one series per status');
    for (const point of durations) {
      assert.equal(point.attributes.operation, '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/{id}/revokeToken');
      assert.equal((point.value as { count: number; sum: number }).count, 1);
      assert.equal((point.value as { sum: number }).sum, 40);
    }
    assert.deepEqual(points.get(METRIC.graphThrottled)?.map((p) => p.value), [1]);
    const finished = spans.getFinishedSpans();
    assert.deepEqual(finished.map((s) => s.name), ['graph POST /beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/{id}/revokeToken', 'graph POST /beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/{id}/revokeToken']);
    assert.ok(!JSON.stringify(finished.map((s) => s.attributes)).includes('0f1e2d3c'), 'no ids in span attributes');
  });

  it('a span records a failure and rethrows it', async function () {
    const { telemetry, spans } = instruments();
    await assert.rejects(telemetry.inSpan('turn message', { 'activity.type': 'message' }, async () => Promise.reject(new TypeError('bad'))), /bad/);
    const [span] = spans.getFinishedSpans();
    assert.equal(span.name, 'turn message');
    assert.equal(span.status.code, 2 /* ERROR */);
    assert.equal(span.attributes['activity.type'], 'message');
  });

  it('sits in the Graph client chain: a real request through the client is measured', async function () {
    const { telemetry, collect } = instruments();
    const answer: Middleware = { execute: async (context) => void (context.response = new Response('{"value":[]}', { status: 200, headers: { 'content-type': 'application/json' } })) };
    const handler = new GraphCallTelemetryHandler(telemetry);
    handler.setNext(answer);
    const client = Client.initWithMiddleware({ middleware: [handler, answer as HTTPMessageHandler], defaultVersion: 'beta' });
    await client.api('/deviceManagement/androidDeviceOwnerEnrollmentProfiles').top(1).get();
    const [point] = (await collect()).get(METRIC.graphDuration) ?? [];
    assert.equal(point.attributes.operation, '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles');
    assert.equal(point.attributes['http.response.status_code'], 200);
  });

  it('graphOperation drops the query and replaces ids', function () {
    assert.equal(graphOperation('https://graph.microsoft.com/v1.0/groups/0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9/transitiveMembers?$top=1'), '/v1.0/groups/{id}/transitiveMembers');
  });

  it('is off (no-op, nothing loaded) without APPLICATIONINSIGHTS_CONNECTION_STRING', async function () {
    const running = startTelemetry(undefined, silentLogger);
    assert.equal(running.telemetry, noTelemetry);
    assert.equal(Object.keys(require.cache).some((path) => path.includes('@azure/monitor-opentelemetry')), false, 'the distro is not loaded');
    await running.shutdown();
  });
});
