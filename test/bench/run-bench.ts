/**
 * `npm run bench`: how fast Token Guard is, as ratios against a bare botbuilder echo bot measured
 * in the same run (a 2-core machine is too noisy for absolute figures). Starts, one after the
 * other on loopback, the baseline and Token Guard against the local simulator, authentication on,
 * drives both with the same load generator, prints the table with PASS/FAIL per target, appends it
 * to test/bench/RESULTS.md, and exits 0 whatever the verdicts.
 *
 * Knobs (environment): BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (16),
 * BENCH_CPU_PROF=<dir> (run Token Guard with node --cpu-prof, profiles written to <dir>),
 * BENCH_NO_RECORD=1 (do not append to RESULTS.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUR_TENANT_ID } from '../support/cast';
import { channelThread } from '../support/teams-client';
import { ActivityFactory, APPROVER, REQUESTER, startBenchWorld, threads, type BenchWorld } from './bench-world';
import { snapshotOf } from '../../src/intune/profile-summary';
import { BASELINE_ENTRY, startChild, TOKEN_GUARD_ENTRY, type BotChild } from './bot-child';
import type { LoadResult } from './load-generator';
import { approvalLoad, effectivePageSize, probe, settle, turnLoad, type LoadShape, type PendingCard, type ProbeResult, type TurnLoadResult } from './measurements';
import { appendResults, fmt, machineLine, table, type Row } from './report';
import { seedCompletedRequests, seedPendingRequests } from './seed-store';

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const SHAPE: LoadShape = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
  warmupMs: seconds('BENCH_WARMUP_S', 3),
  durationMs: seconds('BENCH_DURATION_S', 10),
};
const SLOW_GRAPH_MS = 10_000;
/** Pending requests seeded for the approval rows: one per simulator profile, then more on profiles Graph does not know (revoke answers 404). */
const EXTRA_PENDING = 20_000;
/** Invokes prepared for the baseline: more than it can answer in warm-up plus window. */
const BASELINE_INVOKES = 40_000;
const MEMORY_STORE_SIZES = [1_000, 100_000] as const;
/** Identical traffic before each memory reading. */
const MEMORY_WARMUP = { turns: 2_000, approvals: 1_000 };

const people = {
  tenantId: OUR_TENANT_ID,
  requester: { id: REQUESTER.aadObjectId, name: REQUESTER.name },
  approver: { id: APPROVER.aadObjectId, name: APPROVER.name },
};
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

interface BaselineFigures {
  turns: TurnLoadResult;
  invokes: LoadResult;
  startupMs: number;
  rssBytes: number;
}

async function measureBaseline(world: BenchWorld, factory: ActivityFactory): Promise<BaselineFigures> {
  const bot = await startChild({ name: 'baseline', entry: BASELINE_ENTRY, env: world.botFrameworkEnv });
  try {
    log(`baseline up in ${fmt.ms(bot.startupMs)}; message turns…`);
    const shape: LoadShape = { ...SHAPE, botPid: bot.pid };
    const turns = await turnLoad(world.sim, bot.url, factory, threads(16), () => 'help', shape);
    log(`baseline invokes…`);
    const cards = Array.from({ length: BASELINE_INVOKES }, (_, n) => ({ requestId: `baseline-${n}`, cardActivityId: String(1_700_000_000_000 + n) }));
    const invokes = await approvalLoad(bot.url, factory, cards, channelThread(OUR_TENANT_ID), shape);
    return { turns, invokes, startupMs: bot.startupMs, rssBytes: bot.rssBytes() };
  } finally {
    await bot.stop();
  }
}

interface TokenGuardFigures {
  listCold: ProbeResult;
  listWarm: ProbeResult;
  help: TurnLoadResult;
  revoke: TurnLoadResult;
  show?: TurnLoadResult;
  showProbe: ProbeResult;
  invokes: LoadResult;
  slowGraphInvokes: LoadResult;
  pageSize: number;
}

function tokenGuardNodeArgs(label: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`, `--cpu-prof-name=token-guard-${label}-${Date.now()}.cpuprofile`] : [];
}

async function measureTokenGuard(world: BenchWorld, factory: ActivityFactory): Promise<TokenGuardFigures> {
  const dataDir = tempDir('token-guard-bench-');
  const approvalThread = channelThread(OUR_TENANT_ID);
  const real = world.profiles.map(snapshotOf);
  const missing = Array.from({ length: EXTRA_PENDING }, (_, i) => ({ ...real[i % real.length], id: `bench-missing-${i}`, displayName: `Bench Missing ${i}` }));
  const started = performance.now();
  const ids = seedPendingRequests(dataDir, {
    ...people,
    profiles: [...real, ...missing],
    conversationKey: approvalThread.id,
    conversationType: approvalThread.type,
    requesterTeamsId: REQUESTER.id,
  });
  log(`seeded ${ids.length} pending requests in ${fmt.ms(performance.now() - started)}`);
  const supply: PendingCard[] = ids.map((requestId, i) => ({ requestId, cardActivityId: `1700000000${String(i).padStart(6, '0')}` }));

  const bot = await startChild({ name: 'token-guard', entry: TOKEN_GUARD_ENTRY, env: { ...world.tokenGuardEnv, DATA_DIR: dataDir }, nodeArgs: tokenGuardNodeArgs('main') });
  try {
    log(`Token Guard up in ${fmt.ms(bot.startupMs)}; list (cold, then warm)…`);
    const shape: LoadShape = { ...SHAPE, botPid: bot.pid };
    const listThread = channelThread(OUR_TENANT_ID);
    const listCold = await probe(world.sim, bot.url, factory, 'list', listThread);
    const listWarm = await probe(world.sim, bot.url, factory, 'list', listThread);
    const pageSize = effectivePageSize(100, listCold.listCalls);

    log('help turns…');
    const help = await turnLoad(world.sim, bot.url, factory, threads(16), () => 'help', shape);
    log('revoke turns (the dialog asks which profile)…');
    const revoke = await turnLoad(world.sim, bot.url, factory, threads(16), () => 'revoke', shape);

    const showName = (i: number) => world.profiles[(i * 7919) % world.profiles.length].displayName;
    const showProbe = await probe(world.sim, bot.url, factory, `show "${showName(1)}"`, channelThread(OUR_TENANT_ID));
    let show: TurnLoadResult | undefined;
    if (showProbe.available) {
      log('show turns…');
      show = await turnLoad(world.sim, bot.url, factory, threads(16), (i) => `show "${showName(i)}"`, shape);
    } else {
      log(`show is not available (the bot said: ${showProbe.replies[0]?.slice(0, 80) ?? 'nothing'})`);
    }

    log('approval invokes…');
    const invokes = await approvalLoad(bot.url, factory, supply, approvalThread, shape);
    await settle(world.sim);
    log(`approval invokes with Graph answering each revoke in ${SLOW_GRAPH_MS / 1000} s…`);
    world.sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', delayMs: SLOW_GRAPH_MS });
    const slowGraphInvokes = await approvalLoad(bot.url, factory, supply, approvalThread, { ...shape, warmupMs: 1_000 });
    world.sim.graph.clearFaults();
    return { listCold, listWarm, help, revoke, show, showProbe, invokes, slowGraphInvokes, pageSize };
  } finally {
    log('stopping Token Guard (it drains the slow revokes first)…');
    await bot.stop(SLOW_GRAPH_MS * 4);
  }
}

interface MemoryFigures {
  storeSize: number;
  startupMs: number;
  rssBytes: number;
}

async function measureMemory(world: BenchWorld, factory: ActivityFactory, storeSize: number): Promise<MemoryFigures> {
  const dataDir = tempDir(`token-guard-bench-${storeSize}-`);
  const snapshots = world.profiles.map(snapshotOf);
  const approvalThread = channelThread(OUR_TENANT_ID);
  const started = performance.now();
  seedCompletedRequests(dataDir, storeSize, people, snapshots);
  const ids = seedPendingRequests(dataDir, {
    ...people,
    profiles: snapshots.slice(0, MEMORY_WARMUP.approvals),
    conversationKey: approvalThread.id,
    conversationType: approvalThread.type,
    requesterTeamsId: REQUESTER.id,
  });
  log(`seeded ${storeSize} completed requests (+${ids.length} pending) in ${fmt.ms(performance.now() - started)}`);

  let bot: BotChild | undefined;
  try {
    bot = await startChild({ name: `token-guard-${storeSize}`, entry: TOKEN_GUARD_ENTRY, env: { ...world.tokenGuardEnv, DATA_DIR: dataDir }, nodeArgs: tokenGuardNodeArgs(String(storeSize)) });
    log(`Token Guard with ${storeSize} completed requests up in ${fmt.ms(bot.startupMs)}; warm-up traffic…`);
    const unbounded = { ...SHAPE, warmupMs: 0, durationMs: 120_000 };
    await turnLoad(world.sim, bot.url, factory, threads(16), (i) => (i % 2 ? 'help' : 'revoke'), unbounded, MEMORY_WARMUP.turns);
    const supply: PendingCard[] = ids.map((requestId, i) => ({ requestId, cardActivityId: `1700000000${String(i).padStart(6, '0')}` }));
    await approvalLoad(bot.url, factory, supply, approvalThread, unbounded);
    await settle(world.sim);
    return { storeSize, startupMs: bot.startupMs, rssBytes: bot.rssBytes() };
  } finally {
    await bot?.stop();
  }
}

const NOT_AVAILABLE = 'n/a (command not available)';

function rateRow(measure: string, tg: LoadResult | undefined, base: LoadResult, minRatio: number): Row {
  if (!tg) return { measure, tokenGuard: NOT_AVAILABLE, baseline: fmt.rps(base.requestsPerSecond), ratio: '—', target: `≥ ${minRatio}× baseline`, verdict: 'n/a' };
  const ratio = tg.requestsPerSecond / base.requestsPerSecond;
  return {
    measure,
    tokenGuard: fmt.rps(tg.requestsPerSecond) + failureNote(tg),
    baseline: fmt.rps(base.requestsPerSecond) + failureNote(base),
    ratio: fmt.ratio(tg.requestsPerSecond, base.requestsPerSecond),
    target: `≥ ${minRatio}× baseline`,
    verdict: ratio >= minRatio && healthy(tg) ? 'PASS' : 'FAIL',
  };
}

function latencyRow(measure: string, tg: LoadResult | undefined, base: LoadResult, pick: 'p50Ms' | 'p99Ms' | 'botCpuMsPerRequest'): Row {
  return {
    measure,
    tokenGuard: tg ? fmt.ms(tg[pick]) : NOT_AVAILABLE,
    baseline: fmt.ms(base[pick]),
    ratio: tg ? fmt.ratio(tg[pick], base[pick]) : '—',
    target: '—',
    verdict: tg ? 'info' : 'n/a',
  };
}

/** A run with failed answers is not a valid figure, whatever its speed. */
function healthy(result: LoadResult): boolean {
  return result.errors === 0 && result.non2xx === 0 && result.requests > 0;
}

function failureNote(result: LoadResult): string {
  const bad = result.errors + result.non2xx;
  return (bad ? ` (${bad} failed)` : '') + (result.exhausted ? ' (ran out of requests)' : '');
}

function listRows(tg: TokenGuardFigures): Row[] {
  if (!tg.listCold.available) {
    return ['`list` over 10,000 profiles, cold cache', '`list` over 10,000 profiles, warm cache'].map((measure) => ({
      measure,
      tokenGuard: NOT_AVAILABLE,
      baseline: '—',
      ratio: '—',
      target: 'Graph calls as expected',
      verdict: 'n/a' as const,
    }));
  }
  const expected = Math.ceil(10_000 / tg.pageSize);
  return [
    {
      measure: '`list` over 10,000 profiles, cold cache',
      tokenGuard: `${fmt.ms(tg.listCold.wallMs)}, ${tg.listCold.listCalls.length} Graph calls`,
      baseline: '—',
      ratio: '—',
      target: `${expected} Graph calls (page size ${tg.pageSize})`,
      verdict: tg.listCold.listCalls.length === expected ? 'PASS' : 'FAIL',
    },
    {
      measure: '`list` over 10,000 profiles, warm cache',
      tokenGuard: `${fmt.ms(tg.listWarm.wallMs)}, ${tg.listWarm.listCalls.length} Graph calls`,
      baseline: '—',
      ratio: '—',
      target: '0 Graph calls',
      verdict: tg.listWarm.available && tg.listWarm.listCalls.length === 0 ? 'PASS' : 'FAIL',
    },
  ];
}

function memoryRows(memory: MemoryFigures[], base: BaselineFigures): Row[] {
  const [small, large] = memory;
  const growth = large.rssBytes / small.rssBytes - 1;
  return [
    {
      measure: `RSS after warm-up, ${large.storeSize.toLocaleString('en-US')} vs ${small.storeSize.toLocaleString('en-US')} completed requests`,
      tokenGuard: `${fmt.mib(large.rssBytes)} vs ${fmt.mib(small.rssBytes)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`,
      baseline: fmt.mib(base.rssBytes),
      ratio: fmt.ratio(large.rssBytes, base.rssBytes),
      target: 'growth < 20 %',
      verdict: growth < 0.2 ? 'PASS' : 'FAIL',
    },
    ...memory.map(
      (m): Row => ({
        measure: `start-up until /healthz, ${m.storeSize.toLocaleString('en-US')} completed requests`,
        tokenGuard: fmt.ms(m.startupMs),
        baseline: fmt.ms(base.startupMs),
        ratio: fmt.ratio(m.startupMs, base.startupMs),
        target: '—',
        verdict: 'info',
      }),
    ),
  ];
}

function rows(base: BaselineFigures, tg: TokenGuardFigures, memory: MemoryFigures[]): Row[] {
  return [
    rateRow('`help` turns', tg.help, base.turns, 0.8),
    latencyRow('`help` p50', tg.help, base.turns, 'p50Ms'),
    latencyRow('`help` p99', tg.help, base.turns, 'p99Ms'),
    latencyRow('`help` bot CPU per turn', tg.help, base.turns, 'botCpuMsPerRequest'),
    rateRow('`revoke` turns (dialog asks for the profile)', tg.revoke, base.turns, 0.8),
    latencyRow('`revoke` p50', tg.revoke, base.turns, 'p50Ms'),
    latencyRow('`revoke` p99', tg.revoke, base.turns, 'p99Ms'),
    latencyRow('`revoke` bot CPU per turn', tg.revoke, base.turns, 'botCpuMsPerRequest'),
    rateRow('`show <profile>` turns', tg.show, base.turns, 0.8),
    latencyRow('`show` p50', tg.show, base.turns, 'p50Ms'),
    latencyRow('`show` p99', tg.show, base.turns, 'p99Ms'),
    latencyRow('`show` bot CPU per turn', tg.show, base.turns, 'botCpuMsPerRequest'),
    rateRow('approval invokes, distinct pending requests', tg.invokes, base.invokes, 0.5),
    latencyRow('approval invoke p99', tg.invokes, base.invokes, 'p99Ms'),
    latencyRow('approval bot CPU per invoke (incl. background revoke)', tg.invokes, base.invokes, 'botCpuMsPerRequest'),
    {
      measure: `approval invoke p99, Graph answers each revoke in ${SLOW_GRAPH_MS / 1000} s`,
      tokenGuard: `${fmt.ms(tg.slowGraphInvokes.p99Ms)} (p50 ${fmt.ms(tg.slowGraphInvokes.p50Ms)}, ${fmt.rps(tg.slowGraphInvokes.requestsPerSecond)})` + failureNote(tg.slowGraphInvokes),
      baseline: fmt.ms(base.invokes.p99Ms),
      ratio: fmt.ratio(tg.slowGraphInvokes.p99Ms, base.invokes.p99Ms),
      target: '< 250 ms',
      verdict: tg.slowGraphInvokes.p99Ms < 250 && healthy(tg.slowGraphInvokes) ? 'PASS' : 'FAIL',
    },
    ...listRows(tg),
    ...memoryRows(memory, base),
  ];
}

function details(base: BaselineFigures, tg: TokenGuardFigures): string {
  const line = (name: string, r: LoadResult | undefined) =>
    r
      ? `- ${name}: ${r.requests} answered in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.non2xx} non-2xx, ${r.errors} errors, max ${fmt.ms(r.maxMs)}, ` +
        `CPU per request: bot ${fmt.ms(r.botCpuMsPerRequest)}, bench process (simulator + load) ${fmt.ms(r.benchCpuMsPerRequest)}` +
        ('connectorPosts' in r ? `, ${(r as TurnLoadResult).connectorPosts} bot messages` : '') +
        (r.sampleFailures.length ? `; e.g. ${r.sampleFailures.join(' / ')}` : '')
      : `- ${name}: not run`;
  return [
    line('baseline message turns', base.turns),
    line('baseline invokes', base.invokes),
    line('Token Guard help', tg.help),
    line('Token Guard revoke', tg.revoke),
    line('Token Guard show', tg.show),
    line('Token Guard approvals', tg.invokes),
    line('Token Guard approvals, slow Graph', tg.slowGraphInvokes),
  ].join('\n');
}

async function main(): Promise<void> {
  const machine = machineLine();
  const startedAt = new Date();
  log(machine);
  const world = await startBenchWorld();
  const factory = new ActivityFactory(world.teams);
  try {
    const base = await measureBaseline(world, factory);
    const tg = await measureTokenGuard(world, factory);
    const memory: MemoryFigures[] = [];
    for (const size of MEMORY_STORE_SIZES) memory.push(await measureMemory(world, factory, size));

    const section = [
      `## ${startedAt.toISOString()}`,
      '',
      `Machine: ${machine}.`,
      `Load: ${SHAPE.connections} connections, ${SHAPE.warmupMs / 1000} s warm-up, ${SHAPE.durationMs / 1000} s measured per row; run took ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s.`,
      '',
      table(rows(base, tg, memory)),
      '',
      details(base, tg),
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (process.env.BENCH_NO_RECORD !== '1') appendResults(section);
  } finally {
    await world.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
