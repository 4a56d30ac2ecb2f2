/** Start Token Guard: read the configuration, build the app, listen; drain in-flight work on SIGTERM. */
import fs from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createLogger, type Logger } from './support/logger';
import { routeConsoleToLogger } from './support/route-console';
import { startTelemetry } from './telemetry/start-telemetry';

// Until the settings are read, lines go out at info level; every line is JSON from the first one.
let logger: Logger = createLogger('info');
let restoreConsole = routeConsoleToLogger(logger);
process.on('uncaughtException', (error) => {
  logger.error('Token Guard crashed: uncaught exception', { error });
  process.exit(1);
});
// Node's default for an unhandled rejection is to crash; keep that, with the reason as one JSON line.
process.on('unhandledRejection', (reason) => {
  logger.error('Token Guard crashed: unhandled promise rejection', { error: reason });
  process.exit(1);
});

async function main(): Promise<void> {
  // A .env in the working folder fills in what the environment does not set (the environment wins).
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message, { problems: error.problems });
      process.exit(2);
    }
    throw error;
  }
  logger = createLogger(config.logLevel);
  restoreConsole();
  restoreConsole = routeConsoleToLogger(logger);
  // Authentication off: reachable from this machine only (config.ts already refused public Graph and Entra).
  const host = config.authenticationDisabled ? '127.0.0.1' : undefined;
  if (config.authenticationDisabled) {
    logger.warn('LOCAL_DEVELOPMENT: MicrosoftAppId is not set, so /api/messages accepts unauthenticated requests; listening on 127.0.0.1 only. Never run like this in production.');
  }
  const running = startTelemetry(config.applicationInsightsConnectionString, logger);
  const app = createApp(config, logger, undefined, running.telemetry);
  // Listen before start(): while start() waits for storage (retrying), /healthz answers 503 instead of
  // the port refusing connections, and an outage at start-up is not a crash loop.
  app.server.listen(config.port, host, () => logger.info('Token Guard listening', { port: (app.server.address() as { port: number }).port, ...(host ? { host } : {}) }));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: draining in-flight work', { signal });
    app.server.close();
    app.stop().then(
      () => running.shutdown().catch(() => undefined).then(() => process.exit(0)),
      (error: unknown) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await app.start();
  } catch (error) {
    if (stopping) return; // stopped while waiting for storage: not a start-up failure
    throw error;
  }
  logger.info('Token Guard started');
}

main().catch((error: unknown) => {
  logger.error(`Token Guard failed to start: ${error instanceof Error ? error.message : String(error)}`, { error });
  process.exit(1);
});
