import assert from 'node:assert/strict';
import type { BatchRevokeResult, BatchRevokes, BatchRevokeTarget } from '../../../src/approvals/batch-revokes';
import { inBatches } from '../../../src/approvals/batch-revokes';
import type { BulkItem } from '../../../src/approvals/bulk-items';
import { BulkRevokeExecutor, type BulkNotifier } from '../../../src/approvals/bulk-revoke-executor';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { systemClock } from '../../../src/support/clock';
import { silentLogger } from '../../../src/support/logger';
import { WriteLimiter } from '../../../src/support/write-limiter';
import { aRequest, BOB } from './fixtures';

/** Graph's side, in memory: records each batch; answers 204, or per item what `plan` says. */
class FakeBatchRevokes implements BatchRevokes {
  readonly maxBatchSize = 20;
  readonly batches: string[][] = [];
  plan: (target: BatchRevokeTarget, call: number) => BatchRevokeResult | undefined = () => undefined;

  async revokeBatch(targets: readonly BatchRevokeTarget[]): Promise<BatchRevokeResult[]> {
    this.batches.push(targets.map((t) => t.profileId));
    const call = this.batches.length;
    return targets.map((t) => this.plan(t, call) ?? { profileId: t.profileId, ok: true, graphRequestId: `g-${t.profileId}-${call}` });
  }

  sentTimes(profileId: string): number {
    return this.batches.flat().filter((id) => id === profileId).length;
  }
}

class RecordingNotifier implements BulkNotifier {
  progress: { final: boolean; revoked: number; failed: number }[] = [];
  async requestDecided(): Promise<void> {}
  async revokeFinished(): Promise<void> {}
  async approvalCardChanged(): Promise<void> {}
  async bulkProgress(_request: RevokeRequest, items: readonly BulkItem[], final: boolean): Promise<string> {
    this.progress.push({ final, revoked: items.filter((i) => i.state === 'revoked').length, failed: items.filter((i) => i.state === 'failed').length });
    return 'progress-activity';
  }
}

describe('BulkRevokeExecutor', () => {
  let storage: SqliteStorage;
  let graph: FakeBatchRevokes;
  let notifier: RecordingNotifier;

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    graph = new FakeBatchRevokes();
    notifier = new RecordingNotifier();
  });
  afterEach(() => storage.close());

  function executor(options: { limit?: number; windowMs?: number; instanceId?: string; leaseSeconds?: number } = {}): BulkRevokeExecutor {
    return new BulkRevokeExecutor({
      requests: storage.requests,
      items: storage.bulkItems,
      audit: storage.audit,
      revokes: graph,
      writes: new WriteLimiter({ limit: options.limit ?? 100, windowMs: options.windowMs ?? 20_000 }),
      notifier,
      clock: systemClock,
      logger: silentLogger,
      instanceId: options.instanceId ?? 'instance-a',
      leaseSeconds: options.leaseSeconds ?? 30,
      progressEveryMs: 0,
    });
  }

  async function approvedBulk(count: number, overrides: Partial<RevokeRequest> = {}): Promise<RevokeRequest> {
    const request = aRequest({ state: 'approved', operation: 'revoke-matching', approvalsRequired: 2, decision: { by: BOB, at: new Date().toISOString() }, ...overrides });
    await storage.bulkItems.insertAll(
      Array.from({ length: count }, (_, i) => ({
        requestId: request.id,
        profileId: `p-${String(i).padStart(3, '0')}`,
        displayName: `Kiosk Lisbon ${i}`,
        enrolledDeviceCount: 2,
        state: 'pending' as const,
        version: 1,
        attempts: 0,
      })),
    );
    await storage.requests.insert(request);
    return request;
  }

  it('splits into batches of at most 20, revokes every profile once and ends succeeded with one audit line per profile', async () => {
    const request = await approvedBulk(45);
    const done = await executor().execute(request.id);
    assert.deepEqual(graph.batches.map((b) => b.length), [20, 20, 5]);
    assert.equal(done?.state, 'succeeded');
    const items = await storage.bulkItems.list(request.id);
    assert.ok(items.every((i) => i.state === 'revoked' && i.attempts === 1 && i.graphRequestId));
    const lines = await storage.audit.list({ requestId: request.id, actions: ['bulk.item.revoked'], limit: 1000 });
    assert.equal(lines.length, 45);
    assert.equal(new Set(lines.map((l) => l.profileId)).size, 45);
    assert.ok(notifier.progress.at(-1)?.final);
    assert.equal(notifier.progress.at(-1)?.revoked, 45);
  });

  it('keeps batches within a write limit below 20', async () => {
    const request = await approvedBulk(12);
    await executor({ limit: 5, windowMs: 100 }).execute(request.id);
    assert.deepEqual(graph.batches.map((b) => b.length), [5, 5, 2]);
  });

  it('retries a throttled item alone after its Retry-After, and records other failures with their reason and request-id', async () => {
    const request = await approvedBulk(3);
    graph.plan = (t, call) => {
      if (t.profileId === 'p-001' && call === 1) return { profileId: t.profileId, ok: false, throttled: true, retryAfterSeconds: 1, failure: { kind: 'throttled', message: 'Too many requests', status: 429 } };
      if (t.profileId === 'p-002') return { profileId: t.profileId, ok: false, throttled: false, failure: { kind: 'not-found', status: 404, message: 'Graph does not know this enrollment profile.', graphRequestId: 'g-404' } };
      return undefined;
    };
    const started = Date.now();
    const done = await executor().execute(request.id);
    assert.deepEqual(graph.batches, [['p-000', 'p-001', 'p-002'], ['p-001']]);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.equal(done?.state, 'failed');
    const byId = new Map((await storage.bulkItems.list(request.id)).map((i) => [i.profileId, i]));
    assert.equal(byId.get('p-001')?.state, 'revoked');
    assert.equal(byId.get('p-001')?.attempts, 2);
    assert.equal(byId.get('p-002')?.state, 'failed');
    assert.equal(byId.get('p-002')?.failure?.kind, 'not-found');
    assert.equal(byId.get('p-002')?.graphRequestId, 'g-404');
    const failed = await storage.audit.list({ requestId: request.id, actions: ['bulk.item.failed'] });
    assert.deepEqual(failed.map((l) => [l.profileId, l.outcome, l.graphRequestId]), [['p-002', 'not-found', 'g-404']]);
  });

  it('after its driver died, resumes only the unfinished profiles: none sent twice, none lost', async () => {
    const request = await approvedBulk(30);
    // What a dead driver left: executing under its expired lease, 20 revoked, the rest pending.
    const stored = (await storage.requests.get(request.id))!;
    const dead: RevokeRequest = { ...stored, version: stored.version + 1, state: 'executing', executionAttempts: 1, lease: { owner: 'dead', expiresAt: new Date(Date.now() - 1000).toISOString() } };
    assert.ok(await storage.requests.replace(dead, stored.version));
    for (const item of (await storage.bulkItems.list(request.id)).slice(0, 20)) {
      assert.ok(await storage.bulkItems.replace({ ...item, version: item.version + 1, state: 'revoked', attempts: 1 }, item.version));
    }
    const survivor = executor({ instanceId: 'instance-b' });
    await survivor.start();
    await survivor.stop();
    assert.deepEqual(graph.batches.map((b) => b.length), [10]);
    const items = await storage.bulkItems.list(request.id);
    assert.ok(items.every((i) => i.state === 'revoked'));
    assert.equal((await storage.requests.get(request.id))?.state, 'succeeded');
  });

  it('runs a bulk once however many instances are asked at the same moment', async () => {
    const request = await approvedBulk(50);
    const executors = ['a', 'b', 'c'].map((id) => executor({ instanceId: `instance-${id}` }));
    const results = await Promise.all(executors.map((e) => e.execute(request.id)));
    assert.equal(results.filter(Boolean).length, 1);
    for (let i = 0; i < 50; i++) assert.equal(graph.sentTimes(`p-${String(i).padStart(3, '0')}`), 1);
  });

  it('inBatches splits in order into pieces of at most the size', () => {
    assert.deepEqual(inBatches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(inBatches([], 20), []);
    assert.throws(() => inBatches([1], 0));
  });
});
