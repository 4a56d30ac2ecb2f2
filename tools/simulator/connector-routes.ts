import { randomBytes } from 'node:crypto';
import { ActivityRecorder } from './activity-recorder';
import { Exchange, bearerToken, parseJsonBody, sendJson } from './http-exchange';
import { SEED_USERS } from './seed-directory';
import type { RecordedActivity } from './simulator-api';
import { hasApp, personalConversationId, personalConversationUser, refusalFor, type TeamsAppsState } from './teams-apps';

/**
 * The Bot Framework connector (Teams' service URL) as ConnectorClient calls it: send, reply,
 * update, delete activities, create a conversation, read a member. Every call is recorded with
 * whether it carried a connector token this simulator issued; calls are answered either way so
 * a missing token shows up as `authorized: false` in a test instead of a bot-side exception.
 */
export interface ConnectorState {
  recorder: ActivityRecorder;
  serviceUrl: string;
  tenantId: string;
  isAuthorized(token: string | undefined): boolean;
  /** Who has the app in personal scope, and whom Teams refuses messages to. */
  teamsApps: TeamsAppsState;
}

export const CONNECTOR_ROOT = 'connector';
let activityCounter = 0;

export function handleConnector(ex: Exchange, state: ConnectorState): boolean {
  const s = ex.segments;
  if (s[0] !== CONNECTOR_ROOT) return false;
  if (s[1] !== 'v3' || s[2] !== 'conversations') {
    sendConnectorError(ex, 404, 'NotFound', `Unknown connector route ${ex.method} ${ex.rawPath}`);
    return true;
  }
  const conversationId = s[3];
  const rest = s.slice(4);
  const authorized = state.isAuthorized(bearerToken(ex.req));
  const needsBody = ex.method === 'POST' || ex.method === 'PUT';
  const body = needsBody ? parseJsonBody(ex.body) : {};
  if (body instanceof Error) {
    sendConnectorError(ex, 400, 'BadArgument', body.message);
    return true;
  }
  const record = (method: RecordedActivity['method'], activityId: string, replyToId?: string) =>
    state.recorder.record({ method, conversationId, activityId, ...(replyToId ? { replyToId } : {}), activity: body, authorized, at: ex.at });

  if (conversationId === undefined && ex.method === 'POST' && isPersonalChatRequest(body)) return createPersonalChat(ex, state, body, authorized);
  if (conversationId === undefined && ex.method === 'POST') {
    const activity = body.activity as Record<string, unknown> | undefined;
    const activityId = activity ? newActivityId() : undefined;
    // In a team channel Teams starts a new thread: `<channel>;messageid=<root message id>`.
    const channelId = (body.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    const id = typeof channelId === 'string' && activityId ? `${channelId};messageid=${activityId}` : `a:${randomBytes(24).toString('base64url')}`;
    if (activity && activityId) state.recorder.record({ method: 'POST', conversationId: id, activityId, activity, authorized, at: ex.at });
    sendJson(ex.res, 201, { id, ...(activityId ? { activityId } : {}), serviceUrl: state.serviceUrl });
    return true;
  }
  if (conversationId !== undefined && rest[0] === 'activities') {
    const pathActivityId = rest[1];
    const refusal = ex.method === 'POST' ? refusalFor(state.teamsApps, personalConversationUser(conversationId)) : undefined;
    if (refusal) {
      sendConnectorError(ex, refusal.status, refusal.code, refusal.message);
      return true;
    }
    if (rest.length === 1 && ex.method === 'POST') {
      const id = newActivityId();
      record('POST', id, typeof body.replyToId === 'string' ? body.replyToId : undefined);
      sendJson(ex.res, 201, { id });
      return true;
    }
    if (rest.length === 2 && ex.method === 'POST') {
      const id = newActivityId();
      record('POST', id, pathActivityId);
      sendJson(ex.res, 201, { id });
      return true;
    }
    if (rest.length === 2 && ex.method === 'PUT') {
      record('PUT', pathActivityId);
      sendJson(ex.res, 200, { id: pathActivityId });
      return true;
    }
    if (rest.length === 2 && ex.method === 'DELETE') {
      record('DELETE', pathActivityId);
      sendJson(ex.res, 200, {});
      return true;
    }
  }
  if (conversationId !== undefined && ex.method === 'GET' && rest[0] === 'members' && rest.length === 2) {
    sendJson(ex.res, 200, teamsMember(rest[1], state.tenantId));
    return true;
  }
  if (conversationId !== undefined && ex.method === 'GET' && rest.length === 1 && (rest[0] === 'members' || rest[0] === 'pagedmembers')) {
    const members = Object.values(SEED_USERS).map((u) => teamsMember(u.objectId, state.tenantId));
    sendJson(ex.res, 200, rest[0] === 'members' ? members : { members });
    return true;
  }
  sendConnectorError(ex, 404, 'NotFound', `Unknown connector route ${ex.method} ${ex.rawPath}`);
  return true;
}

/** A createConversation for one user and no channel: the 1:1 chat between the bot and them. */
function isPersonalChatRequest(body: Record<string, unknown>): boolean {
  const channel = (body.channelData as { channel?: unknown } | undefined)?.channel;
  return body.isGroup !== true && channel === undefined && Array.isArray(body.members) && body.members.length === 1;
}

/**
 * Teams opens (or finds) the 1:1 chat only for a user who has the app in personal scope; its id is
 * the same every time. A member id is the user's Entra object id or their `29:` id.
 */
function createPersonalChat(ex: Exchange, state: ConnectorState, body: Record<string, unknown>, authorized: boolean): boolean {
  const member = (body.members as { id?: unknown }[])[0];
  const memberId = typeof member?.id === 'string' ? member.id : '';
  const objectId = memberId.startsWith('29:') ? memberId.slice(3) : memberId;
  const tenantId = typeof body.tenantId === 'string' ? body.tenantId : state.tenantId;
  const refusal = refusalFor(state.teamsApps, objectId);
  if (refusal) {
    sendConnectorError(ex, refusal.status, refusal.code, refusal.message);
    return true;
  }
  if (!objectId || !hasApp(state.teamsApps, objectId)) {
    sendConnectorError(ex, 403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
    return true;
  }
  const id = personalConversationId(objectId, tenantId);
  const activity = body.activity as Record<string, unknown> | undefined;
  const activityId = activity ? newActivityId() : undefined;
  if (activity && activityId) state.recorder.record({ method: 'POST', conversationId: id, activityId, activity, authorized, at: ex.at });
  sendJson(ex.res, 201, { id, ...(activityId ? { activityId } : {}), serviceUrl: state.serviceUrl });
  return true;
}

/** Teams-style message ids: numeric, increasing, unique within the process. */
function newActivityId(): string {
  activityCounter = (activityCounter + 1) % 1000;
  return `${Date.now()}${String(activityCounter).padStart(3, '0')}`;
}

/** A Teams channel account; seeded users get their names, anyone else a generic one. */
function teamsMember(memberId: string, tenantId: string): Record<string, unknown> {
  const known = Object.values(SEED_USERS).find((u) => u.objectId === memberId || `29:${u.objectId}` === memberId);
  const objectId = known?.objectId ?? (memberId.startsWith('29:') ? memberId.slice(3) : memberId);
  const name = known?.name ?? 'Simulated User';
  const upn = known?.upn ?? `${objectId.slice(0, 8)}@contoso.example`;
  return {
    id: `29:${objectId}`,
    name,
    aadObjectId: objectId,
    givenName: name.split(' ')[0],
    surname: name.split(' ').slice(1).join(' '),
    email: upn,
    userPrincipalName: upn,
    tenantId,
    userRole: 'user',
  };
}

function sendConnectorError(ex: Exchange, status: number, code: string, message: string): void {
  sendJson(ex.res, status, { error: { code, message } });
}
