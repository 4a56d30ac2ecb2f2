import type { Activity } from 'botbuilder';

/**
 * The key a conversation reference is stored under: the conversation id as Teams sends it. In a
 * channel it carries `;messageid=<root>`, so a reply goes to the thread the request came from.
 */
export function conversationKeyOf(activity: Partial<Activity>): string {
  return String(activity.conversation?.id ?? '');
}

/** Key of the reference that reaches a Teams channel itself, from which new threads are started. */
export function channelKey(channelId: string): string {
  return `channel:${channelId}`;
}

/**
 * The Teams channel an activity came from, without the thread part: channelData.channel.id when
 * Teams sends it (messages, channel events), else the conversation id of a channel conversation
 * (an installation in a team arrives in its General channel, whose id is the team's).
 */
export function channelIdOf(activity: Partial<Activity>): string | undefined {
  if (activity.conversation?.conversationType !== 'channel') return undefined;
  const channelData = (activity.channelData ?? {}) as { channel?: { id?: unknown } };
  const id = typeof channelData.channel?.id === 'string' ? channelData.channel.id : String(activity.conversation.id ?? '').split(';')[0];
  return id || undefined;
}
