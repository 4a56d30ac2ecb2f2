/**
 * Teams deep links to a message (Teams docs, "Deep link to Teams chat"):
 * - in a channel conversation: `https://teams.microsoft.com/l/message/{channelId}/{messageId}?tenantId=…
 *   &groupId={team's Microsoft 365 group id}&parentMessageId={thread root}&teamName=…&channelName=…&createdTime=…`
 * - in a chat (group or personal): `https://teams.microsoft.com/l/message/{chatId}/{messageId}?context={"contextType":"chat"}`.
 * Every part is percent-encoded, including the characters encodeURIComponent leaves (`!'()*`), so a
 * team or channel name can neither end a markdown link nor add a query parameter.
 */

export const TEAMS_WEB_BASE = 'https://teams.microsoft.com';

/** Where a message is, as the bot knows it from the conversation it posted in. */
export interface MessagePlace {
  /** The conversation id as Teams gives it: a channel thread carries `;messageid=<root>`. */
  conversationId: string;
  conversationType: string;
  /** The message (activity) id. Teams message ids are the creation time in epoch milliseconds. */
  messageId: string;
  tenantId?: string;
  /** For a channel: what Teams sent in channelData about the team and channel. */
  team?: TeamFacts;
}

export interface TeamFacts {
  /** channelData.team.aadGroupId: the team's Microsoft 365 group id. */
  groupId?: string;
  teamName?: string;
  channelName?: string;
}

/** Percent-encodes everything but unreserved characters (RFC 3986). */
export function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The deep link to a message, or undefined when the place names no message. */
export function messageDeepLink(place: MessagePlace): string | undefined {
  const [conversation, ...rest] = place.conversationId.split(';');
  if (!conversation || !place.messageId) return undefined;
  const path = `${TEAMS_WEB_BASE}/l/message/${encodePart(conversation)}/${encodePart(place.messageId)}`;
  if (place.conversationType !== 'channel') return `${path}?context=${encodePart(JSON.stringify({ contextType: 'chat' }))}`;
  const root = rest.map((part) => /^messageid=(.+)$/.exec(part)?.[1]).find((id) => id !== undefined) ?? place.messageId;
  const query: [string, string | undefined][] = [
    ['tenantId', place.tenantId],
    ['groupId', place.team?.groupId],
    ['parentMessageId', root],
    ['teamName', place.team?.teamName],
    ['channelName', place.team?.channelName],
    ['createdTime', /^\d+$/.test(place.messageId) ? place.messageId : undefined],
  ];
  const pairs = query.filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== '');
  return `${path}?${pairs.map(([key, value]) => `${key}=${encodePart(value)}`).join('&')}`;
}
