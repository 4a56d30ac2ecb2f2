/**
 * One size limit for everything Token Guard stores (requests, conversation references, audit
 * entries), whatever the backend, so that a backend switch never changes what is accepted.
 * Azure Table storage caps an entity at 1 MiB and counts strings as UTF-16; 256 Ki JSON characters
 * (512 KiB in UTF-16) stay well below that. Real items are a few KB: justifications and reasons are
 * capped at 500 characters, so only a bug or an attack reaches this limit.
 */
export const MAX_ITEM_JSON_CHARS = 256 * 1024;

/** A store refused an item whose JSON is larger than MAX_ITEM_JSON_CHARS. Nothing was written. */
export class ItemTooLarge extends Error {
  constructor(
    readonly what: string,
    readonly size: number,
    readonly limit: number = MAX_ITEM_JSON_CHARS,
  ) {
    super(`Not stored: ${what} is ${size} characters of JSON, more than the limit of ${limit}.`);
  }
}

/**
 * The item's JSON, or ItemTooLarge. `what` names the item in the error (never its content).
 * U+2028/U+2029 are written as escapes (the same JSON value): Azurite's table transactions fail
 * on them raw, and the size is measured on exactly what is stored.
 */
export function jsonWithinLimit(what: string, value: unknown): string {
  const json = JSON.stringify(value ?? null).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (json.length > MAX_ITEM_JSON_CHARS) throw new ItemTooLarge(what, json.length);
  return json;
}
