/**
 * A small closed-loop HTTP load generator (what autocannon does, without the dependency): N
 * keep-alive connections, each sending its next request as soon as the previous one is answered,
 * for a fixed time. A warm-up run of the same shape comes first and is not counted.
 *
 * It runs in a worker thread (LoadWorker): the simulator shares the bench process, and a
 * bot that makes many connector and Graph calls would otherwise delay the load generator's own
 * event loop and inflate the latencies it measures. Requests are therefore built up front and
 * handed over as strings.
 */
import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cpuMilliseconds } from './cpu-time';

export interface LoadRequest {
  /** Path on the target, e.g. /api/messages. */
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  /** http://127.0.0.1:PORT */
  url: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** The next request to send; undefined = nothing left to send (the run ends early). */
  next(): LoadRequest | undefined;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** The bot's pid: its CPU time is read around the measured window. */
  botPid?: number;
}

export interface LoadResult {
  /** Answered requests in the measured window (any status). */
  requests: number;
  /** Answered with a status other than 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Length of the measured window (shorter than asked when the supply ran out). */
  elapsedMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** True when next() ran out before the window ended. */
  exhausted: boolean;
  /** A few distinct non-2xx answers (status and start of body), for diagnosing a broken run. */
  sampleFailures: string[];
  /**
   * The bot's CPU time (user + system) during the window per answered request: unlike requests/s
   * it hardly changes when other processes load the machine. NaN without options.botPid.
   */
  botCpuMsPerRequest: number;
  /** The bench process's CPU time (simulator + load generator) during the window per answered request. */
  benchCpuMsPerRequest: number;
  /** How many requests next() handed out, warm-up included. */
  consumed: number;
}

/** One warm-up and one measured window on an agent whose keep-alive connections may already be open. */
export async function runLoadOn(agent: http.Agent, options: LoadOptions): Promise<LoadResult> {
  let consumed = 0;
  const counted = { ...options, next: () => {
    const request = options.next();
    if (request) consumed++;
    return request;
  } };
  if (options.warmupMs > 0) await window(agent, counted, options.warmupMs);
  return { ...(await window(agent, counted, options.durationMs)), consumed };
}

/** What a worker needs: the requests as data (functions cannot cross threads). */
export interface WorkerLoadSetup {
  url: string;
  connections: number;
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  /** Start again at the first body when all were sent (turns), or end the run (distinct approvals). */
  cycle: boolean;
  timeoutMs?: number;
}

/** One run of a worker: its warm-up, its window, and whose CPU to read. */
export interface LoadRun {
  warmupMs: number;
  durationMs: number;
  botPid?: number;
}

export type WorkerLoadOptions = WorkerLoadSetup & LoadRun;

export const LOAD_WORKER = path.resolve(__dirname, 'load-worker.js');

/**
 * A load generator in its own thread that keeps its requests and its keep-alive connections from
 * run to run, so that the bench can alternate short rounds between two bots without rebuilding
 * requests or reconnecting in between: the gap between two rounds is one message.
 */
export class LoadWorker {
  private readonly worker: Worker;
  private failure?: Error;

  constructor(setup: WorkerLoadSetup) {
    this.worker = new Worker(LOAD_WORKER, { workerData: setup });
    this.worker.on('error', (error) => (this.failure = error));
  }

  run(shape: LoadRun): Promise<LoadResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(this.failure ?? new Error(`the load worker exited with code ${code} before answering`));
      this.worker.once('exit', onExit);
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('exit', onExit);
        resolve(result);
      });
      this.worker.postMessage(shape);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** One run in a worker of its own, then the worker ends. */
export async function runLoadInWorker(options: WorkerLoadOptions): Promise<LoadResult> {
  const { warmupMs, durationMs, botPid, ...setup } = options;
  const worker = new LoadWorker(setup);
  try {
    return await worker.run({ warmupMs, durationMs, botPid });
  } finally {
    await worker.close();
  }
}

/** The worker's side: the requests and connections of its setup, one load per message. */
export function serveLoads(setup: WorkerLoadSetup, port: { on(event: 'message', listener: (run: LoadRun) => void): unknown; postMessage(result: LoadResult): void }): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: setup.connections });
  let i = 0;
  const { bodies, cycle, headers, path: requestPath } = setup;
  const next = (): LoadRequest | undefined => {
    if (i >= bodies.length) {
      if (!cycle || bodies.length === 0) return undefined;
      i = 0;
    }
    return { path: requestPath, headers, body: bodies[i++] };
  };
  port.on('message', (run) => {
    runLoadOn(agent, { url: setup.url, connections: setup.connections, timeoutMs: setup.timeoutMs, ...run, next }).then(
      (result) => port.postMessage(result),
      (error: unknown) => {
        throw error;
      },
    );
  });
}

async function window(agent: http.Agent, options: LoadOptions, durationMs: number): Promise<Omit<LoadResult, 'consumed'>> {
  const target = new URL(options.url);
  const latencies: number[] = [];
  const sampleFailures = new Set<string>();
  let non2xx = 0;
  let errors = 0;
  let exhausted = false;
  const cpuBefore = options.botPid ? cpuMilliseconds(options.botPid) : NaN;
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;

  const connection = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const request = options.next();
      if (!request) {
        exhausted = true;
        return;
      }
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, target, request, options.timeoutMs ?? 30_000);
        latencies.push(performance.now() - sentAt);
        if (status < 200 || status >= 300) {
          non2xx++;
          if (sampleFailures.size < 3) sampleFailures.add(`${status} ${body.slice(0, 160)}`);
        }
      } catch (error) {
        errors++;
        if (sampleFailures.size < 3) sampleFailures.add(`error ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, connection));

  const elapsedMs = performance.now() - started;
  const cpuAfter = options.botPid ? cpuMilliseconds(options.botPid) : NaN;
  const bench = process.cpuUsage(benchBefore);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    non2xx,
    errors,
    elapsedMs,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.length ? latencies[latencies.length - 1] : NaN,
    exhausted,
    sampleFailures: [...sampleFailures],
    botCpuMsPerRequest: (cpuAfter - cpuBefore) / latencies.length,
    benchCpuMsPerRequest: (bench.user + bench.system) / 1000 / latencies.length,
  };
}

/** Nearest-rank percentile of sorted values (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}

function send(agent: http.Agent, target: URL, request: LoadRequest, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: request.path,
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}
