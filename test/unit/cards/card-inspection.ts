/** Small readers over rendered card JSON, so specs say what they check rather than how to walk it. */

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  style?: string;
  data?: unknown;
}

type Json = Record<string, unknown>;

/** Every object in the card, depth first. */
export function allObjects(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((item) => allObjects(item, found));
  else if (value !== null && typeof value === 'object') {
    found.push(value as Json);
    Object.values(value).forEach((item) => allObjects(item, found));
  }
  return found;
}

/** The buttons a reader sees (card-level actions). */
export function buttons(card: object): CardAction[] {
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

/** Everything a reader can read on the card, one string per text-bearing property. */
export function visibleTexts(card: object): string[] {
  const keys = ['text', 'title', 'value', 'placeholder', 'label', 'fallbackText'];
  return allObjects(card).flatMap((o) => keys.filter((k) => typeof o[k] === 'string').map((k) => o[k] as string));
}

/** The FactSet entries, title → value (later duplicates win). */
export function facts(card: object): Map<string, string> {
  const result = new Map<string, string>();
  for (const o of allObjects(card)) {
    if (o.type !== 'FactSet') continue;
    for (const fact of o.facts as { title: string; value: string }[]) result.set(fact.title, fact.value);
  }
  return result;
}

/** The text of every TextRun (plain text: user-written words are shown only this way). */
export function textRuns(card: object): string[] {
  return allObjects(card)
    .filter((o) => o.type === 'TextRun')
    .map((o) => o.text as string);
}
