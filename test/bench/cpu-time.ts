/** CPU time of another process, from Linux /proc (the bench runs on Linux, like CI). */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a process has used so far, in ms: the sum over its threads of the scheduler's own
 * account of their time on a CPU (/proc/<pid>/task/<tid>/schedstat, field 1, in ns), else
 * utime + stime from /proc/<pid>/stat.
 *
 * The scheduler's account is exact; utime and stime are (on most kernels) sampled once per clock
 * tick, so a bot that ran half of a 1.25 s round reads as ~62 ticks give or take ~6: a 10 % error
 * per round, more than the differences the bench is after.
 */
export function cpuMilliseconds(pid: number): number {
  return scheduledMilliseconds(pid) ?? tickMilliseconds(pid);
}

/** Sum of the threads' on-CPU time (ns → ms); undefined where the kernel keeps no schedstat. */
export function scheduledMilliseconds(pid: number): number | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let ns = 0;
  for (const tid of tasks) {
    let line: string;
    try {
      line = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const runtime = Number(line.split(' ')[0]);
    if (!Number.isFinite(runtime)) return undefined;
    ns += runtime;
  }
  return ns > 0 ? ns / 1e6 : undefined;
}

/** utime + stime of a process in ms (/proc/<pid>/stat, fields 14 and 15). */
export function tickMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
