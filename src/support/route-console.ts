/**
 * Libraries print straight to the console (botframework-connector prints key material for every
 * forged signature; Node prints its warnings): send all of it through the logger, so every line the
 * process writes is one scrubbed JSON object. Returns a function that restores the console.
 */
import { format } from 'node:util';
import type { Logger } from './logger';

type ConsoleMethod = 'log' | 'info' | 'debug' | 'trace' | 'warn' | 'error';
const LEVEL: Record<ConsoleMethod, 'debug' | 'info' | 'warn' | 'error'> = {
  debug: 'debug',
  trace: 'debug',
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

export function routeConsoleToLogger(logger: Logger, target: Console = console, proc: NodeJS.Process = process): () => void {
  const originals = new Map<ConsoleMethod, Console[ConsoleMethod]>();
  for (const method of Object.keys(LEVEL) as ConsoleMethod[]) {
    originals.set(method, target[method]);
    target[method] = (...args: unknown[]) => {
      // The text goes through the logger's scrubbing like any message; an Error argument keeps its stack as a field.
      const error = args.find((a): a is Error => a instanceof Error);
      logger[LEVEL[method]](format(...args), { source: 'console', ...(error ? { error } : {}) });
    };
  }
  // Node's own warnings (deprecations, experimental features) otherwise go raw to stderr.
  const nodeWarningListeners = proc.listeners('warning');
  proc.removeAllListeners('warning');
  const onWarning = (warning: Error) => logger.warn(warning.message, { source: 'node', warning: { name: warning.name, code: (warning as { code?: string }).code } });
  proc.on('warning', onWarning);
  return () => {
    for (const [method, original] of originals) target[method] = original as never;
    proc.off('warning', onWarning);
    for (const listener of nodeWarningListeners) proc.on('warning', listener as (w: Error) => void);
  };
}
