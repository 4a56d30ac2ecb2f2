/**
 * More rounds of the two-process approval race than the test suite runs (not part of npm test).
 * Build first, then:  node dist/test/stress/multi-instance-stress.js [rounds=200] [clicks=100]
 * Prints one line per round and a summary; exits 1 on the first broken round, with both bots' output.
 */
import { approveRace, describeBots, startMultiInstanceRig, type MultiInstanceRig } from '../support/multi-instance-rig';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 200);
  const clicks = Number(process.argv[3] ?? 100);
  let rig: MultiInstanceRig | undefined;
  const clickMs: number[] = [];
  try {
    rig = await startMultiInstanceRig();
    for (let round = 0; round < rounds; round++) {
      const result = await approveRace(rig, round, clicks);
      clickMs.push(result.clickMs);
      process.stdout.write(`round ${round + 1}/${rounds}: ok, winner ${result.winner.name}, ${clicks} clicks answered in ${result.clickMs} ms, revoked after ${result.outcomeMs} ms\n`);
    }
    const sorted = [...clickMs].sort((a, b) => a - b);
    const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    process.stdout.write(`${rounds} rounds passed: exactly one revokeToken each. Answer time for ${clicks} clicks: median ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${sorted[sorted.length - 1]} ms\n`);
  } catch (error) {
    process.stderr.write(`FAILED after ${clickMs.length} good rounds: ${error instanceof Error ? error.stack : String(error)}\n${describeBots(rig, 60)}\n`);
    process.exitCode = 1;
  } finally {
    await rig?.stop();
  }
}

void main().then(() => process.exit());
