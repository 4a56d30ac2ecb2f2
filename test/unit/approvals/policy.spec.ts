import { strict as assert } from 'node:assert';
import { authorize, type ActionName, type Subject } from '../../../src/approvals/policy';
import { aRequest, ALICE, BOB, CAROL, OTHER_TENANT, TENANT } from './fixtures';

const requester: Subject = { objectId: ALICE.id, tenantId: TENANT, isRequester: true, isApprover: false };
const approver: Subject = { objectId: BOB.id, tenantId: TENANT, isRequester: false, isApprover: true };
const nobody: Subject = { objectId: CAROL.id, tenantId: TENANT, isRequester: false, isApprover: false };
const ALL_ACTIONS: ActionName[] = ['anyone-in-tenant', 'request', 'approve', 'reject', 'cancel', 'view', 'inspect', 'export', 'diagnose', 'report'];

describe('policy.authorize', () => {
  const request = aRequest({ requester: ALICE });

  it('denies every action without an Entra object id (no-identity)', () => {
    for (const action of ALL_ACTIONS) {
      assert.deepEqual(authorize({ ...approver, objectId: undefined }, action, TENANT, request), {
        allowed: false,
        reason: 'no-identity',
      });
      assert.deepEqual(authorize({ ...approver, objectId: '' }, action, TENANT, request), { allowed: false, reason: 'no-identity' });
    }
  });

  it('denies every action from another or an unknown tenant (wrong-tenant)', () => {
    for (const action of ALL_ACTIONS) {
      assert.deepEqual(authorize({ ...approver, tenantId: OTHER_TENANT }, action, TENANT), { allowed: false, reason: 'wrong-tenant' });
      assert.deepEqual(authorize({ ...approver, tenantId: undefined }, action, TENANT), { allowed: false, reason: 'wrong-tenant' });
    }
  });

  it("denies request-bound actions on a request of another tenant (wrong-tenant)", () => {
    const foreign = aRequest({ tenantId: OTHER_TENANT });
    for (const action of ['approve', 'reject', 'cancel', 'view'] as ActionName[]) {
      assert.deepEqual(authorize(approver, action, TENANT, foreign), { allowed: false, reason: 'wrong-tenant' });
    }
  });

  it('allows inspect to requesters and approvers only (not-member)', () => {
    assert.deepEqual(authorize(requester, 'inspect', TENANT), { allowed: true });
    assert.deepEqual(authorize(approver, 'inspect', TENANT), { allowed: true });
    assert.deepEqual(authorize(nobody, 'inspect', TENANT), { allowed: false, reason: 'not-member' });
  });

  it('allows export (the whole audit as a file) to approvers only (not-approver)', () => {
    assert.deepEqual(authorize(approver, 'export', TENANT), { allowed: true });
    assert.deepEqual(authorize(requester, 'export', TENANT), { allowed: false, reason: 'not-approver' });
    assert.deepEqual(authorize(nobody, 'export', TENANT), { allowed: false, reason: 'not-approver' });
  });

  it('allows report (the hygiene report maps the tokens worth stealing) to approvers only (not-approver)', () => {
    assert.deepEqual(authorize(approver, 'report', TENANT), { allowed: true });
    assert.deepEqual(authorize(requester, 'report', TENANT), { allowed: false, reason: 'not-approver' });
    assert.deepEqual(authorize(nobody, 'report', TENANT), { allowed: false, reason: 'not-approver' });
  });

  it('allows diagnose (the doctor card names ids and settings) to approvers only (not-approver)', () => {
    assert.deepEqual(authorize(approver, 'diagnose', TENANT), { allowed: true });
    assert.deepEqual(authorize(requester, 'diagnose', TENANT), { allowed: false, reason: 'not-approver' });
    assert.deepEqual(authorize(nobody, 'diagnose', TENANT), { allowed: false, reason: 'not-approver' });
  });

  it('allows the role-free actions (anyone-in-tenant, view) to anyone of our tenant', () => {
    for (const subject of [requester, approver, nobody]) {
      assert.deepEqual(authorize(subject, 'anyone-in-tenant', TENANT), { allowed: true });
      assert.deepEqual(authorize(subject, 'view', TENANT, request), { allowed: true });
    }
  });

  it('lets only requesters ask (not-requester)', () => {
    assert.deepEqual(authorize(requester, 'request', TENANT), { allowed: true });
    assert.deepEqual(authorize(approver, 'request', TENANT), { allowed: false, reason: 'not-requester' });
    assert.deepEqual(authorize(nobody, 'request', TENANT), { allowed: false, reason: 'not-requester' });
  });

  it('lets approvers approve and reject other people’s requests', () => {
    assert.deepEqual(authorize(approver, 'approve', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(approver, 'reject', TENANT, request), { allowed: true });
  });

  it('denies approve/reject to non-approvers (not-approver)', () => {
    assert.deepEqual(authorize(nobody, 'approve', TENANT, request), { allowed: false, reason: 'not-approver' });
    assert.deepEqual(authorize(nobody, 'reject', TENANT, request), { allowed: false, reason: 'not-approver' });
    assert.deepEqual(authorize(nobody, 'approve', TENANT), { allowed: false, reason: 'not-approver' });
  });

  it('denies deciding on one’s own request, even to an approver (self-approval)', () => {
    const approvingRequester: Subject = { ...requester, isApprover: true };
    assert.deepEqual(authorize(approvingRequester, 'approve', TENANT, request), { allowed: false, reason: 'self-approval' });
    assert.deepEqual(authorize(approvingRequester, 'reject', TENANT, request), { allowed: false, reason: 'self-approval' });
    // A requester who is not an approver is told the more specific reason too.
    assert.deepEqual(authorize(requester, 'approve', TENANT, request), { allowed: false, reason: 'self-approval' });
  });

  it('lets the requester or any approver cancel; others get not-your-request', () => {
    assert.deepEqual(authorize(requester, 'cancel', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(approver, 'cancel', TENANT, request), { allowed: true });
    assert.deepEqual(authorize(nobody, 'cancel', TENANT, request), { allowed: false, reason: 'not-your-request' });
    const someoneElses = aRequest({ requester: CAROL });
    assert.deepEqual(authorize(requester, 'cancel', TENANT, someoneElses), { allowed: false, reason: 'not-your-request' });
  });

  it('judges cancel without a request fail-closed (approvers only)', () => {
    assert.deepEqual(authorize(requester, 'cancel', TENANT), { allowed: false, reason: 'not-your-request' });
    assert.deepEqual(authorize(approver, 'cancel', TENANT), { allowed: true });
  });
});
