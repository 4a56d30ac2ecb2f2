/**
 * A bot under test as a child process: Token Guard's compiled entry or the baseline bot, started
 * with an explicit environment (nothing inherited that the bot reads as a setting), timed from
 * spawn until GET /healthz answers 200, with its resident memory read from /proc.
 *
 * Its stdout and stderr go to a file, not to a pipe read by the bench: Node writes to pipes
 * synchronously, and the bench process (busy running the simulator) drained the pipe too slowly,
 * so the bot's log lines blocked its event loop — a third of an approval's time in one profile.
 * A production log collector is a process of its own that keeps up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BOT_ENTRY, freePort, sleep, tail } from '../support/bot-process';
import path from 'node:path';
import { cpuMilliseconds } from './cpu-time';

export const TOKEN_GUARD_ENTRY = BOT_ENTRY;
export const BASELINE_ENTRY = path.resolve(__dirname, 'baseline-bot.js');

export interface BotChild {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** From spawn until /healthz first answered 200. */
  readonly startupMs: number;
  /** The last lines the bot wrote to stdout and stderr. */
  output(lines?: number): string;
  /** Resident set size now, in bytes (VmRSS). */
  rssBytes(): number;
  /** CPU time (user + system) used so far, in ms. */
  cpuMs(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartChildOptions {
  name: string;
  entry: string;
  env: Record<string, string>;
  /** Node flags before the entry (e.g. --cpu-prof). */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

const alive = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** Settings the bots read; never inherited from the bench's own environment. */
const BOT_SETTING = /^(PORT|Microsoft\w+|ToChannel\w+|ToBot\w+|OAuthUrl|CallerId|ChannelService|GRAPH_\w+|AZURE_\w+|APPROVER_\w+|REQUESTER_\w+|REQUEST_TTL_\w+|EXPIRY_\w+|DATA_DIR|LOG_LEVEL|LOCAL_DEVELOPMENT|GROUP_CACHE_\w+|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$/;

export async function startChild(options: StartChildOptions): Promise<BotChild> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !BOT_SETTING.test(key)) env[key] = value;
  Object.assign(env, options.env, { PORT: String(port) });

  const logDir = mkdtempSync(path.join(tmpdir(), `token-guard-bench-${options.name}-`));
  const logFile = path.join(logDir, 'output.log');
  const logFd = openSync(logFile, 'a');
  const output = (lines = 30) => {
    try {
      return tail(readFileSync(logFile, 'utf8').split('\n'), lines);
    } catch {
      return '(no output)';
    }
  };
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], { env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd); // the child holds its own copy
  alive.add(child);
  let exitLine = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      alive.delete(child);
      exitLine = `[${options.name}] exited code=${code} signal=${signal}`;
      resolve();
    });
  });
  const outputNow = (lines?: number) => `${output(lines)}${exitLine ? `\n${exitLine}` : ''}`;

  const url = `http://127.0.0.1:${port}`;
  const stop = async (graceMs = 15_000): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    await waitUntilHealthy(url, options.readyTimeoutMs ?? 60_000, () => child.exitCode !== null, outputNow);
  } catch (error) {
    await stop(1000);
    throw error;
  }
  const startupMs = performance.now() - started;
  return {
    name: options.name,
    url,
    pid: child.pid!,
    startupMs,
    output: outputNow,
    rssBytes: () => residentBytes(child.pid!),
    cpuMs: () => cpuMilliseconds(child.pid!),
    stop,
  };
}

/** VmRSS of a process (Linux /proc). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

async function waitUntilHealthy(url: string, timeoutMs: number, hasExited: () => boolean, output: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (hasExited()) throw new Error(`The bot exited before it was healthy:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      last = `HTTP ${response.status}`;
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch (error) {
      last = (error as Error).message;
    }
    // Short polls: start-up time is one of the figures.
    await sleep(10);
  }
  throw new Error(`${url} was not healthy within ${timeoutMs} ms (last: ${last}):\n${output()}`);
}
