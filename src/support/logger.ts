/**
 * One JSON line per event, through pino: debug and info on stdout, warn and error on stderr.
 * Everything is scrubbed at any depth by pino's formatters (fields, child bindings) and by the
 * wrapper (the message): bearer tokens, JWTs, PEM blocks, storage keys and SAS signatures, and any
 * field whose name says it holds a secret never reach the log. Errors keep what an operator needs
 * (type, message, stack, cause, HTTP status, code, Graph request ids) with the same scrubbing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * A logger that adds `fields` to every line (a turn's activity id, conversation, request id,
   * client-request-id). Optional so that test fakes need not implement it: call `childLogger()`.
   */
  child?(fields: Record<string, unknown>): Logger;
}

/** `logger.child(fields)` when the logger has it; otherwise a wrapper that merges `fields` into each line. */
export function childLogger(logger: Logger, fields: Record<string, unknown>): Logger {
  if (logger.child) return logger.child(fields);
  const merged = (extra?: Record<string, unknown>) => ({ ...fields, ...(extra ?? {}) });
  return {
    debug: (m, f) => logger.debug(m, merged(f)),
    info: (m, f) => logger.info(m, merged(f)),
    warn: (m, f) => logger.warn(m, merged(f)),
    error: (m, f) => logger.error(m, merged(f)),
    child: (more) => childLogger(logger, { ...fields, ...more }),
  };
}

/** Fields of the work in progress (a Teams turn, a revoke): added to every line written inside it. */
const contextFields = new AsyncLocalStorage<Record<string, unknown>>();

/**
 * Runs `work` with `fields` added to every log line written during it, by any logger, including
 * work it starts in the background (a turn's activity id and conversation, a Graph call's
 * client-request-id). Nested calls add to the outer fields.
 */
export function withLogFields<T>(fields: Record<string, unknown>, work: () => T): T {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return contextFields.run({ ...(contextFields.getStore() ?? {}), ...defined }, work);
}

const SECRET_KEY = /(secret|password|passwd|token|authorization|assertion|private|credential|cookie|connectionstring|accountkey|apikey|signature|qrcode)/i;
/** Names that match SECRET_KEY but hold no secret (dates and counts about a token). */
const NOT_SECRET_KEY = /^(tokenExpirationDateTime|tokenCreationDateTime|enrollmentTokenType|enrollmentTokenUsageCount)$/;
const REDACTED = '[redacted]';
const STRING_SECRETS: [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, '[redacted-pem]'],
  [/Bearer\s+[\w\-.~+/]+=*/gi, 'Bearer [redacted]'],
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[redacted-jwt]'],
  [/\b(AccountKey|SharedAccessSignature|SharedAccessKey|client_secret|client_assertion|sig)=[^;&\s"']+/gi, '$1=[redacted]'],
  // A PEM body printed without its armour (botframework-connector prints raw key material).
  [/\b(?:MII[A-Za-z0-9+/]{60,}={0,2})/g, '[redacted-key]'],
];
/** Deeper than this, a value is replaced (never passed through unscrubbed). */
const MAX_DEPTH = 200;
/** Error properties worth keeping beyond name/message/stack (Graph, Azure, Node, Bot Framework). */
const ERROR_FIELDS = ['code', 'statusCode', 'status', 'requestId', 'clientRequestId', 'date', 'errorCode', 'errno', 'syscall', 'retryAfterSeconds'];
const MAX_STRING = 8_000;

export function scrubText(text: string): string {
  let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[${text.length - MAX_STRING} more chars]` : text;
  for (const [pattern, replacement] of STRING_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

/** A JSON-safe copy of `value` with every secret removed, at any depth, cycles cut. */
export function scrub(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol' || typeof value === 'function') return undefined;
  if (depth > MAX_DEPTH) return '[too deep]';
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  seen.add(object);
  try {
    if (value instanceof Error) return describeError(value, depth, seen);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[binary ${(value as ArrayBufferView).byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
    if (value instanceof Map) return scrubEntries([...value.entries()].map(([k, v]) => [String(k), v]), depth, seen);
    if (value instanceof Set) return [...value].map((v) => scrub(v, depth + 1, seen));
    return scrubEntries(Object.entries(value as Record<string, unknown>), depth, seen);
  } finally {
    seen.delete(object);
  }
}

function scrubEntries(entries: [string, unknown][], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    out[key] = SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key) && v !== null && v !== undefined && v !== '' ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}

function describeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: scrubText(String(error.message ?? '')) };
  if (error.stack) out.stack = scrubText(error.stack);
  const record = error as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS) {
    if (record[field] !== undefined && record[field] !== null) out[field] = scrub(record[field], depth + 1, seen);
  }
  // @azure/core-rest-pipeline's RestError carries the whole request (with its Authorization header)
  // and response: keep only the status and the ids a support case needs.
  const response = record.response as { status?: number; headers?: { get?(name: string): string | undefined } } | undefined;
  if (response && typeof response === 'object') {
    if (out.statusCode === undefined && typeof response.status === 'number') out.statusCode = response.status;
    const requestId = typeof response.headers?.get === 'function' ? response.headers.get('x-ms-request-id') ?? response.headers.get('request-id') : undefined;
    if (requestId && out.requestId === undefined) out.requestId = requestId;
  }
  // GraphError.body is Graph's error JSON (as text): its inner message is often Intune's real reason.
  if (typeof record.body === 'string') out.body = scrubText(record.body.slice(0, 2_000));
  if (error.cause !== undefined) out.cause = scrub(error.cause, depth + 1, seen);
  if (error instanceof AggregateError) out.errors = error.errors.slice(0, 10).map((e) => scrub(e, depth + 1, seen));
  return out;
}

/**
 * pino with our levels and scrubbing. `write` receives each line (no newline) and whether it is a
 * warning or an error (stderr); by default lines go to process.stdout / process.stderr.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string, isError: boolean) => void): Logger {
  // Through process.stdout/stderr (looked up at each write, so a preload that wraps them sees every
  // line): to a pipe or a file they are synchronous on Linux, so the last line before an exit is not lost.
  const out: DestinationStream = { write: write ? (s: string) => write(s.replace(/\n$/, ''), false) : (s: string) => void process.stdout.write(s) };
  const err: DestinationStream = { write: write ? (s: string) => write(s.replace(/\n$/, ''), true) : (s: string) => void process.stderr.write(s) };
  const root = pino(
    {
      level,
      base: null,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      // A copy: pino merges each line's fields into the mixin's object, which must not change the context.
      mixin: () => ({ ...(contextFields.getStore() ?? {}) }),
      // Our scrub() serializes errors (at any depth); pino's own err serializer would only see the top.
      serializers: {},
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
    },
    pino.multistream(
      [
        { level: 'debug', stream: out },
        { level: 'warn', stream: err },
      ],
      { dedupe: true },
    ),
  );
  return wrap(root);
}

function wrap(instance: pino.Logger): Logger {
  const emit = (lvl: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!instance.isLevelEnabled(lvl)) return;
    instance[lvl](fields ?? {}, scrubText(String(message)));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(instance.child(scrub(fields) as Record<string, unknown>)),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };
