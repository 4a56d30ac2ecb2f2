import { strict as assert } from 'node:assert';
import { approversToTell, requesterToTell } from '../../../src/approvals/private-recipients';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import { alice, bob, erin } from '../../support/cast';
import { APPROVER, pendingRequest, REQUESTER, requestIn } from '../cards/revoke-request-fixture';

const ON = { approvers: true, requester: true };

describe('who is told privately', function () {
  describe('a request opened: the approvers', function () {
    const request = pendingRequest();

    it('each approver once (ids compared case-insensitively), never the requester', function () {
      const ids = [bob.aadObjectId, REQUESTER.id, erin.aadObjectId.toUpperCase(), ` ${bob.aadObjectId} `, ''];
      assert.deepEqual(approversToTell(ids, request, ON), [bob.aadObjectId, erin.aadObjectId]);
    });

    it('the requester is left out even written differently', function () {
      assert.deepEqual(approversToTell([alice.aadObjectId.toUpperCase()], request, ON), []);
    });

    it('NOTIFY_APPROVERS=false: nobody', function () {
      assert.deepEqual(approversToTell([bob.aadObjectId, erin.aadObjectId], request, { ...ON, approvers: false }), []);
    });
  });

  describe('a request finished: the requester', function () {
    const inGroupChat = (request: RevokeRequest): RevokeRequest => ({ ...request, location: { ...request.location, conversationType: 'groupChat', notifyAlso: undefined } });

    it('is told every final outcome: succeeded, failed, rejected, expired, cancelled by an approver', function () {
      for (const state of ['succeeded', 'failed', 'rejected', 'expired'] as const) {
        assert.equal(requesterToTell(inGroupChat(requestIn(state)), ON), REQUESTER.id, state);
      }
      const cancelledByApprover = { ...inGroupChat(requestIn('cancelled')), decision: { by: APPROVER, at: '2024-05-01T11:00:00.000Z' } };
      assert.equal(requesterToTell(cancelledByApprover, ON), REQUESTER.id);
    });

    it('is not told while the request is still open (pending, approved, executing)', function () {
      for (const state of ['pending', 'approved', 'executing'] as const) assert.equal(requesterToTell(inGroupChat(requestIn(state)), ON), undefined, state);
    });

    it('is not told of their own cancel', function () {
      const own = { ...inGroupChat(requestIn('cancelled')), decision: { by: { ...REQUESTER, id: REQUESTER.id.toUpperCase() }, at: '2024-05-01T11:00:00.000Z' } };
      assert.equal(requesterToTell(own, ON), undefined);
    });

    it('is not told twice: not when the request lives in their personal chat, nor when its result goes there anyway (notifyAlso)', function () {
      const personal = { ...requestIn('rejected'), location: { ...requestIn('rejected').location, conversationType: 'personal', notifyAlso: undefined } };
      assert.equal(requesterToTell(personal, ON), undefined);
      const viaChannel = { ...requestIn('succeeded'), location: { ...requestIn('succeeded').location, conversationType: 'channel', notifyAlso: 'a:1personal' } };
      assert.equal(requesterToTell(viaChannel, ON), undefined);
    });

    it('NOTIFY_REQUESTER=false: not told', function () {
      assert.equal(requesterToTell(inGroupChat(requestIn('rejected')), { ...ON, requester: false }), undefined);
    });
  });
});
