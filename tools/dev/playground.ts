/**
 * The M365 Agents Playground (Microsoft's local Teams client; a devDependency) as a child process
 * with our config: bound to 127.0.0.1 only (it has no host option, so a preload forces it), with
 * telemetry off (it tries to reach Azure otherwise), never opening a browser, and refusing to
 * start elsewhere than the port asked for (it would silently pick a random one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { playgroundConfigYaml, type DevPerson } from './playground-config';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  port: number;
  tenantId: string;
  currentUser: DevPerson;
  /** Holds the generated config and the Playground's log file. */
  workDir: string;
  readyTimeoutMs?: number;
}

export interface PlaygroundProcess {
  /** http://127.0.0.1:PORT: the UI, and its REST API for other users. */
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  /** Every stdout/stderr line so far. */
  readonly output: string[];
  /** Resolves with the exit code when the process ends (for whatever reason). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const LOOPBACK_PRELOAD = path.join(__dirname, 'loopback-only.js');
const LISTENING = /^Listening on (\d+)/m;
const START_FAILED = /Failed to start|ConfigFileParseError|EADDRINUSE/;

/** Environment that keeps the Playground quiet and offline; never inherits the caller's NODE_OPTIONS. */
export function playgroundEnvironment(configPath: string, logFile: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    NODE_OPTIONS: `--require ${JSON.stringify(LOOPBACK_PRELOAD)}`,
  };
}

export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundProcess> {
  mkdirSync(options.workDir, { recursive: true });
  const configPath = path.join(options.workDir, '.m365agentsplayground.yml');
  const logFile = path.join(options.workDir, 'playground.log');
  rmSync(logFile, { force: true }); // it appends; a previous run's errors must not count
  writeFileSync(configPath, playgroundConfigYaml({ tenantId: options.tenantId, currentUser: options.currentUser }));
  const url = `http://127.0.0.1:${options.port}`;
  const args = [
    PLAYGROUND_CLI,
    '--app-endpoint', options.botEndpoint,
    '--channel-id', 'msteams',
    '--port', String(options.port),
    // The bot must reply to the address the Playground really listens on (not "localhost").
    '--service-url', `${url}/_connector`,
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.workDir,
    env: playgroundEnvironment(configPath, logFile),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split(/\r?\n/).filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const handle: PlaygroundProcess = { url, port: options.port, logFile, output, exited, stop: () => stopChild(child, exited) };
  try {
    await waitUntilReady(handle, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** Ready = it printed the port we asked for and serves its config (the config parsed). */
async function waitUntilReady(playground: PlaygroundProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void playground.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    const text = playground.output.join('\n');
    if (exitCode !== undefined) throw new Error(`The Playground exited (code ${exitCode}):\n${text}`);
    // Start-up errors (a config it rejects) go to its log file only, while it keeps running.
    const log = existsSync(playground.logFile) ? readFileSync(playground.logFile, 'utf8') : '';
    if (START_FAILED.test(text) || START_FAILED.test(log)) {
      throw new Error(`The Playground failed to start (from ${playground.logFile}):\n${log.split('\n').filter((l) => l.startsWith('error')).join('\n') || text}`);
    }
    const listening = LISTENING.exec(text);
    if (listening && Number(listening[1]) !== playground.port) {
      throw new Error(`Port ${playground.port} is in use (the Playground wanted to move to ${listening[1]}); stop what uses it or pick another port.`);
    }
    if (listening && (await servesConfig(playground.url))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The Playground did not start within ${timeoutMs / 1000} s (see ${playground.logFile}).`);
}

async function servesConfig(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_internal/v1/config`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
