/**
 * The doctor inside the running bot (chat command, /healthz?deep=1): one run at a time, and a
 * result reused for `cacheMs`, so that an unauthenticated monitor cannot make the bot hammer
 * Entra and Graph.
 */
import type { Config } from '../config';
import type { Clock } from '../support/clock';
import type { DoctorReport } from './doctor-check';
import { diagnose, type DoctorOptions } from './run-doctor';

export interface DoctorRunner {
  diagnose(): Promise<DoctorReport>;
}

export function createDoctorRunner(config: Config, options: DoctorOptions & { clock: Clock; cacheMs?: number; run?: typeof diagnose }): DoctorRunner {
  const cacheMs = options.cacheMs ?? 60_000;
  const run = options.run ?? diagnose;
  let last: { report: DoctorReport; at: number } | undefined;
  let running: Promise<DoctorReport> | undefined;
  return {
    diagnose() {
      const now = options.clock.now().getTime();
      if (last && now - last.at < cacheMs) return Promise.resolve(last.report);
      running ??= run(config, { ...options, now: () => options.clock.now() })
        .then((report) => {
          last = { report, at: options.clock.now().getTime() };
          return report;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
