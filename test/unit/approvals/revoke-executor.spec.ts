import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { RevokeExecutor, type OutcomeNotifier } from '../../../src/approvals/revoke-executor';
import { applyEvent, type RevokeRequest } from '../../../src/approvals/revoke-request';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { GraphFailure, type EnrollmentProfiles } from '../../../src/approvals/enrollment-profiles';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { silentLogger } from '../../../src/support/logger';
import { aRequest, BOB, FakeClock, PROFILE } from './fixtures';

describe('RevokeExecutor', () => {
  let storage: SqliteStorage;
  let clock: FakeClock;
  let profiles: sinon.SinonStubbedInstance<EnrollmentProfiles>;
  let notifier: { requestDecided: sinon.SinonStub; revokeFinished: sinon.SinonStub };
  let executor: RevokeExecutor;

  function executorWith(overrides: { profiles?: EnrollmentProfiles; notifier?: OutcomeNotifier } = {}): RevokeExecutor {
    return new RevokeExecutor({
      requests: storage.requests,
      audit: storage.audit,
      profiles: overrides.profiles ?? profiles,
      notifier: overrides.notifier ?? notifier,
      clock,
      logger: silentLogger,
    });
  }

  async function stored(overrides: Partial<RevokeRequest>): Promise<RevokeRequest> {
    const request = aRequest({ decision: { by: BOB, at: '2025-01-01T10:05:00.000Z' }, ...overrides });
    await storage.requests.insert(request);
    return request;
  }

  async function waitUntilStored(id: string, predicate: (request: RevokeRequest) => boolean): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const current = await storage.requests.get(id);
      if (current && predicate(current)) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`request ${id} never reached the expected state`);
  }

  async function actions(requestId: string): Promise<AuditEntry['action'][]> {
    return (await storage.audit.list({ requestId })).map((entry) => entry.action).reverse();
  }

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    clock = new FakeClock();
    profiles = {
      find: sinon.stub(),
      get: sinon.stub(),
      revokeToken: sinon.stub<[string], Promise<{ graphRequestId?: string }>>().resolves({ graphRequestId: 'graph-req-1' }),
      createToken: sinon.stub(),
    };
    notifier = { requestDecided: sinon.stub().resolves(), revokeFinished: sinon.stub().resolves() };
    executor = executorWith();
  });

  afterEach(() => storage.close());

  it('revokes an approved request: claim, notify, call Graph once, store the outcome, audit, reply', async () => {
    const request = await stored({ state: 'approved', version: 2 });
    const result = await executor.execute(request.id);

    assert.equal(result?.state, 'succeeded');
    assert.deepEqual(result?.outcome, { at: clock.now().toISOString(), attempts: 1, graphRequestId: 'graph-req-1' });
    assert.deepEqual(await storage.requests.get(request.id), result);
    sinon.assert.calledOnceWithExactly(profiles.revokeToken, PROFILE.id, 'device-owner');

    sinon.assert.calledOnce(notifier.requestDecided);
    assert.equal(notifier.requestDecided.firstCall.args[0].state, 'executing');
    sinon.assert.callOrder(notifier.requestDecided, profiles.revokeToken, notifier.revokeFinished);
    sinon.assert.calledOnceWithMatch(notifier.revokeFinished, { id: request.id, state: result?.state, outcome: result?.outcome, resultToPost: true });
    assert.equal(result?.resultToPost, undefined, 'once posted, the stored request no longer waits for its result to be posted');

    assert.deepEqual(await actions(request.id), ['revoke.started', 'revoke.succeeded']);
    const [succeeded] = await storage.audit.list({ requestId: request.id, limit: 1 });
    assert.equal(succeeded.graphRequestId, 'graph-req-1');
    assert.equal(succeeded.actorId, 'system');
  });

  it('calls revokeToken exactly once under 20 concurrent execute() calls', async () => {
    const request = await stored({ state: 'approved' });
    const results = await Promise.all(Array.from({ length: 20 }, () => executor.execute(request.id)));
    assert.equal(results.filter((r) => r !== undefined).length, 1);
    sinon.assert.calledOnce(profiles.revokeToken);
    assert.deepEqual(await actions(request.id), ['revoke.started', 'revoke.succeeded']);
  });

  it('also when two executors (two processes) race', async () => {
    const request = await stored({ state: 'approved' });
    const other = executorWith();
    const results = await Promise.all([executor.execute(request.id), other.execute(request.id), executor.execute(request.id)]);
    assert.equal(results.filter((r) => r !== undefined).length, 1);
    sinon.assert.calledOnce(profiles.revokeToken);
  });

  it('does nothing for a request that is not approved', async () => {
    for (const state of ['pending', 'rejected', 'succeeded', 'executing'] as const) {
      const request = await stored({ state, profile: { ...PROFILE, id: `p-${state}` } });
      assert.equal(await executor.execute(request.id), undefined);
    }
    assert.equal(await executor.execute('unknown'), undefined);
    sinon.assert.notCalled(profiles.revokeToken);
    sinon.assert.notCalled(notifier.requestDecided);
  });

  it('stores a GraphFailure as the failure, with its Graph request id', async () => {
    const request = await stored({ state: 'approved' });
    const failure = { kind: 'forbidden' as const, status: 403, message: 'Application is not authorized', graphRequestId: 'graph-req-9' };
    profiles.revokeToken.rejects(new GraphFailure(failure));
    const result = await executor.execute(request.id);
    assert.equal(result?.state, 'failed');
    assert.deepEqual(result?.outcome, { at: clock.now().toISOString(), attempts: 1, failure, graphRequestId: 'graph-req-9' });
    const [failed] = await storage.audit.list({ requestId: request.id, limit: 1 });
    assert.deepEqual([failed.action, failed.outcome, failed.graphRequestId], ['revoke.failed', 'forbidden', 'graph-req-9']);
    sinon.assert.calledOnceWithMatch(notifier.revokeFinished, { id: request.id, state: result?.state, outcome: result?.outcome, resultToPost: true });
    assert.equal(result?.resultToPost, undefined, 'once posted, the stored request no longer waits for its result to be posted');
  });

  it("maps any other error to kind 'unknown' with a generic message (no details, no secrets)", async () => {
    const request = await stored({ state: 'approved' });
    profiles.revokeToken.rejects(new TypeError('Cannot read properties of undefined; Authorization: Bearer abc.def.ghi'));
    const result = await executor.execute(request.id);
    assert.equal(result?.state, 'failed');
    assert.equal(result?.outcome?.failure?.kind, 'unknown');
    const everything = JSON.stringify([result, await storage.audit.list()]);
    assert.doesNotMatch(everything, /Bearer|abc\.def|Cannot read|TypeError/);
  });

  it('keeps the stored outcome when the notifier fails, and audits notify.failed for each failure', async () => {
    const request = await stored({ state: 'approved' });
    notifier.requestDecided.rejects(new Error('ActivityNotFoundInConversation'));
    notifier.revokeFinished.rejects(new Error('Forbidden'));
    const result = await executor.execute(request.id);
    assert.equal(result?.state, 'succeeded');
    assert.equal((await storage.requests.get(request.id))?.state, 'succeeded');
    const failures = (await storage.audit.list({ requestId: request.id })).filter((e) => e.action === 'notify.failed');
    assert.deepEqual(failures.map((e) => [e.outcome, e.detail]).reverse(), [
      ['requestDecided', 'Error: ActivityNotFoundInConversation'],
      ['revokeFinished', 'Error: Forbidden'],
    ]);
  });

  describe('resumeUnfinished', () => {
    it("executes 'approved' and re-claims 'executing' left by a dead process (revoke.retried, attempts + 1)", async () => {
      const approved = await stored({ state: 'approved', profile: { ...PROFILE, id: 'p-approved' } });
      const halfDone = await stored({
        state: 'executing',
        executionAttempts: 1,
        executionStartedAt: '2025-01-01T09:00:00.000Z',
        profile: { ...PROFILE, id: 'p-executing' },
      });
      const finished = await stored({ state: 'succeeded', profile: { ...PROFILE, id: 'p-done' } });

      await executor.resumeUnfinished();

      sinon.assert.calledTwice(profiles.revokeToken);
      sinon.assert.calledWith(profiles.revokeToken, 'p-approved');
      sinon.assert.calledWith(profiles.revokeToken, 'p-executing');
      const approvedNow = await storage.requests.get(approved.id);
      assert.deepEqual([approvedNow?.state, approvedNow?.outcome?.attempts], ['succeeded', 1]);
      const retriedNow = await storage.requests.get(halfDone.id);
      assert.deepEqual([retriedNow?.state, retriedNow?.outcome?.attempts], ['succeeded', 2]);
      assert.deepEqual(await actions(approved.id), ['revoke.started', 'revoke.succeeded']);
      assert.deepEqual(await actions(halfDone.id), ['revoke.retried', 'revoke.succeeded']);
      assert.deepEqual(await actions(finished.id), []);
    });

    it('posts the result a dead process stored but did not post, once, and not again at the next start', async () => {
      const request = await stored({ state: 'approved' });
      notifier.revokeFinished.callsFake(() => new Promise(() => undefined)); // the process "dies" while posting
      void executor.execute(request.id);
      await waitUntilStored(request.id, (r) => r.state === 'succeeded');
      assert.equal((await storage.requests.get(request.id))?.resultToPost, true);

      const restarted = { requestDecided: sinon.stub().resolves(), revokeFinished: sinon.stub().resolves() };
      await executorWith({ notifier: restarted }).resumeUnfinished();
      sinon.assert.notCalled(restarted.revokeFinished); // the poster's lease is still live: never taken over
      clock.advanceMinutes(1); // the dead poster stopped renewing: its lease expires
      await executorWith({ notifier: restarted }).resumeUnfinished();
      sinon.assert.calledOnceWithMatch(restarted.revokeFinished, { id: request.id, state: 'succeeded' });
      sinon.assert.notCalled(restarted.requestDecided);
      sinon.assert.calledOnce(profiles.revokeToken);
      assert.equal((await storage.requests.get(request.id))?.resultToPost, undefined);
      assert.deepEqual(await actions(request.id), ['revoke.started', 'revoke.succeeded'], 'posting is not a new audited step');

      await executorWith({ notifier: restarted }).resumeUnfinished();
      sinon.assert.calledOnce(restarted.revokeFinished);
    });

    it('re-claims a half-done request only once when two processes resume at the same time', async () => {
      await stored({ state: 'executing', executionAttempts: 1 });
      await Promise.all([executor.resumeUnfinished(), executorWith().resumeUnfinished()]);
      sinon.assert.calledOnce(profiles.revokeToken);
    });

    it('does not overwrite the result of an executor that re-claimed the request meanwhile', async () => {
      const request = await stored({ state: 'approved' });
      profiles.revokeToken.callsFake(async () => {
        // Another process decides we died and re-claims while our call is in flight.
        const current = (await storage.requests.get(request.id))!;
        await storage.requests.replace(applyEvent(current, { type: 'start-execution', at: 'later' }), current.version);
        return { graphRequestId: 'ours' };
      });
      assert.equal(await executor.execute(request.id), undefined);
      const current = await storage.requests.get(request.id);
      assert.deepEqual([current?.state, current?.executionAttempts], ['executing', 2]);
      sinon.assert.notCalled(notifier.revokeFinished);
    });
  });

  describe('schedule and drain', () => {
    it('runs scheduled executions in the background and drain waits for all of them', async () => {
      const first = await stored({ state: 'approved', profile: { ...PROFILE, id: 'p1' } });
      const second = await stored({ state: 'approved', profile: { ...PROFILE, id: 'p2' } });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      profiles.revokeToken.callsFake(async () => {
        await gate;
        return { graphRequestId: 'g' };
      });

      executor.schedule(first.id);
      executor.schedule(second.id);
      assert.equal(executor.inFlightCount, 2);
      sinon.assert.notCalled(profiles.revokeToken); // not run synchronously

      let drained = false;
      const draining = executor.drain().then(() => (drained = true));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(drained, false);
      release();
      await draining;
      assert.equal(executor.inFlightCount, 0);
      assert.equal((await storage.requests.get(first.id))?.state, 'succeeded');
      assert.equal((await storage.requests.get(second.id))?.state, 'succeeded');
    });

    it('logs instead of rejecting when a scheduled execution throws', async () => {
      const request = await stored({ state: 'approved' });
      const error = sinon.spy();
      const logger = { ...silentLogger, error };
      storage.requests.replace = async () => {
        throw new Error('disk full');
      };
      const failing = new RevokeExecutor({ requests: storage.requests, audit: storage.audit, profiles, notifier, clock, logger });
      failing.schedule(request.id);
      await failing.drain();
      sinon.assert.calledWithMatch(error, 'revoke execution failed');
    });
  });
  describe('with a concurrency limit', () => {
    function limited(max: number): RevokeExecutor {
      return new RevokeExecutor({ requests: storage.requests, audit: storage.audit, profiles, notifier, clock, logger: silentLogger, maxConcurrentRevokes: max });
    }

    async function approvedRequests(count: number): Promise<RevokeRequest[]> {
      const requests: RevokeRequest[] = [];
      for (let i = 0; i < count; i++) requests.push(await stored({ state: 'approved', profile: { ...PROFILE, id: `profile-limit-${i}` } }));
      return requests;
    }

    it('never has more than the limit of revokeToken calls running, and runs them all', async () => {
      let running = 0;
      let most = 0;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      profiles.revokeToken.callsFake(async () => {
        running++;
        most = Math.max(most, running);
        await released;
        running--;
        return { graphRequestId: 'graph-req' };
      });
      const executor3 = limited(3);
      const requests = await approvedRequests(10);
      requests.forEach((r) => executor3.schedule(r.id));
      for (let i = 0; i < 50 && profiles.revokeToken.callCount < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.equal(profiles.revokeToken.callCount, 3);
      release();
      await executor3.drain();
      assert.equal(most, 3);
      assert.equal(profiles.revokeToken.callCount, 10);
      for (const r of requests) assert.equal((await storage.requests.get(r.id))?.state, 'succeeded');
    });

    it('stop() leaves revokes that never started approved for the next start-up', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      profiles.revokeToken.callsFake(async () => (await released, { graphRequestId: 'graph-req' }));
      const executor1 = limited(1);
      const [first, second] = await approvedRequests(2);
      executor1.schedule(first.id);
      executor1.schedule(second.id);
      for (let i = 0; i < 50 && profiles.revokeToken.callCount < 1; i++) await new Promise((resolve) => setImmediate(resolve));
      const stopped = executor1.stop();
      release();
      await stopped;
      assert.equal((await storage.requests.get(first.id))?.state, 'succeeded');
      assert.equal((await storage.requests.get(second.id))?.state, 'approved');
      assert.equal(profiles.revokeToken.callCount, 1);
    });
  });
});
