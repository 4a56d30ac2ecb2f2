/**
 * Reading Adaptive Cards the way a person reads them: the visible words, the facts, the buttons.
 * Tests assert on these instead of on the card's JSON layout.
 */

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export type Card = Record<string, unknown>;

export interface CardButton {
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The adaptive card attached to an activity, if any. */
export function cardOf(activity: Record<string, unknown> | undefined): Card | undefined {
  const attachments = activity?.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const attachment = attachments.find((a) => (a as { contentType?: unknown }).contentType === ADAPTIVE_CARD) as
    | { content?: unknown }
    | undefined;
  const content = attachment?.content;
  if (typeof content === 'string') return JSON.parse(content) as Card;
  return content && typeof content === 'object' ? (content as Card) : undefined;
}

/** Every element of the card (containers, facts, inlines, columns, actions), in document order. */
function elementsOf(card: Card): Record<string, unknown>[] {
  const elements: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    elements.push(element);
    for (const key of ['body', 'items', 'facts', 'inlines', 'columns', 'actions']) visit(element[key]);
  };
  visit(card.body);
  visit(card.actions);
  return elements;
}

/** Every visible string of the card (texts, fact titles and values, labels, button titles), in order. */
export function cardTexts(card: Card): string[] {
  return elementsOf(card).flatMap((element) =>
    ['text', 'title', 'value', 'label', 'placeholder'].map((key) => element[key]).filter((v): v is string => typeof v === 'string'),
  );
}

/** All the card's words as one string, for `include` checks. */
export function cardText(card: Card): string {
  return cardTexts(card).join('\n');
}

/** Facts as title → value (later facts with the same title win). */
export function cardFacts(card: Card): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const element of elementsOf(card)) {
    if (element.type !== 'FactSet' || !Array.isArray(element.facts)) continue;
    for (const fact of element.facts as { title?: unknown; value?: unknown }[]) {
      if (typeof fact.title === 'string') facts[fact.title] = String(fact.value ?? '');
    }
  }
  return facts;
}

/** The card's buttons (top-level actions and action sets). */
export function cardButtons(card: Card): CardButton[] {
  return elementsOf(card)
    .filter((element) => typeof element.type === 'string' && element.type.startsWith('Action.'))
    .map((element) => ({
      title: String(element.title ?? ''),
      ...(typeof element.verb === 'string' ? { verb: element.verb } : {}),
      ...(element.data && typeof element.data === 'object' ? { data: element.data as Record<string, unknown> } : {}),
    }));
}

/** The request id a card's Action.Execute buttons (or its refresh action) carry. */
export function requestIdOf(card: Card): string | undefined {
  for (const button of cardButtons(card)) {
    if (typeof button.data?.requestId === 'string') return button.data.requestId;
  }
  const refresh = card.refresh as { action?: { data?: { requestId?: unknown } } } | undefined;
  return typeof refresh?.action?.data?.requestId === 'string' ? refresh.action.data.requestId : undefined;
}
