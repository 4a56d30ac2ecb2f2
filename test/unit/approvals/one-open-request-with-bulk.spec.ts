/**
 * One open request per profile also across revoke-matching: a profile inside an open bulk request
 * is not opened again on its own (the bulk leaves out profiles with a request of their own; this is
 * the other way round), so no profile is revoked by two requests.
 */
import { strict as assert } from 'node:assert';
import { ApprovalService, type OpenInput } from '../../../src/approvals/approval-service';
import type { BulkItem } from '../../../src/approvals/bulk-items';
import { openInMemorySqliteStorage, type SqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { ALICE, BOB, FakeClock, PROFILE, TENANT } from './fixtures';

const LOCATION = { conversationKey: 'conv-1', conversationType: 'channel' };

function item(requestId: string, profileId: string): BulkItem {
  return { requestId, profileId, displayName: `Kiosk ${profileId}`, enrolledDeviceCount: 3, state: 'pending', version: 1, attempts: 0 };
}

describe('one open request per profile, bulk or not', () => {
  let storage: SqliteStorage;
  let service: ApprovalService;
  let ids: number;

  beforeEach(() => {
    storage = openInMemorySqliteStorage();
    ids = 0;
    service = new ApprovalService({ requests: storage.requests, audit: storage.audit, bulkItems: storage.bulkItems, clock: new FakeClock(), ttlMinutes: 60, newId: () => `req-${++ids}` });
  });

  afterEach(() => storage.close());

  const single = (profileId: string, operation?: OpenInput['operation']): OpenInput => ({
    tenantId: TENANT,
    profile: { ...PROFILE, id: profileId },
    requester: BOB,
    justification: 'QR code on a poster',
    location: LOCATION,
    ...(operation ? { operation } : {}),
  });

  async function openBulk(profileIds: string[]): Promise<string> {
    const result = await service.open({
      tenantId: TENANT,
      profile: { ...PROFILE, id: 'matching:lisbon', displayName: 'Lisbon' },
      requester: ALICE,
      justification: 'Lisbon QR codes leaked',
      location: LOCATION,
      operation: 'revoke-matching',
      approvalsRequired: 2,
      prepare: (request) => storage.bulkItems.insertAll(profileIds.map((id) => item(request.id, id))),
    });
    assert.ok(result.created);
    return result.request.id;
  }

  it('a revoke or rotate of a profile in an open bulk request gets that request back, and nothing new is stored', async () => {
    const bulkId = await openBulk(['p-lisbon-1', 'P-LISBON-2']);
    for (const operation of [undefined, 'rotate'] as const) {
      const again = await service.open(single('p-lisbon-2', operation));
      assert.equal(again.created, false);
      assert.equal(!again.created && again.existing.id, bulkId);
    }
    assert.equal((await storage.requests.listByState(['pending'])).length, 1);
  });

  it('a profile outside the set opens as usual', async () => {
    await openBulk(['p-lisbon-1']);
    const other = await service.open(single('p-porto-1'));
    assert.equal(other.created, true);
  });

  it('once the bulk request is finished, its profiles can be asked for again', async () => {
    const bulkId = await openBulk(['p-lisbon-1']);
    const cancelled = await service.decide(bulkId, ALICE, 'cancel');
    assert.ok(cancelled.ok);
    const again = await service.open(single('p-lisbon-1'));
    assert.equal(again.created, true);
  });
});
