import { strict as assert } from 'node:assert';
import { retryUntilReady } from '../../../src/storage/retry-until-ready';
import type { Logger } from '../../../src/support/logger';

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push({ level, message, fields });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('retryUntilReady', () => {
  it('retries with growing, capped delays until the attempt succeeds, logging each failure', async () => {
    const logger = recordingLogger();
    const delays: number[] = [];
    let calls = 0;
    await retryUntilReady(
      async () => {
        calls++;
        if (calls < 6) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002\nstack'), { code: 'ECONNREFUSED' });
      },
      { logger, what: 'storage', firstDelayMs: 100, maxDelayMs: 1000, random: () => 1, sleep: async (ms) => void delays.push(ms) },
    );
    assert.equal(calls, 6);
    assert.deepEqual(delays, [100, 200, 400, 800, 1000]);
    assert.equal(logger.lines.filter((l) => l.level === 'warn' && l.message === 'storage unavailable; retrying').length, 5);
    assert.equal(logger.lines[0].fields?.error, 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:10002');
    assert.deepEqual(logger.lines[5], { level: 'info', message: 'storage is available', fields: { failedAttempts: 5 } });
  });

  it('adds jitter (half to full delay) and never logs a SAS signature', async () => {
    const logger = recordingLogger();
    const delays: number[] = [];
    let calls = 0;
    await retryUntilReady(
      async () => {
        if (++calls < 2) throw new Error('GET https://acct.table.core.windows.net/T?sv=2024&sig=SECRETSIG failed');
      },
      { logger, what: 'storage', firstDelayMs: 1000, random: () => 0, sleep: async (ms) => void delays.push(ms) },
    );
    assert.deepEqual(delays, [500]);
    assert.ok(!JSON.stringify(logger.lines).includes('SECRETSIG'));
  });

  it('gives up when stopped (shutdown while waiting)', async () => {
    let stopped = false;
    await assert.rejects(
      retryUntilReady(
        async () => {
          throw new Error('down');
        },
        { logger: recordingLogger(), what: 'storage', stopped: () => stopped, sleep: async () => void (stopped = true) },
      ),
      /down/,
    );
  });
});
