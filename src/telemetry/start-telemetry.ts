/**
 * Telemetry on when APPLICATIONINSIGHTS_CONNECTION_STRING is set: Azure Monitor's OpenTelemetry
 * distro, loaded only then (off means nothing loaded, nothing sent).
 */
import type { Logger } from '../support/logger';
import { noTelemetry, type Telemetry } from './telemetry';

export interface RunningTelemetry {
  telemetry: Telemetry;
  /** Flushes what is buffered (call on shutdown). */
  shutdown(): Promise<void>;
}

export function startTelemetry(connectionString: string | undefined, logger: Logger): RunningTelemetry {
  if (!connectionString) return { telemetry: noTelemetry, shutdown: async () => {} };
  // Loaded lazily: the distro patches modules and starts exporters as soon as it is used.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const monitor = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { OpenTelemetryInstruments } = require('./open-telemetry-instruments') as typeof import('./open-telemetry-instruments');
  /* eslint-enable @typescript-eslint/no-require-imports */
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Our own logs go to stdout as JSON (App Service collects them); no console or bunyan capture.
    instrumentationOptions: { bunyan: { enabled: false }, winston: { enabled: false } },
  });
  logger.info('telemetry on: Application Insights');
  return {
    telemetry: new OpenTelemetryInstruments(api.metrics.getMeter('token-guard'), api.trace.getTracer('token-guard')),
    shutdown: () => monitor.shutdownAzureMonitor(),
  };
}
