/**
 * User values inside Teams markdown chat messages. Whatever a person typed (a mistyped command, a
 * reason, a name) is shown as the characters typed, never as formatting or a link: markdown
 * punctuation is backslash-escaped, angle brackets become entities (Teams renders HTML in
 * markdown), line breaks fold (no new block can start), and URLs are defanged (`https[:]//`,
 * `www[.]`) because Teams links bare addresses by itself. Cards need none of this: their TextRuns
 * are plain text.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_~[\]|]/g;

export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:\/\//g, '\\[:\\]//')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\[.\\]`);
}

/** A value shown inside a `code span`: escapes do not work there, so what could end the span goes. */
export function inCodeSpan(value: string): string {
  return value.replace(/[`\r\n]+/g, '');
}
