/**
 * The Playground's unauthenticated REST API, through which a person other than the UI's current
 * user acts (the Playground forwards it to the bot with that person's ids from its config).
 */
import type { PushedMessage } from './browser-seat';

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

/** The Action.Execute buttons of the first Adaptive Card in a pushed bot message. */
export function cardActions(message: PushedMessage): (CardAction & { title: string })[] {
  const card = message.message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
    | { actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[] }
    | undefined;
  return (card?.actions ?? [])
    .filter((a) => a.type === 'Action.Execute' && a.verb)
    .map((a) => ({ title: a.title, verb: a.verb as string, data: a.data ?? {} }));
}

/** Clicks a card button as `fromId`; resolves with the bot's invoke response body. */
export async function invokeCardActionAs(
  playgroundUrl: string,
  fromId: string,
  card: { conversationId: string; messageId: string },
  action: CardAction,
): Promise<unknown> {
  const response = await fetch(`${playgroundUrl}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      from: { id: fromId },
      conversation: { id: card.conversationId },
      replyToId: card.messageId,
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
    }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Playground invoke answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
