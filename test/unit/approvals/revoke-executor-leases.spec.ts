/**
 * RevokeExecutor and leases: a claim stores this instance as owner with an expiry; a live lease is
 * never taken over, an expired one is (audited as a retry naming the old owner); the heartbeat
 * keeps a long Graph call's lease alive; an executor that lost its lease before calling Graph
 * does not call it; the outcome and the post clear the lease.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { RevokeExecutor } from '../../../src/approvals/revoke-executor';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import type { EnrollmentProfiles } from '../../../src/approvals/enrollment-profiles';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { silentLogger } from '../../../src/support/logger';
import { aRequest, BOB, FakeClock } from './fixtures';

describe('RevokeExecutor leases', () => {
  let storage: SqliteStorage;
  let clock: FakeClock;
  let profiles: sinon.SinonStubbedInstance<EnrollmentProfiles>;
  const notifier = () => ({ requestDecided: sinon.stub().resolves(), revokeFinished: sinon.stub().resolves() });

  function executor(instanceId: string, leaseSeconds = 30): RevokeExecutor {
    return new RevokeExecutor({ requests: storage.requests, audit: storage.audit, profiles, notifier: notifier(), clock, logger: silentLogger, instanceId, leaseSeconds });
  }

  async function stored(overrides: Partial<RevokeRequest>): Promise<RevokeRequest> {
    const request = aRequest({ decision: { by: BOB, at: '2025-01-01T09:59:00.000Z' }, ...overrides });
    await storage.requests.insert(request);
    return request;
  }

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    clock = new FakeClock();
    profiles = { find: sinon.stub(), get: sinon.stub(), revokeToken: sinon.stub<[string], Promise<{ graphRequestId?: string }>>().resolves({ graphRequestId: 'g-1' }), createToken: sinon.stub() };
  });
  afterEach(() => storage.close());

  it('claims under its own lease while Graph runs, and clears it with the posted result', async () => {
    const request = await stored({ state: 'approved' });
    let duringCall: RevokeRequest | undefined;
    profiles.revokeToken.callsFake(async () => {
      duringCall = await storage.requests.get(request.id);
      return { graphRequestId: 'g-1' };
    });
    const done = await executor('instance-a').execute(request.id);
    assert.equal(duringCall?.state, 'executing');
    assert.equal(duringCall?.lease?.owner, 'instance-a');
    assert.equal(duringCall?.lease?.expiresAt, '2025-01-01T10:00:30.000Z');
    assert.deepEqual([done?.state, done?.lease, done?.resultToPost], ['succeeded', undefined, undefined]);
  });

  it('never takes over a live lease; takes over an expired one and audits whose lease expired', async () => {
    const request = await stored({ state: 'executing', executionAttempts: 1, lease: { owner: 'instance-dead', expiresAt: '2025-01-01T10:00:20.000Z' } });
    await executor('instance-b').resumeUnfinished();
    sinon.assert.notCalled(profiles.revokeToken);
    assert.equal((await storage.requests.get(request.id))?.lease?.owner, 'instance-dead');

    clock.advanceMinutes(1);
    await executor('instance-b').resumeUnfinished();
    sinon.assert.calledOnce(profiles.revokeToken);
    const after = await storage.requests.get(request.id);
    assert.deepEqual([after?.state, after?.executionAttempts, after?.lease], ['succeeded', 2, undefined]);
    const [retried] = await storage.audit.list({ requestId: request.id, actions: ['revoke.retried'] });
    assert.equal(retried.detail, 'attempt 2: the lease of instance-dead expired');
  });

  it('two instances racing for one expired lease: one claim, one call', async () => {
    await stored({ state: 'executing', executionAttempts: 1, lease: { owner: 'instance-dead', expiresAt: '2025-01-01T09:00:00.000Z' } });
    await Promise.all([executor('instance-b').resumeUnfinished(), executor('instance-c').resumeUnfinished()]);
    sinon.assert.calledOnce(profiles.revokeToken);
  });

  it('the heartbeat renews the lease during a long Graph call, so nobody takes it over', async () => {
    const request = await stored({ state: 'approved' });
    let release!: () => void;
    profiles.revokeToken.callsFake(() => new Promise((resolve) => (release = () => resolve({ graphRequestId: 'g-1' }))));
    const owner = executor('instance-a', 1);
    const running = owner.execute(request.id);
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
    const claimedLease = (await storage.requests.get(request.id))!.lease!;
    clock.advanceMinutes(10); // far past the first expiry: only renewals keep it
    await new Promise((resolve) => setTimeout(resolve, 700)); // two beats (every lease/3)
    const renewed = (await storage.requests.get(request.id))!.lease!;
    assert.equal(renewed.owner, 'instance-a');
    assert.ok(renewed.expiresAt > claimedLease.expiresAt, `renewed: ${renewed.expiresAt}`);
    await executor('instance-b', 1).resumeUnfinished();
    release();
    const done = await running;
    sinon.assert.calledOnce(profiles.revokeToken);
    assert.equal(done?.state, 'succeeded');
  });

  it('an executor whose lease was taken before it called Graph does not call it', async () => {
    const request = await stored({ state: 'approved' });
    const slowNotifier = notifier();
    slowNotifier.requestDecided.callsFake(async () => {
      // While "revoking…" is shown, the lease is taken over (this instance froze past its expiry).
      const current = (await storage.requests.get(request.id))!;
      await storage.requests.replace({ ...current, version: current.version + 1, lease: { owner: 'instance-b', expiresAt: '2025-01-01T11:00:00.000Z' } }, current.version);
    });
    const frozen = new RevokeExecutor({ requests: storage.requests, audit: storage.audit, profiles, notifier: slowNotifier, clock, logger: silentLogger, instanceId: 'instance-a' });
    assert.equal(await frozen.execute(request.id), undefined);
    sinon.assert.notCalled(profiles.revokeToken);
  });
});
