/**
 * The people and tenants of every test (end-to-end, and unit tests through `personOf`). Object ids
 * are fixed GUIDs so the bot's allow-lists (APPROVER_IDS, REQUESTER_IDS) can name them.
 */
import type { Person } from '../../src/approvals/revoke-request';

/** The tenant Token Guard serves (the simulator's tenant too). */
export const OUR_TENANT_ID = '11111111-1111-1111-1111-111111111111';
/** Some other organization's tenant. */
export const OTHER_TENANT_ID = '99999999-9999-4999-8999-999999999999';

export interface TeamsUser {
  /** Teams user id (MRI). */
  id: string;
  name: string;
  /** Entra object id: what the bot authorizes on. */
  aadObjectId: string;
}

/** Requester and approver. */
export const alice: TeamsUser = { id: '29:1alice-mri', name: 'Alice Admin', aadObjectId: 'a11ce000-0000-4000-8000-000000000001' };
/** Approver. */
export const bob: TeamsUser = { id: '29:1bob-mri', name: 'Bob Approver', aadObjectId: 'b0b00000-0000-4000-8000-000000000002' };
/** Second approver, for races. */
export const erin: TeamsUser = { id: '29:1erin-mri', name: 'Erin Approver', aadObjectId: 'e1140000-0000-4000-8000-000000000005' };
/** May request, may not approve. */
export const carol: TeamsUser = { id: '29:1carol-mri', name: 'Carol Helpdesk', aadObjectId: 'ca401000-0000-4000-8000-000000000003' };
/** Neither requester nor approver. */
export const dave: TeamsUser = { id: '29:1dave-mri', name: 'Dave Outsider', aadObjectId: 'da4e0000-0000-4000-8000-000000000004' };

/** The same person as the domain sees them: identified by the Entra object id. */
export function personOf(user: TeamsUser): Person {
  return { id: user.aadObjectId, name: user.name };
}

/** Access settings of the standard bot: Alice, Bob and Erin approve; they and Carol may request. */
export const ACCESS_ENV = {
  APPROVER_IDS: [alice, bob, erin].map((u) => u.aadObjectId).join(','),
  REQUESTER_IDS: [alice, bob, erin, carol].map((u) => u.aadObjectId).join(','),
};
