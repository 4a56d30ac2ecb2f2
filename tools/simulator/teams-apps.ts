import { GraphIds, graphHeaders, sendGraphError } from './graph-errors';
import { Exchange, parseJsonBody, sendEmpty } from './http-exchange';

/**
 * Teams apps in personal scope, as Graph and the connector see them:
 * - POST /v1.0/users/{id}/teamwork/installedApps {"teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}"}
 *   → 201 Created (no body); 409 Conflict when the app is already installed for the user; 404 for
 *   an app that is not in the tenant's catalog or a user id that is no object id; 400 for a body
 *   without a well-formed binding. (Roles are checked before, in graph-permissions.ts.)
 * - the connector's createConversation for a 1:1 chat works only for a user who has the app
 *   (403 BotNotInConversationRoster otherwise), and answers the chat's stable id.
 * - A refusal set for a user makes Teams refuse every message to them (403 ConversationBlockedByUser,
 *   as when a user blocked the bot, or 404 ConversationNotFound).
 */
export interface TeamsAppsState {
  /** The tenant's app catalog: ids that can be installed. */
  catalog: Set<string>;
  /** objectId (lower-case) → catalog app ids installed in the user's personal scope. */
  installed: Map<string, Set<string>>;
  /** objectId (lower-case) → how Teams refuses messages to them. */
  refusals: Map<string, ConnectorRefusal>;
}

export interface ConnectorRefusal {
  status: 403 | 404;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BINDING = /^https:\/\/graph\.microsoft\.com\/(?:v1\.0|beta)\/appCatalogs\/teamsApps\/([^/?#]+)$/;

/** The id Teams gives the 1:1 chat between the bot and a user: the same every time (like Teams' `a:1…` ids). */
export function personalConversationId(objectId: string, tenantId: string): string {
  return `a:1${Buffer.from(`${objectId.toLowerCase()}|${tenantId.toLowerCase()}`).toString('base64url')}`;
}

/** The user a personal conversation id belongs to, when it is one of ours. */
export function personalConversationUser(conversationId: string): string | undefined {
  if (!conversationId.startsWith('a:1')) return undefined;
  const decoded = Buffer.from(conversationId.slice(3), 'base64url').toString('utf8');
  const [objectId] = decoded.split('|');
  return objectId && GUID.test(objectId) ? objectId.toLowerCase() : undefined;
}

export function hasApp(state: TeamsAppsState, objectId: string): boolean {
  return (state.installed.get(objectId.toLowerCase())?.size ?? 0) > 0;
}

export function installApp(state: TeamsAppsState, objectId: string, appId: string): boolean {
  const key = objectId.toLowerCase();
  const apps = state.installed.get(key) ?? new Set<string>();
  state.installed.set(key, apps);
  if (apps.has(appId)) return false;
  apps.add(appId);
  return true;
}

/** The connector's answer when Teams refuses a message to this user, else undefined. */
export function refusalFor(state: TeamsAppsState, objectId: string | undefined): { status: number; code: string; message: string } | undefined {
  const refusal = objectId ? state.refusals.get(objectId.toLowerCase()) : undefined;
  if (!refusal) return undefined;
  return refusal.status === 403
    ? { status: 403, code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' }
    : { status: 404, code: 'ConversationNotFound', message: 'Conversation not found.' };
}

export function handleTeamsApps(ex: Exchange, state: TeamsAppsState, ids: GraphIds): boolean {
  const [, users, userId, teamwork, installedApps, ...extra] = ex.segments;
  if (users?.toLowerCase() !== 'users' || teamwork?.toLowerCase() !== 'teamwork' || installedApps?.toLowerCase() !== 'installedapps' || extra.length > 0) return false;
  if (ex.method !== 'POST') return false;
  if (!userId || !GUID.test(userId)) {
    sendGraphError(ex.res, ids, 404, 'NotFound', `User '${userId ?? ''}' was not found.`);
    return true;
  }
  const body = parseJsonBody(ex.body);
  const binding = body instanceof Error ? undefined : body['teamsApp@odata.bind'];
  const appId = typeof binding === 'string' ? BINDING.exec(binding)?.[1] : undefined;
  if (!appId) {
    sendGraphError(ex.res, ids, 400, 'BadRequest', "The request body must bind 'teamsApp@odata.bind' to https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}.");
    return true;
  }
  if (!state.catalog.has(decodeURIComponent(appId))) {
    sendGraphError(ex.res, ids, 404, 'NotFound', `The app '${appId}' was not found in the tenant's app catalog.`);
    return true;
  }
  if (!installApp(state, userId, decodeURIComponent(appId))) {
    sendGraphError(ex.res, ids, 409, 'Conflict', 'App is already installed.');
    return true;
  }
  sendEmpty(ex.res, 201, graphHeaders(ids));
  return true;
}
