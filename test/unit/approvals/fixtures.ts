import type { Person, ProfileSnapshot, RevokeRequest } from '../../../src/approvals/revoke-request';
import type { Clock } from '../../../src/support/clock';
import { alice, bob, carol, OTHER_TENANT_ID, OUR_TENANT_ID, personOf } from '../../support/cast';

export const TENANT = OUR_TENANT_ID;
export const OTHER_TENANT = OTHER_TENANT_ID;
/** The requester of most requests here (an approver too in the e2e cast). */
export const ALICE: Person = personOf(alice);
/** An approver. */
export const BOB: Person = personOf(bob);
/** Someone else: another requester, or a person without the role the test needs. */
export const CAROL: Person = personOf(carol);

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
