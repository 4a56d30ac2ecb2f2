import type { Person, ProfileSnapshot, RevokeRequest } from '../../../src/approvals/revoke-request';
import type { Clock } from '../../../src/support/clock';

export const TENANT = '11111111-1111-1111-1111-111111111111';
export const OTHER_TENANT = '99999999-9999-9999-9999-999999999999';
export const ALICE: Person = { id: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Alice Requester' };
export const BOB: Person = { id: 'bbbbbbbb-0000-0000-0000-000000000002', name: 'Bob Approver' };
export const CAROL: Person = { id: 'cccccccc-0000-0000-0000-000000000003', name: 'Carol Approver' };

export const PROFILE: ProfileSnapshot = {
  id: 'profile-1',
  displayName: 'Warehouse scanners',
  enrollmentMode: 'corporateOwnedDedicatedDevice',
  tokenExpirationDateTime: '2030-01-01T00:00:00Z',
  enrolledDeviceCount: 42,
};

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start = '2025-01-01T10:00:00.000Z') {
    this.current = Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

let counter = 0;

export function aRequest(overrides: Partial<RevokeRequest> = {}): RevokeRequest {
  counter++;
  return {
    id: `req-${counter}`,
    version: 1,
    state: 'pending',
    tenantId: TENANT,
    profile: PROFILE,
    requester: ALICE,
    justification: 'Token leaked in a screenshot',
    createdAt: '2025-01-01T10:00:00.000Z',
    expiresAt: '2025-01-02T10:00:00.000Z',
    location: { conversationKey: '19:abc@thread.tacv2;messageid=1', conversationType: 'channel' },
    ...overrides,
  };
}
