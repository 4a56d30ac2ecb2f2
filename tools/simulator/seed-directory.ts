import { TOKEN_GUARD_GRAPH_ROLES } from './graph-permissions';
import type { SimAppClient } from './simulator-api';
import { guidFrom } from './stable-ids';

/**
 * Entra users and groups for `npm run dev`: two Intune admins who may approve, a help-desk
 * requester who may not, and an outsider. Tests usually pass their own `groups`.
 */
export const SEED_USERS = {
  alice: { objectId: guidFrom('user:alice'), name: 'Alice Admin', upn: 'alice@contoso.example' },
  bruno: { objectId: guidFrom('user:bruno'), name: 'Bruno Admin', upn: 'bruno@contoso.example' },
  carla: { objectId: guidFrom('user:carla'), name: 'Carla Helpdesk', upn: 'carla@contoso.example' },
  dave: { objectId: guidFrom('user:dave'), name: 'Dave Outsider', upn: 'dave@contoso.example' },
} as const;

export const SEED_GROUP_IDS = {
  approvers: guidFrom('group:token-guard-approvers'),
  requesters: guidFrom('group:token-guard-requesters'),
} as const;

export function seedGroups(): Record<string, string[]> {
  return {
    [SEED_GROUP_IDS.approvers]: [SEED_USERS.alice.objectId, SEED_USERS.bruno.objectId],
    [SEED_GROUP_IDS.requesters]: [SEED_USERS.alice.objectId, SEED_USERS.bruno.objectId, SEED_USERS.carla.objectId],
  };
}

/**
 * App registrations the token endpoint accepts by default. Dev-only values: they open nothing
 * but this simulator. The Graph app holds the permissions Token Guard needs, with admin consent.
 */
export const SIM_GRAPH_CLIENT: Readonly<Required<SimAppClient>> = { id: '22222222-2222-4222-8222-222222222222', secret: 'sim-graph-app-secret', roles: [...TOKEN_GUARD_GRAPH_ROLES] };
export const SIM_BOT_CLIENT = { id: '33333333-3333-4333-8333-333333333333', secret: 'sim-bot-app-secret' } as const;
export const DEFAULT_CLIENTS: SimAppClient[] = [{ ...SIM_GRAPH_CLIENT, roles: [...SIM_GRAPH_CLIENT.roles] }, { ...SIM_BOT_CLIENT }];
