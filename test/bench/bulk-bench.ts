/**
 * The revoke-matching rows of `npm run bench` (issue 13, "Performance"), against the simulator's
 * Intune throttle model (100 writes per 20 s per app per tenant) with GRAPH_WRITES_PER_20S at its
 * default:
 * - bulk revoke of 500 profiles: Graph HTTP calls ≤ ceil(500/20) + retries, no 429 at all, and the
 *   time from the last approval to the last revoke within 1.15× the minimum the write limit allows
 *   ((ceil(500/100) − 1) × 20 s: the first 100 at once, each next 100 one window later);
 * - the approval invoke that starts a bulk request is answered as fast as one that starts a single
 *   revoke (the Graph work runs after the answer).
 * Its own simulator and Token Guard process (a fresh DATA_DIR), so the other rows are not touched.
 * The 500-profile run takes about 80 s by nature of the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, startSimulator, type SimProfile } from '../../tools/simulator';
import { buildProfile } from '../../tools/simulator/profile-factory';
import { ACCESS_ENV, alice, bob, erin, OUR_TENANT_ID } from '../support/cast';
import { channelThread, TeamsClient } from '../support/teams-client';
import { startChild, TOKEN_GUARD_ENTRY } from './bot-child';
import { fmt, type Row } from './report';

export const BULK_PROFILES = 500;
const WRITES_PER_20S = 100;
const WINDOW_S = 20;
const ELAPSED_TARGET = 1.15;
/** Approvals timed for each kind of request (small bulks, so the write window is free again soon). */
const INVOKE_SAMPLES = 7;
const SMALL_BULK = 3;
const INVOKE_TARGET = 1.5;
/** Between a click and the next timed one: the background work of the previous step is over. */
const QUIET_MS = 300;

export interface BulkFigures {
  profiles: number;
  batchCalls: number;
  /** Items Graph answered 429 (each one retried alone). */
  throttled: number;
  elapsedMs: number;
  minimumMs: number;
  singleInvokeMs: number[];
  bulkInvokeMs: number[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : Number.NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function profilesFor(now: Date): SimProfile[] {
  const build = (key: string, displayName: string) =>
    buildProfile({ key, displayName, enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', enrolledDeviceCount: 4 }, now);
  return [
    ...Array.from({ length: BULK_PROFILES }, (_, i) => build(`bulk-${i}`, `Bench Harbour ${String(i).padStart(4, '0')}`)),
    ...Array.from({ length: INVOKE_SAMPLES }, (_, i) => build(`single-${i}`, `Bench Single ${i}`)),
    ...Array.from({ length: INVOKE_SAMPLES * SMALL_BULK }, (_, i) => build(`small-${i}`, `Bench Small ${Math.floor(i / SMALL_BULK)} item ${i % SMALL_BULK}`)),
  ];
}

export async function measureBulk(log: (line: string) => void): Promise<BulkFigures> {
  const sim = await startSimulator({ tenantId: OUR_TENANT_ID, profiles: profilesFor(new Date()) });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'token-guard-bench-bulk-'));
  const bot = await startChild({
    name: 'token-guard-bulk',
    entry: TOKEN_GUARD_ENTRY,
    env: {
      MicrosoftAppId: SIM_BOT_CLIENT.id,
      MicrosoftAppPassword: SIM_BOT_CLIENT.secret,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: sim.tenantId,
      ...sim.botFramework.settings,
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      GRAPH_BASE_URL: sim.baseUrl,
      AZURE_AUTHORITY_HOST: sim.entra.authorityHost,
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: SIM_GRAPH_CLIENT.id,
      AZURE_CLIENT_SECRET: SIM_GRAPH_CLIENT.secret,
      ...ACCESS_ENV,
      BULK_APPROVALS: '2',
      GRAPH_WRITES_PER_20S: String(WRITES_PER_20S),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
    },
  });
  const teams = new TeamsClient({ sim, bot, appId: SIM_BOT_CLIENT.id });
  const idsNamed = (prefix: string) => [...sim.graph.profiles.values()].filter((p) => p.displayName.startsWith(prefix)).map((p) => p.id);
  try {
    const timedClick = async (requestId: string, who = erin) => {
      const started = performance.now();
      const answer = await teams.click(who, 'approve', requestId);
      if (answer.status !== 200) throw new Error(`approve answered ${answer.status}`);
      return performance.now() - started;
    };

    log(`bulk: timing ${INVOKE_SAMPLES} approvals that start a single revoke and ${INVOKE_SAMPLES} that start a bulk of ${SMALL_BULK}…`);
    const singleInvokeMs: number[] = [];
    const bulkInvokeMs: number[] = [];
    for (let i = 0; i < INVOKE_SAMPLES; i++) {
      // Each timed click starts on a quiet bot: the work an earlier click left in the background is over.
      const single = await teams.openRequest(alice, `Bench Single ${i}`, 'bench', channelThread(OUR_TENANT_ID));
      await sleep(QUIET_MS);
      singleInvokeMs.push(await timedClick(single.requestId, bob));
      const thread = channelThread(OUR_TENANT_ID);
      await teams.say(alice, `revoke-matching "Bench Small ${i} item" bench`, thread);
      const bulk = teams.approvalCard(thread);
      await teams.click(bob, 'approve', bulk.requestId);
      await teams.waitForCardUpdate(bulk, (card) => JSON.stringify(card).includes('1 of 2 approvals'), 10_000);
      await sleep(QUIET_MS);
      bulkInvokeMs.push(await timedClick(bulk.requestId));
      await sleep(QUIET_MS);
    }
    // The writes of those runs leave the write window before the 500 start.
    await waitFor(() => sim.graph.revokeCalls().filter((c) => c.status === 204).length >= INVOKE_SAMPLES * (1 + SMALL_BULK), 30_000, 'the small runs');
    await sleep((WINDOW_S + 1) * 1000);

    const ids = new Set(idsNamed('Bench Harbour'));
    const thread = channelThread(OUR_TENANT_ID);
    await teams.say(alice, 'revoke-matching "Bench Harbour" bench: every harbour QR code leaked', thread);
    const card = teams.approvalCard(thread);
    await teams.click(bob, 'approve', card.requestId);
    const callsBefore = sim.graph.calls.length;
    log(`bulk: revoking ${ids.size} profiles (at ${WRITES_PER_20S} writes per 20 s this takes about ${((Math.ceil(ids.size / WRITES_PER_20S) - 1) * WINDOW_S).toFixed(0)} s)…`);
    const started = Date.now();
    await timedClick(card.requestId);
    const revoked = () => sim.graph.calls.slice(callsBefore).filter((c) => c.inBatch && c.status === 204 && ids.has(c.path.split('/')[4]));
    await waitFor(() => revoked().length >= ids.size, 300_000, `${ids.size} revokes`);
    const last = Math.max(...revoked().map((c) => c.at));
    const during = sim.graph.calls.slice(callsBefore);
    return {
      profiles: ids.size,
      batchCalls: during.filter((c) => c.method === 'POST' && c.path === '/beta/$batch').length,
      throttled: during.filter((c) => c.status === 429).length,
      elapsedMs: last - started,
      minimumMs: (Math.ceil(ids.size / WRITES_PER_20S) - 1) * WINDOW_S * 1000,
      singleInvokeMs,
      bulkInvokeMs,
    };
  } finally {
    await bot.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`bulk bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function bulkRows(f: BulkFigures): Row[] {
  const allowedCalls = Math.ceil(f.profiles / 20) + f.throttled;
  const single = median(f.singleInvokeMs);
  const bulk = median(f.bulkInvokeMs);
  return [
    {
      measure: `bulk revoke of ${f.profiles}: Graph HTTP calls`,
      tokenGuard: String(f.batchCalls),
      baseline: '—',
      ratio: '—',
      target: `≤ ceil(${f.profiles}/20) + retries = ${allowedCalls}`,
      verdict: f.batchCalls <= allowedCalls ? 'PASS' : 'FAIL',
    },
    {
      measure: `bulk revoke of ${f.profiles}: 429 answers (default limit)`,
      tokenGuard: String(f.throttled),
      baseline: '—',
      ratio: '—',
      target: '0',
      verdict: f.throttled === 0 ? 'PASS' : 'FAIL',
    },
    {
      measure: `bulk revoke of ${f.profiles}: elapsed vs the write limit's minimum`,
      tokenGuard: `${(f.elapsedMs / 1000).toFixed(1)} s`,
      baseline: `${(f.minimumMs / 1000).toFixed(0)} s`,
      ratio: fmt.ratio(f.elapsedMs, f.minimumMs),
      target: `≤ ${ELAPSED_TARGET}×`,
      verdict: f.elapsedMs <= ELAPSED_TARGET * f.minimumMs ? 'PASS' : 'FAIL',
    },
    {
      measure: 'approval invoke that starts a bulk (p50) vs one that starts a single revoke',
      tokenGuard: fmt.ms(bulk),
      baseline: fmt.ms(single),
      ratio: fmt.ratio(bulk, single),
      target: `≤ ${INVOKE_TARGET}×`,
      verdict: bulk <= INVOKE_TARGET * single ? 'PASS' : 'FAIL',
    },
  ];
}

export function bulkDetails(f: BulkFigures): string {
  return `- bulk: ${f.profiles} profiles, ${f.batchCalls} $batch calls, ${f.throttled} × 429, ${(f.elapsedMs / 1000).toFixed(1)} s (minimum ${(f.minimumMs / 1000).toFixed(0)} s); ` +
    `approval invokes single ${f.singleInvokeMs.map((ms) => ms.toFixed(0)).join('/')} ms, bulk ${f.bulkInvokeMs.map((ms) => ms.toFixed(0)).join('/')} ms`;
}
