/**
 * `npm run bench`: how fast Token Guard is, as ratios against a bare botbuilder echo bot on the
 * same machine (a 2-core machine shared with other work is too noisy for absolute figures). Starts
 * the baseline and Token Guard side by side on loopback against the local simulator,
 * authentication on, and measures each row in alternating short rounds (interleaved-rounds.ts):
 * the ratio reported is the median of the round ratios, with their range. A row with a target
 * compares the bots' requests per second of their own CPU time, background work included
 * (capacity.ts; README.md says why not requests per second, which are shown as information). Prints the table with
 * PASS/FAIL per target and exits 0 whatever the verdicts; `--record` also appends it to
 * test/bench/RESULTS.md.
 *
 * Knobs (environment): BENCH_ROUNDS (24), BENCH_ROUND_S (1), BENCH_ROUND_WARMUP_S (0.25),
 * BENCH_WARMUP_S (2, once per bot and row), BENCH_CONNECTIONS (16),
 * BENCH_CPU_PROF=<dir> (run Token Guard with node --cpu-prof, profiles written to <dir>).
 */
import { bulkDetails, bulkRows, measureBulk } from './bulk-bench';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { OUR_TENANT_ID } from '../support/cast';
import { channelThread } from '../support/teams-client';
import { ActivityFactory, APPROVER, REQUESTER, startBenchWorld, threads, type BenchWorld } from './bench-world';
import { snapshotOf } from '../../src/intune/profile-summary';
import { BASELINE_ENTRY, startChild, TOKEN_GUARD_ENTRY, type BotChild } from './bot-child';
import { capacityRound, requestsPerCpuSecond, type CapacityRound } from './capacity';
import { compare, formatRatio, interleave, type RoundPair } from './interleaved-rounds';
import type { LoadResult } from './load-generator';
import type { LoadWorker } from './load-generator';
import { approvalLoad, approvalWorker, effectivePageSize, probe, settle, turnLoad, turnWorker, type LoadShape, type PendingCard, type ProbeResult } from './measurements';
import { appendResults, fmt, machineLine, table, type Row } from './report';
import { seedCompletedRequests, seedPendingRequests } from './seed-store';

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 24);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/**
 * One measured round: a short warm-up (the other bot's round has just ended: the pipeline refills),
 * then the counted window. Short rounds, many of them: the machine's load changes within seconds.
 */
const ROUND: LoadShape = { connections: CONNECTIONS, warmupMs: seconds('BENCH_ROUND_WARMUP_S', 0.25), durationMs: seconds('BENCH_ROUND_S', 1) };
/** Before a row's first round, each bot runs the row's load unmeasured for this long (JIT, caches). */
const ROW_WARMUP_MS = seconds('BENCH_WARMUP_S', 2);
const SLOW_GRAPH_MS = 10_000;
/** The slow-Graph row has an absolute target (p99), so it is measured once, over a longer window. */
const SLOW_GRAPH_WINDOW: LoadShape = { connections: CONNECTIONS, warmupMs: 1_000, durationMs: 6_000 };
/** Pending requests seeded for the approval rows: one per simulator profile, then more on profiles Graph does not know (revoke answers 404). */
const EXTRA_PENDING = 20_000;
/** Invokes prepared for the baseline, sent round and round (the echo bot keeps no state). */
const BASELINE_INVOKES = 4_000;
/** Approve clicks handed to Token Guard's approval rounds: more than it answers in them; the rest is for the slow-Graph row. */
const APPROVAL_ROUND_CARDS = 20_000;
/**
 * The `show` row looks at this many distinct profiles, round and round: an admin's session looks at
 * a few profiles again and again (show, revoke, show), and so the row measures `show` with the
 * details of those profiles fetched within the last minute (the catalog's cache). A first look at a
 * profile is its own row (one Graph call, then none).
 */
const SHOW_PROFILES = 250;
const MEMORY_STORE_SIZES = [1_000, 100_000] as const;
/** Identical traffic before each memory reading. */
const MEMORY_WARMUP = { turns: 2_000, approvals: 1_000 };
const RECORD = process.argv.includes('--record');

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

function tokenGuardNodeArgs(label: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`, `--cpu-prof-name=token-guard-${label}-${Date.now()}.cpuprofile`] : [];
}

/** A row's interleaved rounds (undefined: Token Guard does not know the command). */
type Rounds = RoundPair<CapacityRound>[] | undefined;

interface Figures {
  baselineStartupMs: number;
  baselineRssBytes: number;
  listCold: ProbeResult;
  listWarm: ProbeResult;
  pageSize: number;
  help: Rounds;
  revoke: Rounds;
  show: Rounds;
  /** `show` of a profile not shown before, then of the same again. */
  showFirst: ProbeResult;
  showAgain: ProbeResult;
  approvals: Rounds;
  slowGraphInvokes: LoadResult;
}

/** How long the simulator must be quiet before the next round: Token Guard's background work has ended. */
const QUIET_MS = 300;
/** Longest wait for Token Guard's background revokes between two approval rounds. */
const BACKGROUND_TIMEOUT_MS = 20_000;

type RowLoad = Pick<LoadWorker, 'run' | 'close'>;

/**
 * One row: each bot's load once unmeasured, then ROUNDS alternating rounds. `between` runs after
 * each warm-up and after every round: it waits for the work the round caused, so that work is
 * charged to its round (capacity.ts) and never runs in the other bot's. Both workers are closed at the end.
 */
async function measureRow(
  name: string,
  baseline: { bot: BotChild; load: RowLoad },
  tokenGuard: { bot: BotChild; load: RowLoad },
  between: () => Promise<void>,
): Promise<RoundPair<CapacityRound>[]> {
  log(`${name}: warm-up, then ${ROUNDS} rounds of ${fmt.ms(ROUND.durationMs)} each, alternating…`);
  try {
    for (const side of [baseline, tokenGuard]) {
      if (ROW_WARMUP_MS > 0) await side.load.run({ warmupMs: 0, durationMs: ROW_WARMUP_MS });
      await between();
    }
    // The round's CPU is charged until `between` has seen the work it caused end (capacity.ts).
    const round = (side: typeof baseline) =>
      capacityRound(side.bot, () => side.load.run({ warmupMs: ROUND.warmupMs, durationMs: ROUND.durationMs, botPid: side.bot.pid }), between);
    const pairs = await interleave(ROUNDS, { baseline: () => round(baseline), tokenGuard: () => round(tokenGuard) });
    const ratios = (pick: (r: CapacityRound) => number) => compare(pairs, pick).ratios.map((r) => r.toFixed(2)).join(' ');
    log(`${name}: round ratios, CPU ${ratios(requestsPerCpuSecond)}; req/s ${ratios((r) => r.requestsPerSecond)}`);
    return pairs;
  } finally {
    await Promise.all([baseline.load.close(), tokenGuard.load.close()]);
  }
}

async function measure(world: BenchWorld, factory: ActivityFactory): Promise<Figures> {
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
  const baselineCards: PendingCard[] = Array.from({ length: BASELINE_INVOKES }, (_, n) => ({ requestId: `baseline-${n}`, cardActivityId: String(1_700_000_000_000 + n) }));

  const baseline = await startChild({ name: 'baseline', entry: BASELINE_ENTRY, env: world.botFrameworkEnv });
  let tokenGuard: BotChild | undefined;
  try {
    tokenGuard = await startChild({ name: 'token-guard', entry: TOKEN_GUARD_ENTRY, env: { ...world.tokenGuardEnv, DATA_DIR: dataDir }, nodeArgs: tokenGuardNodeArgs('main') });
    const tg = tokenGuard;
    log(`baseline up in ${fmt.ms(baseline.startupMs)}, Token Guard in ${fmt.ms(tg.startupMs)}; list (cold, then warm)…`);
    const listThread = channelThread(OUR_TENANT_ID);
    const listCold = await probe(world.sim, tg.url, factory, 'list', listThread);
    const listWarm = await probe(world.sim, tg.url, factory, 'list', listThread);
    const pageSize = effectivePageSize(100, listCold.listCalls);

    const base = baseline;
    // Forget the connector's record between rounds (it would grow by every reply of the run).
    const clearConnector = async () => world.sim.connector.clear();
    const echo = () => ({ bot: base, load: turnWorker(base.url, factory, threads(16), () => 'help', CONNECTIONS) });
    const turns = (textOf: (i: number) => string) => ({ bot: tg, load: turnWorker(tg.url, factory, threads(16), textOf, CONNECTIONS) });
    const help = await measureRow('help turns', echo(), turns(() => 'help'), clearConnector);
    const revoke = await measureRow('revoke turns (the dialog asks which profile)', echo(), turns(() => 'revoke'), clearConnector);

    const showName = (i: number) => world.profiles[((i % SHOW_PROFILES) * 7919) % world.profiles.length].displayName;
    // A profile the row never shows: the first look asks Intune for its details, the second reuses them.
    const unseen = `show "${world.profiles[world.profiles.length - 1].displayName}"`;
    const showThread = channelThread(OUR_TENANT_ID);
    const showFirst = await probe(world.sim, tg.url, factory, unseen, showThread);
    const showAgain = await probe(world.sim, tg.url, factory, unseen, showThread);
    let show: Rounds;
    if (showFirst.available) show = await measureRow('show turns', echo(), turns((i) => `show "${showName(i)}"`), clearConnector);
    else log(`show is not available (the bot said: ${showFirst.replies[0]?.slice(0, 80) ?? 'nothing'})`);

    // Every answered Approve click starts one revokeToken call in the background, then a card
    // update and an outcome reply: before the next round, all of them must be over, or Token
    // Guard's work would run in the baseline's round (a quiet spell alone is no proof under load).
    const revokeCalls = () => world.sim.graph.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/revokeToken')).length;
    const revokesBefore = revokeCalls();
    let approvalsSent = 0;
    const tgApprovals = approvalWorker(tg.url, factory, supply, approvalThread, CONNECTIONS, APPROVAL_ROUND_CARDS);
    const countingApprovals: RowLoad = {
      run: async (shape) => {
        const result = await tgApprovals.run(shape);
        approvalsSent += result.consumed;
        return result;
      },
      close: () => tgApprovals.close(),
    };
    const approvals = await measureRow(
      'approval invokes',
      { bot: base, load: approvalWorker(base.url, factory, baselineCards, channelThread(OUR_TENANT_ID), CONNECTIONS, BASELINE_INVOKES, true) },
      { bot: tg, load: countingApprovals },
      async () => {
        const deadline = Date.now() + BACKGROUND_TIMEOUT_MS;
        while (revokeCalls() - revokesBefore < approvalsSent && Date.now() < deadline) await sleep(50);
        const started = revokeCalls() - revokesBefore;
        if (started < approvalsSent) {
          log(`warning: ${approvalsSent - started} answered approvals have not called Graph within ${BACKGROUND_TIMEOUT_MS / 1000} s`);
          approvalsSent = started; // wait for them once, not before every round
        }
        await settle(world.sim, QUIET_MS);
        world.sim.connector.clear();
      },
    );

    log(`approval invokes with Graph answering each revoke in ${SLOW_GRAPH_MS / 1000} s…`);
    world.sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', delayMs: SLOW_GRAPH_MS });
    const slowGraphInvokes = await approvalLoad(tg.url, factory, supply, approvalThread, { ...SLOW_GRAPH_WINDOW, botPid: tg.pid });
    world.sim.graph.clearFaults();
    return { baselineStartupMs: baseline.startupMs, baselineRssBytes: baseline.rssBytes(), listCold, listWarm, pageSize, help, revoke, show, showFirst, showAgain, approvals, slowGraphInvokes };
  } finally {
    log('stopping both bots (Token Guard drains the slow revokes first)…');
    await Promise.all([baseline.stop(), tokenGuard?.stop(SLOW_GRAPH_MS * 4)]);
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
    const unbounded = { ...ROUND, warmupMs: 0, durationMs: 120_000 };
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

/**
 * A row of rates: the bots' requests per CPU-second (capacity.ts), medians of their rounds, and the
 * median round ratio with its range; the verdict is on that ratio. Requests per second follow as
 * information (`throughputRow`): they move with the machine's load.
 */
function rateRow(measure: string, rounds: Rounds, minRatio: number): Row {
  const target = `≥ ${minRatio}× baseline`;
  if (!rounds) return { measure, tokenGuard: NOT_AVAILABLE, baseline: '—', ratio: '—', target, verdict: 'n/a' };
  const { tokenGuard, baseline, ratio } = compare(rounds, requestsPerCpuSecond);
  const sick = rounds.map((pair) => pair.tokenGuard).filter((r) => !healthy(r));
  return {
    measure: `${measure}, per CPU-second`,
    tokenGuard: fmt.rps(tokenGuard.median, 'CPU-s') + failureNote(rounds.map((pair) => pair.tokenGuard)),
    baseline: fmt.rps(baseline.median, 'CPU-s') + failureNote(rounds.map((pair) => pair.baseline)),
    ratio: formatRatio(ratio),
    target,
    verdict: ratio.median >= minRatio && sick.length === 0 ? 'PASS' : 'FAIL',
  };
}

function throughputRow(measure: string, rounds: Rounds): Row {
  if (!rounds) return { measure, tokenGuard: NOT_AVAILABLE, baseline: '—', ratio: '—', target: '—', verdict: 'n/a' };
  const { tokenGuard, baseline, ratio } = compare(rounds, (r) => r.requestsPerSecond);
  return { measure, tokenGuard: fmt.rps(tokenGuard.median), baseline: fmt.rps(baseline.median), ratio: formatRatio(ratio), target: '—', verdict: 'info' };
}

function latencyRow(measure: string, rounds: Rounds, pick: 'p50Ms' | 'p99Ms' | 'cpuMsPerRequest'): Row {
  if (!rounds) return { measure, tokenGuard: NOT_AVAILABLE, baseline: '—', ratio: '—', target: '—', verdict: 'n/a' };
  const { tokenGuard, baseline, ratio } = compare(rounds, (r) => r[pick]);
  return { measure, tokenGuard: fmt.ms(tokenGuard.median), baseline: fmt.ms(baseline.median), ratio: formatRatio(ratio), target: '—', verdict: 'info' };
}

/** A run with failed answers is not a valid figure, whatever its speed. */
function healthy(result: LoadResult): boolean {
  return result.errors === 0 && result.non2xx === 0 && result.requests > 0;
}

function failureNote(results: LoadResult[]): string {
  const bad = results.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
  return (bad ? ` (${bad} failed)` : '') + (results.some((r) => r.exhausted) ? ' (ran out of requests)' : '');
}

function listRows(figures: Figures): Row[] {
  if (!figures.listCold.available) {
    return ['`list` over 10,000 profiles, cold cache', '`list` over 10,000 profiles, warm cache'].map((measure) => ({
      measure,
      tokenGuard: NOT_AVAILABLE,
      baseline: '—',
      ratio: '—',
      target: 'Graph calls as expected',
      verdict: 'n/a' as const,
    }));
  }
  const expected = Math.ceil(10_000 / figures.pageSize);
  return [
    {
      measure: '`list` over 10,000 profiles, cold cache',
      tokenGuard: `${fmt.ms(figures.listCold.wallMs)}, ${figures.listCold.listCalls.length} Graph calls`,
      baseline: '—',
      ratio: '—',
      target: `${expected} Graph calls (page size ${figures.pageSize})`,
      verdict: figures.listCold.listCalls.length === expected ? 'PASS' : 'FAIL',
    },
    {
      measure: '`list` over 10,000 profiles, warm cache',
      tokenGuard: `${fmt.ms(figures.listWarm.wallMs)}, ${figures.listWarm.listCalls.length} Graph calls`,
      baseline: '—',
      ratio: '—',
      target: '0 Graph calls',
      verdict: figures.listWarm.available && figures.listWarm.listCalls.length === 0 ? 'PASS' : 'FAIL',
    },
  ];
}

function showLookRows({ showFirst, showAgain }: Figures): Row[] {
  const look = (measure: string, probed: ProbeResult, expected: number): Row =>
    probed.available
      ? {
          measure,
          tokenGuard: `${fmt.ms(probed.wallMs)}, ${probed.detailCalls.length} Graph details calls`,
          baseline: '—',
          ratio: '—',
          target: `${expected} Graph details call${expected === 1 ? '' : 's'}`,
          verdict: probed.detailCalls.length === expected ? 'PASS' : 'FAIL',
        }
      : { measure, tokenGuard: NOT_AVAILABLE, baseline: '—', ratio: '—', target: `${expected} Graph details calls`, verdict: 'n/a' };
  return [look('`show`, first look at a profile', showFirst, 1), look('`show`, the same profile again', showAgain, 0)];
}

function memoryRows(memory: MemoryFigures[], figures: Figures): Row[] {
  const [small, large] = memory;
  const growth = large.rssBytes / small.rssBytes - 1;
  return [
    {
      measure: `RSS after warm-up, ${large.storeSize.toLocaleString('en-US')} vs ${small.storeSize.toLocaleString('en-US')} completed requests`,
      tokenGuard: `${fmt.mib(large.rssBytes)} vs ${fmt.mib(small.rssBytes)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`,
      baseline: fmt.mib(figures.baselineRssBytes),
      ratio: fmt.ratio(large.rssBytes, figures.baselineRssBytes),
      target: 'growth < 20 %',
      verdict: growth < 0.2 ? 'PASS' : 'FAIL',
    },
    ...memory.map(
      (m): Row => ({
        measure: `start-up until /healthz, ${m.storeSize.toLocaleString('en-US')} completed requests`,
        tokenGuard: fmt.ms(m.startupMs),
        baseline: fmt.ms(figures.baselineStartupMs),
        ratio: fmt.ratio(m.startupMs, figures.baselineStartupMs),
        target: '—',
        verdict: 'info',
      }),
    ),
  ];
}

function rows(figures: Figures, memory: MemoryFigures[]): Row[] {
  const { help, revoke, show, approvals, slowGraphInvokes } = figures;
  const slowBaseline = approvals ? compare(approvals, (r) => r.p99Ms).baseline.median : NaN;
  return [
    rateRow('`help` turns', help, 0.8),
    throughputRow('`help` turns per second', help),
    latencyRow('`help` p50', help, 'p50Ms'),
    latencyRow('`help` p99', help, 'p99Ms'),
    latencyRow('`help` bot CPU per turn', help, 'cpuMsPerRequest'),
    rateRow('`revoke` turns (dialog asks for the profile)', revoke, 0.8),
    throughputRow('`revoke` turns per second', revoke),
    latencyRow('`revoke` p50', revoke, 'p50Ms'),
    latencyRow('`revoke` p99', revoke, 'p99Ms'),
    latencyRow('`revoke` bot CPU per turn', revoke, 'cpuMsPerRequest'),
    rateRow('`show <profile>` turns', show, 0.8),
    throughputRow('`show` turns per second', show),
    latencyRow('`show` p50', show, 'p50Ms'),
    latencyRow('`show` p99', show, 'p99Ms'),
    latencyRow('`show` bot CPU per turn', show, 'cpuMsPerRequest'),
    rateRow('approval invokes (incl. background revoke), distinct pending requests', approvals, 0.5),
    throughputRow('approval invokes per second', approvals),
    latencyRow('approval invoke p99', approvals, 'p99Ms'),
    latencyRow('approval bot CPU per invoke (incl. background revoke)', approvals, 'cpuMsPerRequest'),
    {
      measure: `approval invoke p99, Graph answers each revoke in ${SLOW_GRAPH_MS / 1000} s`,
      tokenGuard: `${fmt.ms(slowGraphInvokes.p99Ms)} (p50 ${fmt.ms(slowGraphInvokes.p50Ms)}, ${fmt.rps(slowGraphInvokes.requestsPerSecond)})` + failureNote([slowGraphInvokes]),
      baseline: fmt.ms(slowBaseline),
      ratio: fmt.ratio(slowGraphInvokes.p99Ms, slowBaseline),
      target: '< 250 ms',
      verdict: slowGraphInvokes.p99Ms < 250 && healthy(slowGraphInvokes) ? 'PASS' : 'FAIL',
    },
    ...listRows(figures),
    ...showLookRows(figures),
    ...memoryRows(memory, figures),
  ];
}

function details(figures: Figures): string {
  const total = (results: LoadResult[]) => {
    const answered = results.reduce((sum, r) => sum + r.requests, 0);
    const bad = results.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    const max = Math.max(...results.map((r) => r.maxMs));
    const samples = [...new Set(results.flatMap((r) => r.sampleFailures))].slice(0, 3);
    return `${answered} answered, ${bad} failed, max ${fmt.ms(max)}` + (samples.length ? `; e.g. ${samples.join(' / ')}` : '');
  };
  const line = (name: string, rounds: Rounds) => {
    if (!rounds) return `- ${name}: not run`;
    const list = (pick: (r: CapacityRound) => number) => compare(rounds, pick).ratios.map((r) => r.toFixed(2)).join(', ');
    const benchCpu = compare(rounds, (r) => r.benchCpuMsPerRequest);
    return (
      `- ${name}: round ratios per CPU-second ${list(requestsPerCpuSecond)}; per second ${list((r) => r.requestsPerSecond)}; ` +
      `Token Guard ${total(rounds.map((p) => p.tokenGuard))}; baseline ${total(rounds.map((p) => p.baseline))}; ` +
      `bench process (simulator + load) CPU per request ${fmt.ms(benchCpu.tokenGuard.median)} vs ${fmt.ms(benchCpu.baseline.median)}`
    );
  };
  return [
    line('help', figures.help),
    line('revoke', figures.revoke),
    line('show', figures.show),
    line('approvals', figures.approvals),
    `- approvals, slow Graph: ${total([figures.slowGraphInvokes])}`,
  ].join('\n');
}

async function main(): Promise<void> {
  // revoke-matching's rows (bulk-bench.ts): `--bulk-only` runs just them.
  if (process.argv.includes('--bulk-only')) return runBulkOnly();
  const unknown = process.argv.slice(2).filter((arg) => arg !== '--record' && arg !== '--bulk-only');
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')}; the only one is --record (append the table to RESULTS.md)`);
  const machine = machineLine();
  const startedAt = new Date();
  log(machine);
  const world = await startBenchWorld();
  const factory = new ActivityFactory(world.teams);
  try {
    const figures = await measure(world, factory);
    const memory: MemoryFigures[] = [];
    for (const size of MEMORY_STORE_SIZES) memory.push(await measureMemory(world, factory, size));
    const bulk = await measureBulk(log);

    const section = [
      `## ${startedAt.toISOString()}`,
      '',
      `Machine: ${machine}.`,
      `Load: ${CONNECTIONS} connections; each row ${ROUNDS} rounds per bot, alternating, ${ROUND.warmupMs / 1000} s warm-up + ${ROUND.durationMs / 1000} s measured each; ` +
        `ratio = median of the round ratios (range in brackets); rows with a target compare the bots' requests per CPU-second of their own process; run took ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s.`,
      '',
      table([...rows(figures, memory), ...bulkRows(bulk)]),
      '',
      details(figures),
      bulkDetails(bulk),
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (RECORD) {
      appendResults(section);
      log('appended to test/bench/RESULTS.md');
    }
  } finally {
    await world.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Only the revoke-matching rows (about two minutes). */
async function runBulkOnly(): Promise<void> {
  const startedAt = new Date();
  log(machineLine());
  const bulk = await measureBulk(log);
  const section = [`## ${startedAt.toISOString()} (revoke-matching rows only)`, '', `Machine: ${machineLine()}.`, '', table(bulkRows(bulk)), '', bulkDetails(bulk)].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (RECORD) appendResults(section);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
