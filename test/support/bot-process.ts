/**
 * The real Token Guard server as a child process (`node <compiled src/index.js>`), configured only
 * through its environment, exactly as it runs in production. The handle keeps the port and the
 * DATA_DIR across restart(), captures every output line, and can be stopped gently (SIGTERM) or
 * killed (SIGKILL). Children still alive when the test process exits are killed too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The compiled entry point, relative to this compiled file (<outDir>/test/support → <outDir>/src). */
export const BOT_ENTRY = path.resolve(__dirname, '../../src/index.js');
/** The clock-shifting preload (see shifted-clock.ts), compiled beside this file. */
const SHIFTED_CLOCK = path.resolve(__dirname, 'shifted-clock.js');

export interface StartBotOptions {
  /** How long to wait for GET /healthz to answer 200. Default 20 s. */
  readyTimeoutMs?: number;
  /** Reuse this data directory instead of a fresh temp one. */
  dataDir?: string;
  /** Run the child with a clock that the test can move forward (bot.advanceClock). */
  shiftableClock?: boolean;
  /** Echo the child's output to this process's stderr as it arrives (debugging). */
  echo?: boolean;
}

export interface BotProcess {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Every stdout/stderr line of every run of this bot, in arrival order. */
  readonly output: string[];
  /** The running child's pid, undefined when stopped. */
  readonly pid: number | undefined;
  /** Sends `signal` and waits for the exit; SIGKILLs after 10 s. Resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL and wait for the exit. Safe to call when already stopped. */
  kill(): Promise<void>;
  /** Start again on the same port and DATA_DIR (after stop or kill), waiting for /healthz. */
  restart(): Promise<void>;
  /** Resolves with the first output line (from `fromIndex`) matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number, fromIndex?: number): Promise<string>;
  /** Moves the child's clock forward by `ms` (only with shiftableClock). Resolves once applied; while stopped, the next start begins there. */
  advanceClock(ms: number): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Config names the bot reads: never inherited from the test runner's environment. */
const BOT_SETTING = /^(PORT|LEASE_SECONDS|Microsoft\w+|ToChannel\w+|ToBot\w+|OAuthUrl|CallerId|ChannelService|GRAPH_\w+|AZURE_\w+|APPROVER_\w+|REQUESTER_\w+|REQUEST_TTL_\w+|EXPIRY_\w+|DATA_DIR|LOG_LEVEL|LOCAL_DEVELOPMENT|GROUP_CACHE_\w+|APPROVAL_CHANNEL_ID|PUBLIC_BASE_URL|HYGIENE_\w+|NOTIFY_\w+|TEAMS_APP_CATALOG_ID|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$/;

export async function startBot(env: Record<string, string | undefined>, options: StartBotOptions = {}): Promise<BotProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-data-'));
  const clockFile = options.shiftableClock ? path.join(mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-clock-')), 'offset-ms') : undefined;
  if (clockFile) writeFileSync(clockFile, '0');
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const output: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let clockOffsetMs = 0;

  const baseEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !BOT_SETTING.test(key)) baseEnv[key] = value;

  const launch = async (): Promise<void> => {
    const childEnv: Record<string, string> = { ...baseEnv, LOG_LEVEL: 'info' };
    for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
    childEnv.PORT = String(port);
    childEnv.DATA_DIR = dataDir;
    if (clockFile) {
      childEnv.NODE_OPTIONS = `--require ${SHIFTED_CLOCK}`;
      childEnv.TOKEN_GUARD_E2E_CLOCK_FILE = clockFile;
    }
    const proc = spawn(process.execPath, [BOT_ENTRY], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    running.add(proc);
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        running.delete(proc);
        output.push(`[bot-process] exited code=${code} signal=${signal}`);
        if (child === proc) child = undefined;
        resolve(code);
      });
    });
    for (const stream of [proc.stdout, proc.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          output.push(line);
          if (options.echo) process.stderr.write(`[bot ${port}] ${line}\n`);
        }
      });
    }
    await waitUntilHealthy(url, readyTimeoutMs, () => child !== proc, output);
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    const proc = child;
    if (!proc) return exited;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const handle: BotProcess = {
    url,
    port,
    dataDir,
    output,
    get pid() {
      return child?.pid;
    },
    stop,
    async kill() {
      await stop('SIGKILL');
    },
    async restart() {
      if (child) throw new Error('restart(): the bot is still running; stop() or kill() it first.');
      await launch();
    },
    waitForLog: (pattern, timeoutMs = 10_000, fromIndex = 0) => waitForLine(output, pattern, timeoutMs, fromIndex),
    async advanceClock(ms: number) {
      if (!clockFile) throw new Error('advanceClock() needs a bot started with shiftableClock: true.');
      clockOffsetMs += ms;
      if (!child) return void writeFileSync(clockFile, String(clockOffsetMs));
      const from = output.length;
      writeFileSync(clockFile, String(clockOffsetMs));
      child.kill('SIGUSR2');
      await waitForLine(output, new RegExp(`shifted-clock: offset ${clockOffsetMs} ms`), 5_000, from);
    },
  };

  try {
    await launch();
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  return handle;
}

async function waitUntilHealthy(url: string, timeoutMs: number, hasExited: () => boolean, output: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`The bot exited before it was healthy. Its output:\n${tail(output)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      last = `HTTP ${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`The bot at ${url} was not healthy within ${timeoutMs} ms (last: ${last}). Its output:\n${tail(output)}`);
}

async function waitForLine(output: string[], pattern: RegExp, timeoutMs: number, fromIndex: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = output.slice(fromIndex).find((line) => pattern.test(line));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`No bot output line matched ${pattern} within ${timeoutMs} ms. Last lines:\n${tail(output)}`);
    await sleep(50);
  }
}

export function tail(output: string[], lines = 30): string {
  return output.slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** JWTs (three base64url segments starting with a JSON header). */
const JWT_PATTERN = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/;

/** The lines of `output` that show a JWT or one of `secrets` (empty when the log is clean). */
export function linesLeakingSecrets(output: string[], secrets: (string | null | undefined)[]): string[] {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return output.filter((line) => JWT_PATTERN.test(line) || known.some((secret) => line.includes(secret)));
}
