/**
 * Parses a card with the official Adaptive Cards object model (the `adaptivecards` package) the way
 * a 1.5 host would, and reports everything it would complain about or silently drop.
 */
// The package's main entry is untranspiled ESM with extension-less imports, which Node cannot load;
// its UMD bundle has the same API, and parsing and serializing need no DOM.
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export interface CardCheck {
  /** Messages from parsing (unknown element/action types, invalid values, features newer than 1.5). */
  parseEvents: string[];
  /** Messages from validating the parsed card (duplicate ids, missing required properties…). */
  validationEvents: string[];
  /** The card as the object model understood it; anything unknown to it is missing here. */
  reserialized: object;
}

export function checkAdaptiveCard(card: object): CardCheck {
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  const parseEvents: string[] = [];
  for (let i = 0; i < context.eventCount; i++) parseEvents.push(context.getEventAt(i).message);
  const validationEvents = parsed.validateProperties().validationEvents.map((event) => event.message);
  const reserialized = parsed.toJSON(new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5)) as object;
  return { parseEvents, validationEvents, reserialized };
}
