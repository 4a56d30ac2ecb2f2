/**
 * 10,000 generated bodies against POST /api/messages of one running bot (fast-check, fixed seed):
 * wrong types, huge strings, deep nesting, missing fields, non-JSON, wrong content types, signed
 * and unsigned, and a handful of 10 MB bodies. Whatever arrives: never a 5xx, the process stays
 * up and healthy, its memory stays flat, and oversized bodies are refused (413) without being read.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { alice, OUR_TENANT_ID } from '../support/cast';
import { channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const BODIES = 10_000;
const PARALLEL = 16;
const TEN_MB = 10 * 1024 * 1024;

interface Case {
  body: string | Buffer;
  contentType?: string;
  signed: boolean;
}

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

describe('e2e: fuzzing /api/messages', function () {
  const world = useTokenGuard();

  function cases(): Case[] {
    const serviceUrl = world.sim.botFramework.serviceUrl;
    const template = world.teams.messageActivity(alice, 'help', channelThread(OUR_TENANT_ID));
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 40 }), fc.constant(undefined));
    /** Mostly the valid value, sometimes junk: most bodies then get past the shape check into authentication and the turn. */
    const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anything, weight: 1 });
    const activityLike = fc
      .record(
        {
          type: mostly(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', '')),
          name: mostly(fc.constantFrom('adaptiveCard/action', 'composeExtension/query')),
          text: fc.oneof(fc.string({ maxLength: 200 }), fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)), anything),
          from: mostly(fc.oneof(fc.constant(template.from), fc.record({ id: anything, aadObjectId: anything, name: anything }, { requiredKeys: [] }))),
          conversation: mostly(fc.oneof(fc.constant(template.conversation), fc.record({ id: fc.string(), tenantId: anything, conversationType: anything }, { requiredKeys: [] }))),
          recipient: mostly(fc.constant(template.recipient)),
          channelData: mostly(fc.constant(template.channelData)),
          value: fc.oneof(
            fc.record({ action: fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit'), verb: anything, data: anything }, { requiredKeys: [] }) }),
            anything,
          ),
          serviceUrl: mostly(fc.constant(serviceUrl)),
          channelId: mostly(fc.constant('msteams')),
          id: mostly(fc.string({ maxLength: 30 })),
          timestamp: fc.oneof(fc.constant('not a date'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anything),
        },
        { requiredKeys: ['type', 'serviceUrl', 'channelId'] },
      )
      .map((activity) => JSON.stringify(activity));
    const deep = fc
      .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom<[string, string]>(['[', ']'], ['{"a":', '}']), fc.boolean())
      .map(([depth, [open, close], asValue]) =>
        asValue ? `{"type":"invoke","name":"adaptiveCard/action","value":${nested(depth, open, close)}}` : nested(depth, open, close),
      );
    const notJson = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom('', '{', '{"type":', 'type=message&text=help', '\u0000\u0001', '{"type":"message"}}', '\ufeff{"type":"message"}'),
    );
    const body = fc.oneof({ arbitrary: activityLike, weight: 6 }, { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), weight: 2 }, { arbitrary: deep, weight: 1 }, { arbitrary: notJson, weight: 2 });
    const contentType = fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 8 },
      {
        arbitrary: fc.constantFrom(
          undefined,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=xyz',
          'application/octet-stream',
          'application/json; charset=utf-16',
          'application/xml',
          'invalid',
        ),
        weight: 3,
      },
    );
    const generated = fc.sample(fc.record({ body, contentType, signed: fc.boolean() }), { numRuns: BODIES - 5, seed: 20_240_501 });
    const huge = Array.from({ length: 5 }, (_, i): Case => ({ body: Buffer.alloc(TEN_MB, i % 2 ? 'a' : '['), contentType: 'application/json', signed: i % 2 === 0 }));
    return [...generated, ...huge];
  }

  async function send(one: Case, authorization: string): Promise<number> {
    const headers: Record<string, string> = {};
    if (one.contentType !== undefined) headers['content-type'] = one.contentType;
    if (one.signed) headers.authorization = authorization;
    try {
      const response = await fetch(`${world.bot.url}/api/messages`, { method: 'POST', headers, body: one.body, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      // The server may answer 413 and close before a 10 MB upload finished: that is a refusal, not a crash.
      if (Buffer.byteLength(one.body) > 1024 * 1024) return 413;
      throw error;
    }
  }

  it(`${BODIES} generated bodies: no 5xx, no crash, memory flat, body size limited`, async function () {
    this.timeout(240_000);
    const { bot, teams } = world;
    const pid = bot.pid!;
    const authorization = `Bearer ${teams.token()}`;
    const all = cases();
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    // The first bodies warm the process up (JIT, caches, token fetches, SQLite's page cache): memory is measured after them.
    const WARM_UP = 2_000;
    let rssBefore = Number.NaN;
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        if (next === WARM_UP) rssBefore = rssMb(pid);
        const one = all[next++];
        const status = await send(one, authorization);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) serverErrors.push(`${status} for ${one.contentType} ${String(one.body).slice(0, 120)}`);
        if (Buffer.byteLength(one.body) >= TEN_MB) assert.equal(status, 413, 'a 10 MB body is refused as too large');
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    assert.deepEqual(serverErrors.slice(0, 10), [], `no 5xx (status counts: ${JSON.stringify([...statuses])})`);
    assert.equal(bot.pid, pid, 'the same process is still running');
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200);
    const rssAfter = rssMb(pid);
    assert.ok(rssAfter - rssBefore < 100, `memory stays flat: ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`);
    assert.ok(!bot.output.some((line) => /FATAL|heap out of memory|Maximum call stack/i.test(line)), 'no fatal error in the log');
    process.stderr.write(`      fuzz: ${all.length} bodies, statuses ${JSON.stringify([...statuses].sort())}, RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB\n`);
  });
});
