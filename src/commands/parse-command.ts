/**
 * Chat text → a command. Pure: no botbuilder. The bot's @mention is already removed.
 * `revoke <profile> [justification]`: the profile is one word or a "double-quoted" name
 * (Teams clients may turn quotes into “curly” ones: both count).
 */

/** Longest message we parse; anything longer is answered, not parsed. */
export const MAX_COMMAND_LENGTH = 2000;
export const MAX_JUSTIFICATION_LENGTH = 500;

export type ParsedCommand =
  | { name: 'empty' }
  | { name: 'too-long'; length: number }
  | { name: 'help' }
  | { name: 'cancel' }
  | { name: 'revoke'; profileQuery?: string; justification?: string; unterminatedQuote?: boolean }
  | { name: 'unknown'; word: string };

const WORDS: Record<string, 'help' | 'revoke' | 'cancel'> = {
  help: 'help',
  '?': 'help',
  revoke: 'revoke',
  cancel: 'cancel',
};

const QUOTES = /[“”„‟"]/;

export function parseCommand(raw: string): ParsedCommand {
  const text = normalize(raw);
  if (!text) return { name: 'empty' };
  if (text.length > MAX_COMMAND_LENGTH) return { name: 'too-long', length: text.length };
  const [first, rest] = splitFirstWord(text);
  const word = WORDS[first.toLowerCase()];
  if (!word) return { name: 'unknown', word: first.slice(0, 40) };
  if (word !== 'revoke') return { name: word };
  return { name: 'revoke', ...parseRevokeArguments(rest) };
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

/** Plain text from what Teams sends: HTML remnants, non-breaking spaces and line breaks folded. */
export function normalize(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}
