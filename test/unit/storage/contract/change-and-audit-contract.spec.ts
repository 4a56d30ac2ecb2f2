/**
 * A change and its audit lines are one write, the same for every backend (SQLite: one transaction;
 * Azure: the request entity's outbox, flushed idempotently): a stored change always has its lines,
 * a lost compare-and-set has neither, racing writers of one version from two instances leave one
 * change and one line, and seq stays gapless. Leases (owner + expiry on the request) round-trip and
 * are compare-and-set like everything else; results waiting to be posted are listed.
 */
import { strict as assert } from 'node:assert';
import type { AuditEntry } from '../../../../src/approvals/audit-log';
import { applyEvent, type RevokeRequest } from '../../../../src/approvals/revoke-request';
import { aRequest, BOB } from '../../approvals/fixtures';
import { describeEachBackend } from './backends';

const AT = '2025-01-01T11:00:00.000Z';

function approvedLine(request: RevokeRequest, actorId = BOB.id): AuditEntry {
  return { at: AT, action: 'request.approved', actorId, tenantId: request.tenantId, requestId: request.id, profileId: request.profile.id };
}

describeEachBackend('RequestStore: a change and its audit lines in one write', (backend) => {
  it('insert and replace store the audit lines with the change; a lost compare-and-set stores neither', async () => {
    const { requests, audit } = backend().storage;
    const request = aRequest();
    await requests.insert(request, [{ at: AT, action: 'request.created', actorId: request.requester.id, requestId: request.id }]);
    const approved = applyEvent(request, { type: 'approve', by: BOB, at: AT });
    assert.equal(await requests.replace(approved, request.version, [approvedLine(request)]), true);
    assert.equal(await requests.replace({ ...approved, version: approved.version + 5 }, request.version, [approvedLine(request, 'loser')]), false);

    const lines = (await audit.list({ requestId: request.id })).reverse();
    assert.deepEqual(lines.map((l) => [l.action, l.actorId]), [['request.created', request.requester.id], ['request.approved', BOB.id]]);
    assert.deepEqual(await requests.get(request.id), approved);
  });

  it('20 writers of one version on two instances: one change, one audit line, gapless seq', async () => {
    const opened = backend();
    const instances = [opened.storage, opened.another()];
    const request = aRequest();
    await instances[0].requests.insert(request);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const next = applyEvent(request, { type: 'approve', by: { id: `approver-${i}`, name: `A${i}` }, at: AT });
        return instances[i % 2].requests.replace(next, request.version, [approvedLine(request, `approver-${i}`)]);
      }),
    );
    assert.equal(results.filter(Boolean).length, 1);
    const winner = results.indexOf(true);
    const lines = await instances[1].audit.list();
    assert.deepEqual(lines.map((l) => l.actorId), [`approver-${winner}`]);
    assert.equal((await instances[1].requests.get(request.id))?.decision?.by.id, `approver-${winner}`);

    for (let i = 0; i < 5; i++) await instances[i % 2].audit.append({ at: AT, action: 'access.denied', actorId: `x${i}` });
    const seqs = (await instances[0].audit.list()).map((l) => l.seq!).reverse();
    assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i), `gapless: ${seqs.join(',')}`);
  });

  it('keeps a lease exactly and lists results still to be posted, oldest first', async () => {
    const { requests } = backend().storage;
    const lease = { owner: 'host/123/abcd', expiresAt: '2025-01-01T11:00:30.000Z' };
    const older = aRequest({ state: 'succeeded', resultToPost: true, lease, createdAt: '2025-01-01T09:00:00.000Z' });
    const newer = aRequest({ state: 'failed', resultToPost: true, createdAt: '2025-01-01T09:30:00.000Z', profile: { ...older.profile, id: 'p2' } });
    const posted = aRequest({ state: 'succeeded', profile: { ...older.profile, id: 'p3' } });
    for (const r of [newer, posted, older]) await requests.insert(r);
    assert.deepEqual(await requests.get(older.id), older);
    assert.deepEqual((await requests.listResultsToPost()).map((r) => r.id), [older.id, newer.id]);
    const { resultToPost: _done, lease: _released, ...rest } = older;
    assert.equal(await requests.replace({ ...rest, version: older.version + 1 }, older.version), true);
    assert.deepEqual((await requests.listResultsToPost()).map((r) => r.id), [newer.id]);
    assert.equal(await requests.completeUnfinishedWrites(), 0, 'nothing half-written');
  });
});
