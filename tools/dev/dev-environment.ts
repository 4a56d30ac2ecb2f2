/**
 * Everything `npm run dev` runs, as one handle (the browser tests start the very same thing on
 * free ports): the local simulator (Entra, Intune Graph with seeded profiles, Bot Framework
 * channel) over HTTPS, the compiled bot as a child process wired to it with authentication off
 * (the Playground sends no tokens), the M365 Agents Playground as the main person, and one extra
 * browser seat per other person. Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SEED_GROUP_IDS, SIM_GRAPH_CLIENT, startSimulator, type Simulator } from '../simulator';
import { startPlayground, type PlaygroundProcess } from './playground';
import { DEV_CONVERSATIONS, type DevPerson } from './playground-config';
import { startUserViewProxy, type UserViewProxy } from './user-view-proxy';

export interface DevEnvironmentOptions {
  botPort: number;
  simulatorPort: number;
  playgroundPort: number;
  /** Who the Playground itself acts as. */
  mainPerson: DevPerson;
  /** Extra browser seats on the same Playground, each acting as another person. */
  seats: { person: DevPerson; port: number }[];
  dataDir: string;
  /** Where the simulator keeps its generated CA and certificate. */
  certDir: string;
  /** Where the Playground's config and log go. */
  playgroundDir: string;
  /** 'inherit' shows the bot's log lines in this terminal; 'capture' keeps them in botOutput. */
  botOutput: 'inherit' | 'capture';
  /** Extra settings for the bot (e.g. LOG_LEVEL). */
  botSettings?: Record<string, string>;
}

export interface DevEnvironment {
  simulator: Simulator;
  botEndpoint: string;
  playground: PlaygroundProcess;
  seats: UserViewProxy[];
  /** The bot's output lines when botOutput is 'capture'. */
  botOutput: string[];
  /** Resolves when the bot process exits (by itself or through stop()). */
  botExited: Promise<number | null>;
  /** Stops the seats, the Playground, the bot (SIGTERM: it drains) and the simulator. */
  stop(): Promise<void>;
}

const BOT_ENTRY = path.resolve(__dirname, '..', '..', 'src', 'index.js');
const LOOPBACK_PRELOAD = path.join(__dirname, 'loopback-only.js');

export async function startDevEnvironment(options: DevEnvironmentOptions): Promise<DevEnvironment> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse().splice(0)) await cleanup().catch(() => undefined);
  };
  try {
    const simulator = await startSimulator({ port: options.simulatorPort, certDir: options.certDir });
    cleanups.push(() => simulator.close());

    const { child, output, exited } = spawnBot(options, simulator);
    cleanups.push(() => stopChild(child, exited));
    const botEndpoint = `http://127.0.0.1:${options.botPort}/api/messages`;
    await waitForHealth(`http://127.0.0.1:${options.botPort}/healthz`, exited, output);

    const playground = await startPlayground({
      botEndpoint,
      port: options.playgroundPort,
      tenantId: simulator.tenantId,
      currentUser: options.mainPerson,
      workDir: options.playgroundDir,
    });
    cleanups.push(() => playground.stop());

    const seats: UserViewProxy[] = [];
    for (const seat of options.seats) {
      const proxy = await startUserViewProxy({ playgroundPort: playground.port, port: seat.port, person: seat.person });
      cleanups.push(() => proxy.close());
      seats.push(proxy);
    }
    return { simulator, botEndpoint, playground, seats, botOutput: output, botExited: exited, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function spawnBot(options: DevEnvironmentOptions, sim: Simulator) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The bot trusts the simulator's CA only if told at start-up; the preload keeps it on loopback.
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    NODE_OPTIONS: `--require ${JSON.stringify(LOOPBACK_PRELOAD)}`,
    PORT: String(options.botPort),
    LOCAL_DEVELOPMENT: 'true',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: SIM_GRAPH_CLIENT.id,
    AZURE_CLIENT_SECRET: SIM_GRAPH_CLIENT.secret,
    AZURE_AUTHORITY_HOST: sim.entra.authorityHost,
    GRAPH_BASE_URL: sim.baseUrl,
    APPROVER_GROUP_ID: SEED_GROUP_IDS.approvers,
    REQUESTER_GROUP_ID: SEED_GROUP_IDS.requesters,
    // Requests typed in personal chat go to the Playground team's Approvals channel.
    APPROVAL_CHANNEL_ID: DEV_CONVERSATIONS.team.approvalsChannel.id,
    DATA_DIR: options.dataDir,
    ...options.botSettings,
  };
  const capture = options.botOutput === 'capture';
  const child = spawn(process.execPath, [BOT_ENTRY], { env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split(/\r?\n/).filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: string[], timeoutMs = 30_000): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The bot exited during start-up (code ${exitCode}).\n${output.join('\n')}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The bot did not answer ${url} within ${timeoutMs / 1000} s.\n${output.join('\n')}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
