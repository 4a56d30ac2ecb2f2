import { strict as assert } from 'node:assert';
import { authorize, type ActionName, type Subject } from '../../../src/approvals/policy';
import { aRequest, ALICE, BOB, CAROL, TENANT } from './fixtures';

/** A click on a request's card from another conversation: only its requester and approvers may act. */
describe('policy.authorize: clicks from another conversation', () => {
  const request = aRequest({ requester: ALICE });
  const elsewhere = { tenantId: TENANT, outsideRequestConversation: true };
  const REQUEST_BOUND: ActionName[] = ['approve', 'reject', 'cancel', 'view'];

  it('refuses everyone else with other-conversation, whatever the action', () => {
    const carolRequester: Subject = { ...elsewhere, objectId: CAROL.id, isRequester: true, isApprover: false };
    for (const action of REQUEST_BOUND) {
      assert.deepEqual(authorize(carolRequester, action, TENANT, request), { allowed: false, reason: 'other-conversation' });
    }
  });

  it('lets approvers act from anywhere (e.g. the pending list) and keeps the requester\'s own rules', () => {
    const bob: Subject = { ...elsewhere, objectId: BOB.id, isRequester: false, isApprover: true };
    for (const action of REQUEST_BOUND) assert.deepEqual(authorize(bob, action, TENANT, request), { allowed: true });
    const alice: Subject = { ...elsewhere, objectId: ALICE.id, isRequester: true, isApprover: true };
    assert.deepEqual(authorize(alice, 'cancel', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(alice, 'view', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(alice, 'approve', TENANT, request), { allowed: false, reason: 'self-approval' });
  });

  it('changes nothing in the request\'s own conversation', () => {
    const carol: Subject = { objectId: CAROL.id, tenantId: TENANT, isRequester: true, isApprover: false, outsideRequestConversation: false };
    assert.deepEqual(authorize(carol, 'view', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(carol, 'approve', TENANT, request), { allowed: false, reason: 'not-approver' });
  });
});
