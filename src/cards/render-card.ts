import { Template } from 'adaptivecards-templating';

/**
 * Expands an Adaptive Card template (adaptivecards-templating) with typed data.
 *
 * Two behaviours of the templating library are evened out here:
 * - `$when: false` on an object-valued property (e.g. `refresh`) leaves `"refresh": null`, and a
 *   binding that evaluates to null leaves `null`: clients differ on nulls, so they are removed.
 * - A property that is `undefined` is "missing" to the library, which then leaves the literal
 *   `${…}` text in the card. Data goes through JSON first so that an undefined optional field is
 *   truly absent, and templates guard optional fields with `exists(…)`.
 * Values from data are never re-expanded: a justification containing `${…}` stays plain text.
 */
export function renderCard<T extends object>(template: object, data: T): object {
  const plainData = JSON.parse(JSON.stringify(data)) as { labels?: unknown };
  const expanded: unknown = preparedTemplate(template, plainData.labels).expand({ $root: plainData });
  return withoutNulls(expanded) as object;
}

/**
 * `new Template(json)` parses every `${…}` expression with an ANTLR parser: the bench's profile
 * showed that parse as ~40 % of the CPU of an approval (each approval renders three cards), so
 * each template is parsed once and expanded many times, as the library intends. Expansion is
 * synchronous and builds new objects, and withoutNulls copies the result, so callers never share
 * (or can modify) the prepared template.
 *
 * Labels (`data.labels`: the card's fixed strings in one language) are the same for every card
 * of a language, yet were a third of the expressions evaluated per render: a property that is
 * exactly one label (`${labels.x}`, or `${$root.labels.x}` inside a `$data` repeat) is written into
 * the template once per language before it is parsed. Labels are ours (src/i18n), never user
 * text; one containing `${` stays an expression, so it is never parsed as a template.
 */
const prepared = new WeakMap<object, Map<string, Template>>();
/** Languages times label sets that change at run time: a bound that is never reached in practice. */
const MAX_LABEL_SETS_PER_TEMPLATE = 16;

/**
 * The labels a template was last expanded with, and the prepared template for them: one language
 * is by far the common case, and comparing the labels one by one is a small part of building and
 * serializing the key (a fifth of a render in the bench's profile).
 */
const lastPrepared = new WeakMap<object, { labels: Record<string, string>; count: number; prepared: Template }>();

function preparedTemplate(template: object, labels: unknown): Template {
  const last = lastPrepared.get(template);
  if (last && sameLabels(last.labels, last.count, labels)) return last.prepared;
  const prepared = preparedFor(template, labels);
  const known = stringEntries(labels);
  lastPrepared.set(template, { labels: known, count: Object.keys(known).length, prepared });
  return prepared;
}

/** True when `labels` has exactly the label strings of `known` (what stringEntries would give). */
function sameLabels(known: Record<string, string>, knownCount: number, labels: unknown): boolean {
  let count = 0;
  if (labels && typeof labels === 'object') {
    for (const [name, value] of Object.entries(labels)) {
      if (typeof value !== 'string' || value.includes('${')) continue;
      if (known[name] !== value || !Object.hasOwn(known, name)) return false;
      count++;
    }
  }
  return count === knownCount;
}

function preparedFor(template: object, labels: unknown): Template {
  const labelStrings = stringEntries(labels);
  const key = JSON.stringify(labelStrings);
  let byLabels = prepared.get(template);
  if (!byLabels) prepared.set(template, (byLabels = new Map()));
  let found = byLabels.get(key);
  if (!found) {
    if (byLabels.size >= MAX_LABEL_SETS_PER_TEMPLATE) byLabels.clear();
    byLabels.set(key, (found = new Template(withLabels(template, labelStrings, false))));
  }
  return found;
}

function stringEntries(labels: unknown): Record<string, string> {
  const strings: Record<string, string> = {};
  if (labels && typeof labels === 'object') {
    for (const [name, value] of Object.entries(labels)) if (typeof value === 'string' && !value.includes('${')) strings[name] = value;
  }
  return strings;
}

const LABEL_BINDING = /^\$\{(\$root\.)?labels\.([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A copy of `node` with every property that is exactly one known label replaced by its text. */
function withLabels(node: unknown, labels: Record<string, string>, inRepeat: boolean): unknown {
  if (typeof node === 'string') {
    const match = LABEL_BINDING.exec(node);
    // Inside a `$data` repeat, `labels` would be the item's own field: only `$root.labels` is ours there.
    if (!match || (inRepeat && !match[1]) || !Object.hasOwn(labels, match[2])) return node;
    return labels[match[2]];
  }
  if (Array.isArray(node)) return node.map((item) => withLabels(item, labels, inRepeat));
  if (node === null || typeof node !== 'object') return node;
  const repeat = inRepeat || Object.hasOwn(node, '$data');
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) result[key] = key === '$data' ? value : withLabels(value, labels, repeat);
  return result;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) result[key] = withoutNulls(item);
  }
  return result;
}
