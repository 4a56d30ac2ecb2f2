/**
 * Free text in cards, kept short enough that every card fits Teams' ~28 KB message limit
 * (teams/outgoing-size-guard.ts). Names, justifications, reasons and failure messages come from
 * people, the directory or Graph; a card view passes each through `shortened` with one of the
 * limits below, and storage and the audit keep the full value.
 *
 * Lengths count code points (never UTF-16 units), so a cut never splits a surrogate pair (which
 * JSON would write as a broken `\udXXX` escape); cards are plain TextRuns, not markdown, so there
 * is no markup escape to break either (chat texts shorten before escaping, if ever). Control
 * characters other than line breaks and tabs are shown as a space: they are invisible in a card,
 * yet JSON writes each as a six-byte `\u00XX` (a lone surrogate too: it becomes U+FFFD). So every shortened value costs at most 4 bytes of
 * UTF-8 JSON per code point, which is what the card-size test's worst cases assume.
 */

export const ELLIPSIS = '…';

/** Most code points of a name (a profile's display name, a person's) shown in a card. */
export const CARD_NAME_MAX = 120;
/**
 * Most code points of free text on a card about one request (justification, reason, failure
 * message): as much as the bot accepts (JUSTIFICATION_MAX_LENGTH), since the approver decides on it.
 */
export const CARD_FREE_TEXT_MAX = 500;
/** Most code points of free text in one row of a list card (history detail). */
export const CARD_ROW_TEXT_MAX = 160;
/** Most code points of a name in one row of a list card. */
export const CARD_ROW_NAME_MAX = 64;
/** Most code points of a short machine-readable value that still comes from outside (an outcome, a Graph request-id). */
export const CARD_CODE_MAX = 64;

// eslint-disable-next-line no-control-regex
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Half of a surrogate pair on its own: JSON writes it as a six-byte escape; shown as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with at most `max` code points: cut at a code-point boundary and ended with "…" when
 * longer (the "…" counts in `max`). Trailing white space before the "…" goes.
 */
export function shortened(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`shortened: max must be a positive integer, not ${max}`);
  const visible = text.replace(INVISIBLE_CONTROLS, ' ').replace(LONE_SURROGATE, '\ufffd');
  // Fewer UTF-16 units than `max` means fewer code points too: the common case costs no split.
  if (visible.length <= max) return visible;
  const codePoints = Array.from(visible);
  if (codePoints.length <= max) return visible;
  return codePoints.slice(0, max - 1).join('').trimEnd() + ELLIPSIS;
}

/** `shortened` for an optional value: undefined, null and '' stay absent. */
export function shortenedOptional(text: string | null | undefined, max: number): string | undefined {
  return text ? shortened(text, max) : undefined;
}
