/**
 * What every Azure Table store here shares: safe row keys, JSON spread over string properties,
 * and reading the HTTP status of a failed call. Works the same on Azure Storage, Cosmos DB for
 * Table and Azurite.
 */
/**
 * PartitionKey and RowKey may not contain / \ # ? or control characters and are at most 1 KiB.
 * `|` and `%` are escaped too: `|` separates key parts here, `%` keeps the encoding reversible.
 */
const KEY_UNSAFE = /[/\\#?%|\u0000-\u001f\u007f-\u009f]/g;
const MAX_KEY_CHARS = 512;

export function tableKey(raw: string): string {
  const key = raw.replace(KEY_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (key.length === 0 || key.length > MAX_KEY_CHARS) {
    throw new RangeError(`A storage key must be 1 to ${MAX_KEY_CHARS} characters long (got ${key.length}).`);
  }
  return key;
}

/** A property holds at most 64 KiB, counted in UTF-16: 32 Ki characters. Stay a little below. */
const CHUNK_CHARS = 30_000;

/** `{JsonParts: n, Json0: …, Json1: …}`: JSON longer than one property, split without breaking a surrogate pair. */
export function jsonProperties(json: string): Record<string, string | number> {
  const properties: Record<string, string | number> = {};
  let part = 0;
  for (let start = 0; start < json.length; part++) {
    let end = Math.min(start + CHUNK_CHARS, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--; // keep a high surrogate with its low half
    properties[`Json${part}`] = json.slice(start, end);
    start = end;
  }
  properties.JsonParts = part;
  return properties;
}

/** The JSON that jsonProperties spread over an entity. */
export function jsonOf(entity: Readonly<Record<string, unknown>>): string {
  const parts = Number(entity.JsonParts ?? 0);
  let json = '';
  for (let part = 0; part < parts; part++) json += String(entity[`Json${part}`] ?? '');
  return json;
}

/** The HTTP status of a failed Azure SDK call (RestError.statusCode), if it got that far. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** For range queries over `prefix|…` row keys: '}' is the character after '|'. */
export function rowKeyRange(prefix: string): { from: string; to: string } {
  return { from: `${prefix}|`, to: `${prefix}}` };
}
