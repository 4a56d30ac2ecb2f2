import assert from 'node:assert/strict';
import { escapeMarkdown, inCodeSpan } from '../../../src/i18n/markdown';

describe('escapeMarkdown (user values in chat texts)', () => {
  it('turns a markdown link into text, and defangs its URL', () => {
    assert.equal(escapeMarkdown('[Approve](https://evil.example/x)'), '\\[Approve\\](https\\[:\\]//evil.example/x)');
  });
  it('escapes emphasis, code and strike-through, and HTML', () => {
    assert.equal(escapeMarkdown('**b** _i_ `c` ~s~ <a href="x">'), '\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~s\\~ &lt;a href="x"&gt;');
  });
  it('folds line breaks, so no heading or list can start', () => {
    assert.equal(escapeMarkdown('ok\n# Heading\r\n- item'), 'ok # Heading - item');
  });
  it('defangs bare www. addresses', () => {
    assert.equal(escapeMarkdown('see www.evil.example'), 'see www\\[.\\]evil.example');
  });
  it('leaves ordinary text alone', () => {
    assert.equal(escapeMarkdown('Kiosk Porto (lobby) 2.0'), 'Kiosk Porto (lobby) 2.0');
  });
  it('inCodeSpan drops what could end a code span', () => {
    assert.equal(inCodeSpan('a`[x](http://e)`b\n'), 'a[x](http://e)b');
  });
});
