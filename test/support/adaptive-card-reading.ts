/**
 * Reading Adaptive Cards the way a person reads them: the visible words, the facts, the buttons.
 * Tests assert on these instead of on the card's JSON layout. The one card reader of the tests:
 * end-to-end tests read what Teams received, card unit tests what the renderer produced.
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

/** An action as the card declares it (card unit tests check styles and data too). */
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  style?: string;
  data?: unknown;
}

type Json = Record<string, unknown>;

/** Every object in the card, depth first, wherever it sits (show-cards, refresh, data included). */
export function allObjects(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((item) => allObjects(item, found));
  else if (value !== null && typeof value === 'object') {
    found.push(value as Json);
    Object.values(value).forEach((item) => allObjects(item, found));
  }
  return found;
}

/** The card-level actions, as declared. */
export function topLevelActions(card: object): CardAction[] {
  return ((card as { actions?: CardAction[] }).actions ?? []).slice();
}

/** Every Action.Execute anywhere, including the refresh action. */
export function executeActions(card: object): CardAction[] {
  return allObjects(card).filter((o) => o.type === 'Action.Execute') as unknown as CardAction[];
}

export function inputs(card: object): Json[] {
  return allObjects(card).filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.'));
}

export function refreshOf(card: object): { action: CardAction; userIds?: string[] } | undefined {
  return (card as { refresh?: { action: CardAction; userIds?: string[] } }).refresh;
}

/** Everything a reader can read on the card, one string per text-bearing property, wherever it sits. */
export function visibleTexts(card: object): string[] {
  const keys = ['text', 'title', 'value', 'placeholder', 'label', 'fallbackText'];
  return allObjects(card).flatMap((o) => keys.filter((k) => typeof o[k] === 'string').map((k) => o[k] as string));
}

/** The text of every TextRun (plain text: user-written words are shown only this way). */
export function textRuns(card: object): string[] {
  return allObjects(card)
    .filter((o) => o.type === 'TextRun')
    .map((o) => o.text as string);
}
