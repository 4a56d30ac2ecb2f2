/**
 * The measure behind the bench's ratio rows: the bot's own CPU time per request, baseline ÷ Token
 * Guard, which estimates how many requests Token Guard serves on a core for each one the baseline
 * serves (its capacity relative to the baseline).
 *
 * Requests per second measure the bot and everything else the machine does at the same moment: on
 * a 2-core machine shared with other work, a bot's round gets anywhere from a whole core to a
 * third of one, and two rounds a second apart do not get the same share, so their ratio moves
 * with the neighbours. The CPU time a process spent per request hardly depends on how much CPU
 * others left it (README.md beside this file says by how much each measure moved between runs).
 *
 * A round's CPU is read from just before its load starts (warm-up included) until the work it
 * caused has ended (`drain`: e.g. the background revokes, card updates and thread replies of the
 * Approve clicks), and divided by every request the round sent (warm-up included): the background
 * work of a request is part of what it costs, even when it runs after the request was answered.
 */
import type { LoadResult } from './load-generator';

export interface CapacityRound extends LoadResult {
  /** The bot's CPU time (user + system) from the start of the round's load until `drain` ended. */
  roundCpuMs: number;
  /** roundCpuMs per request sent in the round (warm-up included); NaN when none was answered. */
  cpuMsPerRequest: number;
}

/** Anything whose CPU time can be read: a bot child process. */
export interface CpuMeter {
  cpuMs(): number;
}

/** One round: `run` the load, wait for the work it caused (`drain`), and charge the bot's CPU time to the requests sent. */
export async function capacityRound(bot: CpuMeter, run: () => Promise<LoadResult>, drain: () => Promise<void> = async () => {}): Promise<CapacityRound> {
  const before = bot.cpuMs();
  const result = await run();
  await drain();
  const roundCpuMs = bot.cpuMs() - before;
  return { ...result, roundCpuMs, cpuMsPerRequest: result.requests > 0 ? roundCpuMs / result.consumed : NaN };
}

/**
 * Requests the bot serves per second of its CPU time: its capacity on one core. Token Guard's over
 * the baseline's, in one round pair, is the ratio the bench's rate rows report (1 = as cheap as the
 * baseline; 0.5 = each request costs twice the baseline's CPU). NaN for a round without figures.
 */
export function requestsPerCpuSecond(round: CapacityRound): number {
  return round.roundCpuMs > 0 ? 1000 / round.cpuMsPerRequest : NaN;
}
