import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { nextRotationStep, RevokeExecutor } from '../../../src/approvals/revoke-executor';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { GraphFailure, type EnrollmentProfiles } from '../../../src/approvals/enrollment-profiles';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { silentLogger } from '../../../src/support/logger';
import { aRequest, BOB, FakeClock, PROFILE } from './fixtures';

/** The executor's rotation: revokeToken, createToken, one GET; each step stored, and a resumed rotation skips the stored ones. */
describe('RevokeExecutor: rotate', () => {
  let storage: SqliteStorage;
  let clock: FakeClock;
  let profiles: { find: sinon.SinonStub; get: sinon.SinonStub; revokeToken: sinon.SinonStub; createToken: sinon.SinonStub };
  let notifier: { requestDecided: sinon.SinonStub; revokeFinished: sinon.SinonStub };
  const NEW_EXPIRY = '2025-04-01T10:00:00.000Z';

  function executorWith(options: { rotateTokenDays?: number } = {}): RevokeExecutor {
    return new RevokeExecutor({
      requests: storage.requests,
      audit: storage.audit,
      profiles: profiles as unknown as EnrollmentProfiles,
      notifier,
      clock,
      logger: silentLogger,
      ...options,
    });
  }

  async function stored(overrides: Partial<RevokeRequest>): Promise<RevokeRequest> {
    const request = aRequest({ operation: 'rotate', decision: { by: BOB, at: '2025-01-01T10:05:00.000Z' }, ...overrides });
    await storage.requests.insert(request);
    return request;
  }

  async function audit(requestId: string): Promise<AuditEntry[]> {
    return (await storage.audit.list({ requestId })).reverse();
  }

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    clock = new FakeClock();
    profiles = {
      find: sinon.stub(),
      get: sinon.stub().resolves({ ...PROFILE, tokenExpirationDateTime: NEW_EXPIRY }),
      revokeToken: sinon.stub().resolves({ graphRequestId: 'g-revoke', clientRequestId: 'c-revoke' }),
      createToken: sinon.stub().resolves({ graphRequestId: 'g-create', clientRequestId: 'c-create' }),
    };
    notifier = { requestDecided: sinon.stub().resolves(), revokeFinished: sinon.stub().resolves() };
  });
  afterEach(() => storage.close());

  it('revokes, creates a token valid ROTATE_TOKEN_DAYS × 86,400 s, then reads the new expiry once; each step stored and audited', async () => {
    const request = await stored({ state: 'approved' });
    const result = await executorWith().execute(request.id);

    assert.equal(result?.state, 'succeeded');
    sinon.assert.calledOnceWithExactly(profiles.revokeToken, PROFILE.id, 'device-owner');
    sinon.assert.calledOnceWithExactly(profiles.createToken, PROFILE.id, 90 * 86_400, 'device-owner');
    sinon.assert.calledOnceWithExactly(profiles.get, PROFILE.id, 'device-owner');
    sinon.assert.callOrder(profiles.revokeToken, profiles.createToken, profiles.get, notifier.revokeFinished);
    assert.deepEqual(result?.rotation, {
      revoked: { at: clock.now().toISOString(), graphRequestId: 'g-revoke', clientRequestId: 'c-revoke' },
      created: { at: clock.now().toISOString(), validitySeconds: 7_776_000, graphRequestId: 'g-create', clientRequestId: 'c-create' },
      newTokenExpiresAt: NEW_EXPIRY,
    });
    assert.equal(result?.outcome?.graphRequestId, 'g-create');
    const entries = await audit(request.id);
    assert.deepEqual(entries.map((e) => e.action), ['revoke.started', 'rotate.revoked', 'rotate.created', 'revoke.succeeded']);
    assert.equal(entries[1].graphRequestId, 'g-revoke');
    assert.equal(entries[2].graphRequestId, 'g-create');
    assert.match(entries[2].detail ?? '', /tokenValidityInSeconds 7776000/);
    assert.match(entries[3].detail ?? '', new RegExp(`expires at ${NEW_EXPIRY}`));
    // The card is told twice before the end: "rotating…", then "old token revoked — creating the new one…".
    sinon.assert.calledTwice(notifier.requestDecided);
    assert.equal(notifier.requestDecided.secondCall.args[0].rotation?.revoked?.graphRequestId, 'g-revoke');
    assert.equal(notifier.requestDecided.secondCall.args[0].rotation?.created, undefined);
    assert.ok(notifier.requestDecided.secondCall.calledAfter(profiles.revokeToken.firstCall));
    assert.ok(notifier.requestDecided.secondCall.calledBefore(profiles.createToken.firstCall));
  });

  it('follows the kind and ROTATE_TOKEN_DAYS', async () => {
    const request = await stored({ state: 'approved', profile: { ...PROFILE, kind: 'work-profile' } });
    await executorWith({ rotateTokenDays: 1 }).execute(request.id);
    sinon.assert.calledOnceWithExactly(profiles.revokeToken, PROFILE.id, 'work-profile');
    sinon.assert.calledOnceWithExactly(profiles.createToken, PROFILE.id, 86_400, 'work-profile');
    sinon.assert.calledOnceWithExactly(profiles.get, PROFILE.id, 'work-profile');
  });

  it('resumes a rotation that revoked but did not create at createToken, without revoking again', async () => {
    const revoked = { at: '2025-01-01T09:59:00.000Z', graphRequestId: 'g-old-revoke' };
    const request = await stored({ state: 'executing', executionAttempts: 1, rotation: { revoked } });
    assert.equal(nextRotationStep(request.rotation), 'createToken');
    await executorWith().resumeUnfinished();

    sinon.assert.notCalled(profiles.revokeToken);
    sinon.assert.calledOnce(profiles.createToken);
    sinon.assert.calledOnce(profiles.get);
    const now = await storage.requests.get(request.id);
    assert.equal(now?.state, 'succeeded');
    assert.deepEqual(now?.rotation?.revoked, revoked, 'the stored step is kept as it was');
    const entries = await audit(request.id);
    assert.deepEqual(entries.map((e) => e.action), ['revoke.retried', 'rotate.created', 'revoke.succeeded']);
    assert.match(entries[0].detail ?? '', /the rotation resumes at createToken/);
  });

  it('resumes a rotation that created its token at the GET: no Graph write again', async () => {
    const request = await stored({
      state: 'executing',
      executionAttempts: 1,
      rotation: { revoked: { at: '2025-01-01T09:59:00.000Z' }, created: { at: '2025-01-01T09:59:01.000Z', validitySeconds: 60, graphRequestId: 'g-c' } },
    });
    await executorWith().resumeUnfinished();
    sinon.assert.notCalled(profiles.revokeToken);
    sinon.assert.notCalled(profiles.createToken);
    sinon.assert.calledOnce(profiles.get);
    const now = await storage.requests.get(request.id);
    assert.deepEqual([now?.state, now?.rotation?.newTokenExpiresAt, now?.outcome?.graphRequestId], ['succeeded', NEW_EXPIRY, 'g-c']);
    assert.match((await audit(request.id))[0].detail ?? '', /resumes at get/);
  });

  it('a failed createToken ends the request failed with the revoke stored (it says so), and reads nothing', async () => {
    profiles.createToken.rejects(new GraphFailure({ kind: 'throttled', status: 429, message: 'Too many requests', graphRequestId: 'g-429' }));
    const request = await stored({ state: 'approved' });
    const result = await executorWith().execute(request.id);
    assert.equal(result?.state, 'failed');
    assert.equal(result?.outcome?.failure?.kind, 'throttled');
    assert.ok(result?.rotation?.revoked);
    assert.equal(result?.rotation?.created, undefined);
    sinon.assert.notCalled(profiles.get);
    assert.deepEqual((await audit(request.id)).map((e) => e.action), ['revoke.started', 'rotate.revoked', 'revoke.failed']);
    sinon.assert.calledOnceWithMatch(notifier.revokeFinished, { id: request.id, state: 'failed', rotation: { revoked: sinon.match.object } });
  });

  it('a failed revokeToken creates nothing', async () => {
    profiles.revokeToken.rejects(new GraphFailure({ kind: 'forbidden', status: 403, message: 'no' }));
    const request = await stored({ state: 'approved' });
    const result = await executorWith().execute(request.id);
    assert.equal(result?.state, 'failed');
    assert.equal(result?.rotation, undefined);
    sinon.assert.notCalled(profiles.createToken);
    sinon.assert.notCalled(profiles.get);
  });

  it('a GET that fails after createToken still succeeds, with the expiry unknown', async () => {
    profiles.get.rejects(new GraphFailure({ kind: 'unavailable', status: 503, message: 'down' }));
    const request = await stored({ state: 'approved' });
    const result = await executorWith().execute(request.id);
    assert.equal(result?.state, 'succeeded');
    assert.equal(result?.rotation?.newTokenExpiresAt, null);
    sinon.assert.calledOnce(profiles.createToken);
  });

  it('rotates exactly once under 10 concurrent execute() calls', async () => {
    const request = await stored({ state: 'approved' });
    const executor = executorWith();
    await Promise.all(Array.from({ length: 10 }, () => executor.execute(request.id)));
    sinon.assert.calledOnce(profiles.revokeToken);
    sinon.assert.calledOnce(profiles.createToken);
    sinon.assert.calledOnce(profiles.get);
  });

  it('a plain revoke never creates a token', async () => {
    const request = await stored({ state: 'approved', operation: undefined });
    await executorWith().execute(request.id);
    sinon.assert.calledOnce(profiles.revokeToken);
    sinon.assert.notCalled(profiles.createToken);
    sinon.assert.notCalled(profiles.get);
  });
});
