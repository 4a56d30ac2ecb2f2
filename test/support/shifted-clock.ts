/**
 * Preloaded into the bot child process (`node --require shifted-clock.js`) by tests that need time
 * to pass faster than it does, e.g. a request's expiry: `Date` and `Date.now()` run ahead by an
 * offset read from TOKEN_GUARD_E2E_CLOCK_FILE at start-up and whenever the process gets SIGUSR2
 * (so a restarted bot starts with the time moved on while it was down). Timers are not
 * touched, so intervals (the expiry sweeper) still tick in real time and see the shifted clock.
 * The product's code is unchanged: this plays the role of libfaketime.
 */
import { readFileSync } from 'node:fs';

const clockFile = process.env.TOKEN_GUARD_E2E_CLOCK_FILE;

if (clockFile) {
  const RealDate = Date;
  let offsetMs = Number(readFileSync(clockFile, 'utf8').trim()) || 0;
  const now = (): number => RealDate.now() + offsetMs;

  const ShiftedDate = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length > 0 ? args : [now()], newTarget) as object;
    },
    apply() {
      // `Date()` called without `new` returns the current time as a string.
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  (globalThis as { Date: DateConstructor }).Date = ShiftedDate;

  process.on('SIGUSR2', () => {
    offsetMs = Number(readFileSync(clockFile, 'utf8').trim()) || 0;
    process.stderr.write(`shifted-clock: offset ${offsetMs} ms\n`);
  });
}
