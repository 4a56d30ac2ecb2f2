import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { ApprovalService } from '../../../src/approvals/approval-service';
import { ExpirySweeper } from '../../../src/approvals/expiry-sweeper';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { silentLogger } from '../../../src/support/logger';
import { ALICE, FakeClock, PROFILE, TENANT } from './fixtures';

describe('ExpirySweeper', () => {
  let storage: SqliteStorage;
  let clock: FakeClock;
  let service: ApprovalService;
  let notifier: { requestDecided: sinon.SinonStub; revokeFinished: sinon.SinonStub };
  let sweeper: ExpirySweeper;

  const open = (profileId: string) =>
    service.open({
      tenantId: TENANT,
      profile: { ...PROFILE, id: profileId },
      requester: ALICE,
      justification: 'leaked',
      location: { conversationKey: 'c', conversationType: 'personal' },
    });

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    clock = new FakeClock();
    service = new ApprovalService({ requests: storage.requests, audit: storage.audit, clock, ttlMinutes: 60 });
    notifier = { requestDecided: sinon.stub().resolves(), revokeFinished: sinon.stub().resolves() };
    sweeper = new ExpirySweeper({ service, notifier, logger: silentLogger, intervalMs: 5, audit: storage.audit, clock });
  });

  afterEach(() => {
    sweeper.stop();
    storage.close();
  });

  it('expires overdue requests and updates each card once', async () => {
    await open('p1');
    await open('p2');
    assert.equal(await sweeper.sweepOnce(), 0);
    clock.advanceMinutes(60);
    assert.equal(await sweeper.sweepOnce(), 2);
    sinon.assert.calledTwice(notifier.requestDecided);
    assert.deepEqual(notifier.requestDecided.args.map(([r]) => r.state), ['expired', 'expired']);
    assert.equal(await sweeper.sweepOnce(), 0);
    sinon.assert.calledTwice(notifier.requestDecided);
  });

  it('survives a failing notifier and audits notify.failed', async () => {
    const created = await open('p1');
    assert.ok(created.created);
    notifier.requestDecided.rejects(new Error('Forbidden'));
    clock.advanceMinutes(61);
    assert.equal(await sweeper.sweepOnce(), 1);
    const entries = await storage.audit.list({ requestId: created.request.id });
    assert.deepEqual(entries.map((e) => e.action), ['notify.failed', 'request.expired', 'request.created']);
  });

  it('sweeps on its timer once started, and not after stop', async () => {
    await open('p1');
    clock.advanceMinutes(61);
    sweeper.start();
    const deadline = Date.now() + 2000;
    while (notifier.requestDecided.notCalled && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    sinon.assert.calledOnce(notifier.requestDecided);
    sweeper.stop();
    await open('p2');
    clock.advanceMinutes(61);
    await new Promise((r) => setTimeout(r, 30));
    sinon.assert.calledOnce(notifier.requestDecided);
  });
});
