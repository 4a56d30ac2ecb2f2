/**
 * Azurite (the Azure Storage emulator, npm devDependency azurite@3.35.0) as a child process on free
 * loopback ports, in memory, telemetry off. Tests start one per suite and stop it afterwards; CI needs
 * nothing but `npm ci`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './bot-process';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** node_modules/.bin/azurite, found from the repository root (this file compiles to <outDir>/test/support). */
const AZURITE_BIN = path.resolve(__dirname, '../../../node_modules/.bin/azurite');

export interface AzuriteProcess {
  readonly blobPort: number;
  readonly tablePort: number;
  /** Blob + table endpoints of the development account. */
  readonly connectionString: string;
  readonly output: string[];
  /** Stops Azurite (SIGTERM, SIGKILL after 5 s). Data is lost: it runs in memory. */
  stop(): Promise<void>;
  /** Freezes Azurite (SIGSTOP): storage hangs, as in a stalled network, until resume(). */
  pause(): void;
  resume(): void;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function azuriteConnectionString(blobPort: number, tablePort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT};TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT};`
  );
}

/** Azurite reads AZURITE_ACCOUNTS for extra accounts: never inherit one, so the dev account is the only one. */
function azuriteEnvironment(): NodeJS.ProcessEnv {
  const { AZURITE_ACCOUNTS: _ignored, ...env } = process.env;
  return env;
}

/** Starts Azurite and resolves once both blob and table services listen. */
export async function startAzurite(options: { readyTimeoutMs?: number; ports?: { blob: number; table: number } } = {}): Promise<AzuriteProcess> {
  const blobPort = options.ports?.blob ?? (await freePort());
  const tablePort = options.ports?.table ?? (await freePort());
  const queuePort = await freePort();
  // In memory, but run it in a scratch folder so nothing can land in the repository.
  const workspace = mkdtempSync(path.join(tmpdir(), 'token-guard-azurite-'));
  const args = [
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    '--disableTelemetry',
    '--inMemoryPersistence',
    '--extentMemoryLimit', '256',
    '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
    '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
    '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
  ];
  const child = spawn(AZURITE_BIN, args, { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], env: azuriteEnvironment() });
  running.add(child);
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      output.push(`[azurite] exited code=${code} signal=${signal}`);
      resolve();
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
  }

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(workspace, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  const listening = (service: string) => output.some((line) => line.includes(`${service} service is successfully listening`));
  while (!(listening('Blob') && listening('Table'))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite did not start. Its output:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    blobPort,
    tablePort,
    connectionString: azuriteConnectionString(blobPort, tablePort),
    output,
    stop,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}
