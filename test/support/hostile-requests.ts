/**
 * Raw requests an attacker would send to /api/messages (any headers, any bytes), and the bot
 * process's resource figures the hostile-input suite measures while they are handled.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface RawAnswer {
  status: number;
  text: string;
}

/** POSTs `body` with exactly `headers` (nothing added but what fetch itself must send). */
export async function postRaw(url: string, headers: Record<string, string>, body: string | Buffer, timeoutMs = 30_000): Promise<RawAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, text: await response.text() };
}

/** Resident memory of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** formidable's temporary upload files in `dir`. */
export function uploadFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('upload_'));
}

/**
 * Polls GET /healthz every `everyMs` until `until` settles; resolves with each answer's latency in ms.
 * A request still open when `until` settles is waited for (its latency counts).
 */
export async function healthLatencies(url: string, until: Promise<unknown>, everyMs = 50): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return latencies;
}
