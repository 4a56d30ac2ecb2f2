/** Requests in every state, built through the real state machine from one pending request. */
import { alice, bob, personOf } from '../../support/cast';
import { applyEvent, type RequestState, type RevokeFailure, type RevokeRequest } from '../../../src/approvals/revoke-request';

/** Values that exist next to a profile in Graph and must never reach a card. */
export const SECRETS = {
  tokenValue: 'SECRET-ENROLLMENT-TOKEN-7f3a9c',
  qrCodeImage: 'SECRET-QR-PNG-BASE64-iVBORw0KGgo',
  wifiPassword: 'SECRET-WIFI-PASSWORD-hunter2',
};

export const REQUESTER = personOf(alice);
export const APPROVER = personOf(bob);

export const CREATED_AT = '2024-05-01T10:00:00.123Z';
export const EXPIRES_AT = '2024-05-02T10:00:00.456Z';
export const DECIDED_AT = '2024-05-01T11:00:00.000Z';
export const FINISHED_AT = '2024-05-01T11:00:07.890Z';
/** Before the request expires. */
export const NOW = new Date('2024-05-01T12:00:00Z');

export function pendingRequest(overrides: Partial<RevokeRequest> = {}): RevokeRequest {
  const profile = {
    id: 'a1b2c3d4-0000-4000-8000-profile00001',
    displayName: 'Warehouse scanners',
    enrollmentMode: 'corporateOwnedDedicatedDevice',
    tokenExpirationDateTime: '2024-12-31T23:59:59.999Z',
    enrolledDeviceCount: 42,
    // Extra fields as a careless caller might pass them along; the card must ignore them.
    ...SECRETS,
  };
  return {
    id: 'req-0001',
    version: 1,
    state: 'pending',
    tenantId: 'tenant-1',
    profile,
    requester: REQUESTER,
    justification: 'QR code posted in a public chat, ticket INC-42',
    createdAt: CREATED_AT,
    expiresAt: EXPIRES_AT,
    location: { conversationKey: 'conv-1', conversationType: 'channel' },
    ...overrides,
  };
}

export const DEFAULT_FAILURE: RevokeFailure = {
  kind: 'forbidden',
  status: 403,
  code: 'Forbidden',
  message: 'Application is not authorized to perform this operation.',
  graphRequestId: 'graph-req-failed-1',
};

export function requestIn(state: RequestState, failure: RevokeFailure = DEFAULT_FAILURE): RevokeRequest {
  const pending = pendingRequest();
  const approve = () => applyEvent(pending, { type: 'approve', by: APPROVER, at: DECIDED_AT, reason: 'Confirmed leak' });
  const executing = () => applyEvent(approve(), { type: 'start-execution', at: DECIDED_AT });
  switch (state) {
    case 'pending':
      return pending;
    case 'approved':
      return approve();
    case 'executing':
      return executing();
    case 'succeeded':
      return applyEvent(executing(), { type: 'succeed', outcome: { at: FINISHED_AT, graphRequestId: 'graph-req-ok-1', attempts: 1 } });
    case 'failed':
      return applyEvent(executing(), { type: 'fail', outcome: { at: FINISHED_AT, failure, attempts: 1 } });
    case 'rejected':
      return applyEvent(pending, { type: 'reject', by: APPROVER, at: DECIDED_AT, reason: 'Not a leak: internal wiki' });
    case 'cancelled':
      return applyEvent(pending, { type: 'cancel', by: REQUESTER, at: DECIDED_AT });
    case 'expired':
      return applyEvent(pending, { type: 'expire', at: EXPIRES_AT });
  }
}
