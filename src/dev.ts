/**
 * `npm run dev`: Token Guard on this machine with no tenant and no secrets. Starts the local
 * simulator (Entra ID, Intune Graph beta with seeded profiles, Bot Framework channel) over HTTPS,
 * then the compiled bot as a child process pointed at it (the child must trust the simulator's
 * CA, which only works through NODE_EXTRA_CA_CERTS set at its start). Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SEED_GROUP_IDS, SEED_USERS, SIM_GRAPH_CLIENT, startSimulator } from './simulator';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3978);
  const sim = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 56200), certDir: path.resolve('.simulator') });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    PORT: String(port),
    LOCAL_DEVELOPMENT: 'true',
    MicrosoftAppId: '',
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: SIM_GRAPH_CLIENT.id,
    AZURE_CLIENT_SECRET: SIM_GRAPH_CLIENT.secret,
    AZURE_AUTHORITY_HOST: sim.entra.authorityHost,
    GRAPH_BASE_URL: sim.baseUrl,
    APPROVER_GROUP_ID: SEED_GROUP_IDS.approvers,
    REQUESTER_GROUP_ID: SEED_GROUP_IDS.requesters,
    DATA_DIR: process.env.DATA_DIR ?? path.resolve('data', 'dev'),
  };
  const bot = spawn(process.execPath, [path.join(__dirname, 'index.js')], { env, stdio: 'inherit' });

  const users = Object.values(SEED_USERS)
    .map((u) => `  ${u.name.padEnd(16)} ${u.objectId}`)
    .join('\n');
  process.stdout.write(
    `\nToken Guard (local development)\n` +
      `  bot:        http://127.0.0.1:${port}/api/messages (authentication OFF)\n` +
      `  simulator:  ${sim.baseUrl} (Entra, Graph, Bot Framework channel; CA ${sim.caCertPath})\n` +
      `  tenant:     ${sim.tenantId}\n` +
      `Seeded people (approvers: Alice, Bruno; requesters: + Carla; Dave may do nothing):\n${users}\n` +
      `Ctrl-C stops everything.\n\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    bot.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  bot.on('exit', (code) => {
    void sim.close().finally(() => process.exit(stopping ? 0 : (code ?? 1)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
