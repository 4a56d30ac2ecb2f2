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

/**
 * Key of the reference that reaches a person 1:1 (the bot's personal chat with them), by Entra
 * object id: saved whenever they talk to the bot in personal scope (a message, its installation),
 * or when the bot opened that chat itself; private notifications use it.
 */
export function personalKey(objectId: string): string {
  return `personal:${objectId.trim().toLowerCase()}`;
}

/** Key of what Teams told about a channel's team (group id, names): deep links to its messages need it. */
export function channelFactsKey(channelId: string): string {
  return `channel-facts:${channelId}`;
}

/** The team facts channelData carries on a channel activity (only the parts it has). */
export function teamFactsOf(activity: Partial<Activity>): { groupId?: string; teamName?: string; channelName?: string } {
  const channelData = (activity.channelData ?? {}) as { team?: { aadGroupId?: unknown; name?: unknown }; channel?: { name?: unknown } };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 256) : undefined);
  const facts = { groupId: text(channelData.team?.aadGroupId), teamName: text(channelData.team?.name), channelName: text(channelData.channel?.name) };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}
