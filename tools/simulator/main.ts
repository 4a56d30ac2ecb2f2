import { join } from 'node:path';
import { TOKEN_GUARD_GRAPH_ROLES } from './graph-permissions';
import { DEFAULT_CLIENTS } from './seed-directory';
import type { SimAppClient } from './simulator-api';
import { startSimulator } from './start-simulator';

/**
 * `node dist/tools/simulator/main.js`: the simulator as its own process for a developer.
 * SIMULATOR_PORT (default 56200), SIM_CLIENTS='id:secret,id2:secret2' (default: the two
 * simulator apps; each listed app is granted the Graph permissions Token Guard needs, and
 * PUT /_sim/entra/apps/{id}/roles changes that). Writes .simulator/ca.pem in the working directory and prints one JSON line
 * with everything the bot needs to point at it; Ctrl-C / SIGTERM closes it cleanly.
 */
function parseClients(value: string | undefined): SimAppClient[] {
  if (!value) return DEFAULT_CLIENTS;
  return value.split(',').map((pair) => {
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) throw new Error(`SIM_CLIENTS: expected id:secret, got "${pair.slice(0, Math.max(colon, 0))}…"`);
    return { id: pair.slice(0, colon).trim(), secret: pair.slice(colon + 1).trim(), roles: [...TOKEN_GUARD_GRAPH_ROLES] };
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.SIMULATOR_PORT ?? 56200);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SIMULATOR_PORT must be a port number, got "${process.env.SIMULATOR_PORT}"`);
  const clients = parseClients(process.env.SIM_CLIENTS);
  const sim = await startSimulator({ port, certDir: join(process.cwd(), '.simulator'), clients });
  process.stdout.write(
    JSON.stringify({
      baseUrl: sim.baseUrl,
      caCertPath: sim.caCertPath,
      tenantId: sim.tenantId,
      authorityHost: sim.entra.authorityHost,
      graphBaseUrl: sim.baseUrl,
      serviceUrl: sim.botFramework.serviceUrl,
      clientIds: clients.map((c) => c.id),
      botFramework: sim.botFramework.settings,
    }) + '\n',
  );
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
