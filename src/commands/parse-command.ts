/**
 * Chat text → the command word and its arguments. Pure: no botbuilder. The bot's @mention is
 * already removed. Which words are commands is the route table's business (src/routes.ts); this
 * file reads the text and each command's arguments.
 * `revoke <profile> [justification]`: the profile is one word or a "double-quoted" name
 * (Teams clients may turn quotes into “curly” ones: both count).
 */
import type { ChatText } from '../teams/route';

/** Longest message we parse; anything longer is answered, not parsed. */
export const MAX_COMMAND_LENGTH = 2000;
/** Longest raw text (markup included) that is normalized at all: Teams itself rejects messages over about 28 KB. */
export const MAX_RAW_TEXT_LENGTH = 28 * 1024;
export const MAX_JUSTIFICATION_LENGTH = 500;
/** Most history entries one message shows. */
export const MAX_HISTORY_LIMIT = 50;

const QUOTES = /[“”„‟"]/;

export function readChatText(raw: string): ChatText {
  // The cap comes before any parsing, so no text costs more than a bounded, linear amount of work.
  if (raw.length > MAX_RAW_TEXT_LENGTH) return { kind: 'too-long', length: raw.length };
  const text = normalize(raw);
  if (!text) return { kind: 'empty' };
  if (text.length > MAX_COMMAND_LENGTH) return { kind: 'too-long', length: text.length };
  const [word, rest] = splitFirstWord(text);
  return { kind: 'words', word, rest };
}

export type NoArguments = Record<string, never>;

/** A command without arguments: whatever follows the word is ignored. */
export function noArguments(): NoArguments {
  return {};
}

/** A sub-command: the rest is exactly one of `words` (any case), e.g. `history export`. */
export function exactly(...words: string[]): (rest: string) => NoArguments | undefined {
  const wanted = new Set(words.map((w) => w.toLowerCase()));
  return (rest) => (wanted.has(rest.toLowerCase()) ? {} : undefined);
}

export interface RequestIdArgument {
  requestId: string;
}

/** `cancel <request>`: the first word after the command; undefined when there is none. */
export function parseRequestIdArgument(rest: string): RequestIdArgument | undefined {
  const [first] = splitFirstWord(rest);
  const requestId = first ? unquote(first) : '';
  return requestId ? { requestId } : undefined;
}

export interface ListArguments {
  query?: string;
}

export function parseListArguments(rest: string): ListArguments {
  return rest ? { query: unquote(rest) } : {};
}

export interface ProfileArgument {
  profileQuery?: string;
  unterminatedQuote?: boolean;
}

/** The whole rest names one profile: as typed, or between double quotes. */
export function parseProfileArgument(rest: string): ProfileArgument {
  if (!rest) return {};
  if (QUOTES.test(rest[0])) {
    const close = rest.slice(1).search(QUOTES);
    if (close < 0) return { unterminatedQuote: true };
    const profileQuery = rest.slice(1, close + 1).trim();
    return profileQuery ? { profileQuery } : {};
  }
  return { profileQuery: rest };
}

export interface HistoryArguments extends ProfileArgument {
  limit?: number;
}

/** `history [profile] [n]`. */
export function parseHistoryArguments(rest: string): HistoryArguments {
  const match = /^(.*?)\s*\b(\d{1,6})$/.exec(rest);
  const limit = match ? Math.min(Math.max(Number(match[2]), 1), MAX_HISTORY_LIMIT) : undefined;
  const profilePart = match ? match[1] : rest;
  return { ...parseProfileArgument(profilePart), ...(limit !== undefined ? { limit } : {}) };
}

export interface RevokeArguments extends ProfileArgument {
  justification?: string;
}

export function parseRevokeArguments(rest: string): RevokeArguments {
  if (!rest) return {};
  if (QUOTES.test(rest[0])) {
    const close = rest.slice(1).search(QUOTES);
    if (close < 0) return { unterminatedQuote: true };
    const profileQuery = rest.slice(1, close + 1).trim();
    const justification = rest.slice(close + 2).trim();
    return { ...(profileQuery ? { profileQuery } : {}), ...(justification ? { justification } : {}) };
  }
  const [profileQuery, justification] = splitFirstWord(rest);
  return { profileQuery, ...(justification ? { justification } : {}) };
}

function unquote(text: string): string {
  return text.replace(/^[“”„‟"]+|[“”„‟"]+$/g, '').trim();
}

function splitFirstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return match ? [match[1], match[2].trim()] : [text, ''];
}

/** Plain text from what Teams sends: HTML remnants, non-breaking spaces and line breaks folded. Linear time. */
export function normalize(raw: string): string {
  return withoutTags(raw)
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

/**
 * What `raw.replace(/<[^>]*>/g, ' ')` gives, in one pass: that regular expression rescans the rest
 * of the text from every "<" that has no ">" after it (quadratic: 60,000 "<" took seconds).
 */
function withoutTags(raw: string): string {
  let result = '';
  let from = 0;
  for (;;) {
    const open = raw.indexOf('<', from);
    if (open < 0) break;
    const close = raw.indexOf('>', open + 1);
    if (close < 0) break; // no tag can end any more: the rest is text
    result += raw.slice(from, open) + ' ';
    from = close + 1;
  }
  return result + raw.slice(from);
}

/** The shortest text `revoke-matching` accepts: a shorter one matches far too much by accident. */
export const MATCHING_TEXT_MIN_LENGTH = 3;
export const MATCHING_TEXT_MAX_LENGTH = 100;

export interface RevokeMatchingArguments {
  /** The text between the quotes, trimmed. */
  text?: string;
  justification?: string;
  /** What is wrong with what was typed, when something is. */
  problem?: 'usage' | 'unterminated-quote' | 'too-short';
}

/**
 * `revoke-matching "<text>" <justification>`: the text must be quoted (straight or typographic
 * quotes, as Teams may send them), at least MATCHING_TEXT_MIN_LENGTH characters.
 */
export function parseRevokeMatchingArguments(rest: string): RevokeMatchingArguments {
  if (!rest || !QUOTES.test(rest[0])) return { problem: 'usage' };
  const close = rest.slice(1).search(QUOTES);
  if (close < 0) return { problem: 'unterminated-quote' };
  const text = rest.slice(1, close + 1).trim().slice(0, MATCHING_TEXT_MAX_LENGTH);
  const justification = rest.slice(close + 2).trim();
  const parsed = { text, ...(justification ? { justification } : {}) };
  if (text.length < MATCHING_TEXT_MIN_LENGTH) return { ...parsed, problem: 'too-short' };
  return parsed;
}
