import { strict as assert } from 'node:assert';
import { childLogger, createLogger, scrub, type Logger } from '../../../src/support/logger';
import { routeConsoleToLogger } from '../../../src/support/route-console';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const PEM = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n-----END PUBLIC KEY-----';

function capture(level: 'debug' | 'info' = 'debug'): { logger: Logger; lines: { json: Record<string, unknown>; raw: string; isError: boolean }[] } {
  const lines: { json: Record<string, unknown>; raw: string; isError: boolean }[] = [];
  const logger = createLogger(level, (raw, isError) => lines.push({ raw, isError, json: JSON.parse(raw) as Record<string, unknown> }));
  return { logger, lines };
}

function nested(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value: Record<string, unknown> = leaf;
  for (let i = 0; i < depth; i += 1) value = { level: value };
  return value;
}

describe('logger (pino, scrubbed)', function () {
  it('writes one JSON object per line with time, level and msg; warn and error go to stderr', function () {
    const { logger, lines } = capture();
    logger.debug('d');
    logger.info('hello', { port: 3978 });
    logger.warn('w');
    logger.error('e');
    assert.deepEqual(lines.map((l) => [l.json.level, l.json.msg, l.isError]), [['debug', 'd', false], ['info', 'hello', false], ['warn', 'w', true], ['error', 'e', true]]);
    assert.equal(lines[1].json.port, 3978);
    assert.match(String(lines[0].json.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const line of lines) assert.ok(!line.raw.includes('\n'), 'one line each');
  });

  it('drops lines below the configured level', function () {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    assert.deepEqual(lines.map((l) => l.json.msg), ['shown']);
  });

  it('scrubs secrets at any depth (a secret 50 and 150 levels down is still redacted)', function () {
    const { logger, lines } = capture();
    logger.info('deep', { a: nested(50, { clientSecret: 'hunter2-secret', note: `Bearer ${JWT}` }), b: nested(150, { text: JWT }) });
    assert.ok(!lines[0].raw.includes('hunter2-secret'), lines[0].raw.slice(0, 200));
    assert.ok(!lines[0].raw.includes(JWT));
    assert.ok(lines[0].raw.includes('[redacted]'));
    assert.ok(lines[0].raw.includes('[redacted-jwt]'));
  });

  it('never passes an unscrubbed value through beyond its depth limit', function () {
    const out = JSON.stringify(scrub(nested(5_000, { password: 'p4ssw0rd-deep', jwt: JWT })));
    assert.ok(!out.includes('p4ssw0rd-deep') && !out.includes(JWT));
  });

  it('redacts PEM blocks, storage account keys and SAS signatures in messages and fields', function () {
    const { logger, lines } = capture();
    logger.error(`key: ${PEM}`, { connection: 'DefaultEndpointsProtocol=https;AccountName=tg;AccountKey=c2VjcmV0a2V5c2VjcmV0a2V5==;EndpointSuffix=core.windows.net', url: 'https://tg.blob.core.windows.net/c?sv=2024&sig=abcDEF123%2B' });
    const raw = lines[0].raw;
    assert.doesNotMatch(raw, /BEGIN PUBLIC KEY|MIIBIjAN/);
    assert.doesNotMatch(raw, /c2VjcmV0a2V5/);
    assert.doesNotMatch(raw, /abcDEF123/);
    assert.match(raw, /AccountName=tg/, 'what is not secret stays readable');
  });

  it('keeps token dates and counts, which are not secrets', function () {
    const { logger, lines } = capture();
    logger.info('profile', { tokenExpirationDateTime: '2026-01-01T00:00:00Z', enrollmentTokenUsageCount: 3, tokenValue: 'the-token' });
    assert.equal(lines[0].json.tokenExpirationDateTime, '2026-01-01T00:00:00Z');
    assert.equal(lines[0].json.enrollmentTokenUsageCount, 3);
    assert.equal(lines[0].json.tokenValue, '[redacted]');
  });

  it('errors keep type, message, stack, cause, status, code and the Graph request ids', function () {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const graphError = Object.assign(new Error(`Forbidden for Bearer ${JWT}`, { cause }), {
      name: 'GraphError',
      statusCode: 403,
      code: 'Forbidden',
      requestId: 'req-1',
      clientRequestId: 'client-1',
      body: '{"error":{"code":"Forbidden"}}',
    });
    logger.error('revoke failed', { error: graphError });
    const error = lines[0].json.error as Record<string, unknown>;
    assert.equal(error.type, 'GraphError');
    assert.equal(error.statusCode, 403);
    assert.equal(error.code, 'Forbidden');
    assert.equal(error.requestId, 'req-1');
    assert.equal(error.clientRequestId, 'client-1');
    assert.match(String(error.stack), /logger\.spec/);
    assert.match(String(error.message), /Bearer \[redacted\]/);
    assert.deepEqual({ message: (error.cause as Record<string, unknown>).message, code: (error.cause as Record<string, unknown>).code }, { message: 'socket hang up', code: 'ECONNRESET' });
    assert.ok(!lines[0].raw.includes(JWT));
  });

  it('cuts cycles instead of throwing', function () {
    const { logger, lines } = capture();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info('cycle', { a });
    assert.equal((lines[0].json.a as Record<string, unknown>).self, '[circular]');
  });

  it('a child logger adds its fields to every line, scrubbed too', function () {
    const { logger, lines } = capture();
    const turn = childLogger(logger, { activityId: 'act-1', conversationId: '19:abc@thread.tacv2', authorization: `Bearer ${JWT}` });
    turn.info('turn started');
    childLogger(turn, { clientRequestId: 'c-1' }).warn('graph slow', { ms: 900 });
    assert.equal(lines[0].json.activityId, 'act-1');
    assert.equal(lines[0].json.authorization, '[redacted]');
    assert.deepEqual([lines[1].json.activityId, lines[1].json.clientRequestId, lines[1].json.ms], ['act-1', 'c-1', 900]);
  });

  it('childLogger works for a logger without child() (test fakes)', function () {
    const seen: Record<string, unknown>[] = [];
    const fake: Logger = { debug() {}, info: (_m, f) => seen.push(f ?? {}), warn() {}, error() {} };
    childLogger(fake, { requestId: 'r1' }).info('x', { y: 1 });
    assert.deepEqual(seen, [{ requestId: 'r1', y: 1 }]);
  });

  it('routes console.* (and Node warnings) through the logger, scrubbed', async function () {
    const { logger, lines } = capture();
    const fakeConsole = { log() {}, info() {}, debug() {}, trace() {}, warn() {}, error() {} } as unknown as Console;
    const restore = routeConsoleToLogger(logger, fakeConsole);
    try {
      fakeConsole.error(`Error finding key for token. Available keys: ${PEM}`);
      fakeConsole.log('plain %s', 'text');
      fakeConsole.error(new Error('boom'));
      process.emitWarning('something is deprecated', 'DeprecationWarning');
      await new Promise<void>((resolve) => setImmediate(resolve)); // Node emits warnings on the next tick
    } finally {
      restore();
    }
    assert.deepEqual(lines.map((l) => [l.json.level, l.json.source]), [['error', 'console'], ['info', 'console'], ['error', 'console'], ['warn', 'node']]);
    assert.doesNotMatch(lines[0].raw, /BEGIN PUBLIC KEY|MIIBIjAN/);
    assert.equal(lines[1].json.msg, 'plain text');
    assert.match(String((lines[2].json.error as Record<string, unknown>).stack), /boom/);
    assert.equal(lines[3].json.msg, 'something is deprecated');
  });
});
