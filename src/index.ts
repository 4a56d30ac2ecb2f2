/** Start Token Guard: read the configuration, build the app, listen; drain in-flight work on SIGTERM. */
import fs from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createLogger } from './support/logger';

async function main(): Promise<void> {
  // A .env in the working folder fills in what the environment does not set (the environment wins).
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Authentication off: reachable from this machine only (config.ts already refused public Graph and Entra).
  const host = config.authenticationDisabled ? '127.0.0.1' : undefined;
  if (config.authenticationDisabled) {
    logger.warn('LOCAL_DEVELOPMENT: MicrosoftAppId is not set, so /api/messages accepts unauthenticated requests; listening on 127.0.0.1 only. Never run like this in production.');
  }
  const app = createApp(config, logger);
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
      () => process.exit(0),
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
  process.stderr.write(`Token Guard failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
