import type { Activity } from 'botbuilder';

/**
 * The key a conversation reference is stored under: the conversation id as Teams sends it. In a
 * channel it carries `;messageid=<root>`, so a reply goes to the thread the request came from.
 */
export function conversationKeyOf(activity: Partial<Activity>): string {
  return String(activity.conversation?.id ?? '');
}
