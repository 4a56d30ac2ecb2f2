/**
 * Azure only: a change and its audit lines are one entity write (the outbox). A process that dies
 * after the write and before the flush leaves the lines in the outbox; any instance's
 * completeUnfinishedWrites appends them exactly once, in order, however often and concurrently
 * it runs, and a later change keeps the earlier lines ahead of its own.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import type { AuditEntry } from '../../../src/approvals/audit-log';
import { applyEvent } from '../../../src/approvals/revoke-request';
import { AzureTableAuditLog } from '../../../src/storage/azure-table-audit-log';
import { AzureTableRequestStore } from '../../../src/storage/azure-table-request-store';
import { aRequest, BOB } from '../approvals/fixtures';
import { sharedAzurite } from './contract/backends';

const AT = '2025-01-01T11:00:00.000Z';

describe('AzureTableRequestStore outbox [azure]', function () {
  let requestsTable: TableClient;
  let audit: AzureTableAuditLog;

  before(async function () {
    this.timeout(60_000);
    const { connectionString } = await sharedAzurite();
    const prefix = `O${randomBytes(6).toString('hex')}`;
    requestsTable = TableClient.fromConnectionString(connectionString, `${prefix}Requests`, { allowInsecureConnection: true });
    const auditTable = TableClient.fromConnectionString(connectionString, `${prefix}Audit`, { allowInsecureConnection: true });
    await Promise.all([requestsTable.createTable(), auditTable.createTable()]);
    audit = new AzureTableAuditLog(auditTable);
  });

  /** An instance whose process "dies" before it flushes: its audit appends never happen. */
  function dyingInstance(): AzureTableRequestStore {
    const dead = Object.create(audit) as AzureTableAuditLog;
    dead.appendOnce = async () => {
      throw new Error('process died');
    };
    return new AzureTableRequestStore(requestsTable, dead);
  }

  const line = (action: AuditEntry['action'], requestId: string): AuditEntry => ({ at: AT, action, actorId: BOB.id, requestId });

  it('finishes a flush a dead process left, once, in order, also when run again and concurrently', async () => {
    const dying = dyingInstance();
    const request = aRequest();
    await dying.insert(request, [line('request.created', request.id)]);
    const approved = applyEvent(request, { type: 'approve', by: BOB, at: AT });
    assert.equal(await dying.replace(approved, request.version, [line('request.approved', request.id)]), true);
    assert.deepEqual(await audit.list({ requestId: request.id }), [], 'the lines wait in the outbox');

    // A live instance's next change keeps the dead one's lines ahead of its own.
    const live = new AzureTableRequestStore(requestsTable, audit);
    const claimed = applyEvent(approved, { type: 'start-execution', at: AT });
    assert.equal(await live.replace(claimed, approved.version, [line('revoke.started', request.id)]), true);
    await Promise.all([live.completeUnfinishedWrites(), new AzureTableRequestStore(requestsTable, audit).completeUnfinishedWrites(), live.completeUnfinishedWrites()]);
    await live.completeUnfinishedWrites();

    const lines = (await audit.list({ requestId: request.id })).reverse();
    assert.deepEqual(lines.map((l) => l.action), ['request.created', 'request.approved', 'revoke.started']);
    const seqs = lines.map((l) => l.seq!);
    assert.deepEqual(seqs, [seqs[0], seqs[0] + 1, seqs[0] + 2], 'gapless');
    assert.deepEqual(await live.get(request.id), claimed, 'the outbox is the store\'s business: the request reads back unchanged');
    assert.equal(await live.completeUnfinishedWrites(), 0, 'nothing left to flush');
  });

  it('a dead flush found by the recovery of another instance: decided request and its line, never one without the other', async () => {
    const dying = dyingInstance();
    const request = aRequest({ profile: { ...aRequest().profile, id: 'p-outbox-2' } });
    await new AzureTableRequestStore(requestsTable, audit).insert(request);
    const rejected = applyEvent(request, { type: 'reject', by: BOB, at: AT, reason: 'no' });
    assert.equal(await dying.replace(rejected, request.version, [line('request.rejected', request.id)]), true);
    const flushed = await new AzureTableRequestStore(requestsTable, audit).completeUnfinishedWrites();
    assert.ok(flushed >= 1);
    assert.deepEqual((await audit.list({ requestId: request.id })).map((l) => l.action), ['request.rejected']);
  });
});
