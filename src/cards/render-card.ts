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
  const plainData: unknown = JSON.parse(JSON.stringify(data));
  const expanded: unknown = preparedTemplate(template).expand({ $root: plainData });
  return withoutNulls(expanded) as object;
}

/**
 * `new Template(json)` parses every `${…}` expression with an ANTLR parser: the bench's profile
 * showed that parse as ~40 % of the CPU of an approval (each approval renders three cards), so
 * each template is parsed once and expanded many times, as the library intends. Expansion is
 * synchronous and builds new objects, and withoutNulls copies the result, so callers never share
 * (or can modify) the prepared template.
 */
const prepared = new WeakMap<object, Template>();

function preparedTemplate(template: object): Template {
  let found = prepared.get(template);
  if (!found) prepared.set(template, (found = new Template(template)));
  return found;
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
