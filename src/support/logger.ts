/**
 * One JSON line per event on stdout/stderr. Fields are scrubbed: anything that looks like a
 * bearer token, a JWT or a secret-named field never reaches the log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /(secret|password|token|authorization|assertion|private|credential|cookie)/i;
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const BEARER = /Bearer\s+[\w\-.~+/]+=*/gi;

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted-jwt]');
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && !/^(tokenExpirationDateTime|tokenCreationDateTime)$/.test(k) ? '[redacted]' : scrub(v, depth + 1);
  }
  return out;
}

export function createLogger(level: LogLevel = 'info', write: (line: string, isError: boolean) => void = defaultWrite): Logger {
  const emit = (lvl: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: scrub(message), ...(fields ? (scrub(fields) as object) : {}) });
    write(line, ORDER[lvl] >= ORDER.warn);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function defaultWrite(line: string, isError: boolean): void {
  (isError ? process.stderr : process.stdout).write(line + '\n');
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
