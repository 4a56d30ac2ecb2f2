/**
 * Chat text → a command. Pure: no botbuilder. The bot's @mention is already removed.
 * `revoke <profile> [justification]`: the profile is one word or a "double-quoted" name
 * (Teams clients may turn quotes into “curly” ones: both count).
 */
import { closestWord } from './closest-match';

/** Longest message we parse; anything longer is answered, not parsed. */
export const MAX_COMMAND_LENGTH = 2000;
/** Longest raw text (markup included) that is normalized at all: Teams itself rejects messages over about 28 KB. */
export const MAX_RAW_TEXT_LENGTH = 28 * 1024;
export const MAX_JUSTIFICATION_LENGTH = 500;

export type ParsedCommand =
  | { name: 'empty' }
  | { name: 'too-long'; length: number }
  | { name: 'help' }
  | { name: 'cancel'; requestId?: string }
  | { name: 'revoke'; profileQuery?: string; justification?: string; unterminatedQuote?: boolean }
  | { name: 'list'; query?: string }
  | { name: 'show'; profileQuery?: string; unterminatedQuote?: boolean }
  | { name: 'pending' }
  | { name: 'history'; profileQuery?: string; limit?: number; export?: boolean; unterminatedQuote?: boolean }
  | { name: 'whoami' }
  | { name: 'unknown'; word: string; suggestion?: string };

type CommandWord = Exclude<ParsedCommand['name'], 'empty' | 'too-long' | 'unknown'>;

/** Every word a command is known by, in English and Brazilian Portuguese (compared in lower case). */
export const COMMAND_WORDS: Readonly<Record<string, CommandWord>> = {
  help: 'help',
  '?': 'help',
  ajuda: 'help',
  revoke: 'revoke',
  revogar: 'revoke',
  cancel: 'cancel',
  cancelar: 'cancel',
  list: 'list',
  listar: 'list',
  show: 'show',
  mostrar: 'show',
  pending: 'pending',
  pendentes: 'pending',
  history: 'history',
  historico: 'history',
  'histórico': 'history',
  whoami: 'whoami',
  quemsoueu: 'whoami',
};

/** `history export` (and `historico exportar`). */
const EXPORT_WORDS = new Set(['export', 'exportar']);
/** Most history entries one message shows. */
export const MAX_HISTORY_LIMIT = 50;

const QUOTES = /[“”„‟"]/;

export function parseCommand(raw: string): ParsedCommand {
  // The cap comes before any parsing, so no text costs more than a bounded, linear amount of work.
  if (raw.length > MAX_RAW_TEXT_LENGTH) return { name: 'too-long', length: raw.length };
  const text = normalize(raw);
  if (!text) return { name: 'empty' };
  if (text.length > MAX_COMMAND_LENGTH) return { name: 'too-long', length: text.length };
  const [first, rest] = splitFirstWord(text);
  const word = COMMAND_WORDS[first.toLowerCase()];
  switch (word) {
    case undefined: {
      const suggestion = closestWord(first, Object.keys(COMMAND_WORDS).filter((w) => w.length > 1));
      return { name: 'unknown', word: first.slice(0, 40), ...(suggestion ? { suggestion } : {}) };
    }
    case 'revoke':
      return { name: 'revoke', ...parseRevokeArguments(rest) };
    case 'list':
      return { name: 'list', ...(rest ? { query: unquote(rest) } : {}) };
    case 'show':
      return { name: 'show', ...parseProfileArgument(rest) };
    case 'cancel': {
      const [requestId] = splitFirstWord(rest);
      return { name: 'cancel', ...(requestId ? { requestId: unquote(requestId) } : {}) };
    }
    case 'history':
      return { name: 'history', ...parseHistoryArguments(rest) };
    default:
      return { name: word };
  }
}

function parseHistoryArguments(rest: string): { profileQuery?: string; limit?: number; export?: boolean; unterminatedQuote?: boolean } {
  if (EXPORT_WORDS.has(rest.toLowerCase())) return { export: true };
  const match = /^(.*?)\s*\b(\d{1,6})$/.exec(rest);
  const limit = match ? Math.min(Math.max(Number(match[2]), 1), MAX_HISTORY_LIMIT) : undefined;
  const profilePart = match ? match[1] : rest;
  return { ...parseProfileArgument(profilePart), ...(limit !== undefined ? { limit } : {}) };
}

/** The whole rest names one profile: as typed, or between double quotes. */
function parseProfileArgument(rest: string): { profileQuery?: string; unterminatedQuote?: boolean } {
  if (!rest) return {};
  if (QUOTES.test(rest[0])) {
    const close = rest.slice(1).search(QUOTES);
    if (close < 0) return { unterminatedQuote: true };
    const profileQuery = rest.slice(1, close + 1).trim();
    return profileQuery ? { profileQuery } : {};
  }
  return { profileQuery: rest };
}

function unquote(text: string): string {
  return text.replace(/^[“”„‟"]+|[“”„‟"]+$/g, '').trim();
}

function parseRevokeArguments(rest: string): { profileQuery?: string; justification?: string; unterminatedQuote?: boolean } {
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
