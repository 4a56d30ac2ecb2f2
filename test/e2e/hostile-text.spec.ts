/**
 * Hostile input: text. A message built to make the parser's regular expressions backtrack must
 * not stall the server (tenant and channel checks first, then the length cap, then linear-time
 * parsing: /healthz keeps answering in well under a second, its latency is printed), and user
 * text echoed in a chat message never becomes markdown or a live link.
 */
import { strict as assert } from 'node:assert';
import { alice, bob, OTHER_TENANT_ID, OUR_TENANT_ID } from '../support/cast';
import { healthLatencies } from '../support/hostile-requests';
import { channelThread, personalChat } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const LINK = '[Approve](https://evil.example/x)';

/** Markdown link syntax whose brackets are not escaped, an HTML anchor, or the URL as typed (auto-linked by Teams). */
function liveLinks(text: string): string[] {
  const found: string[] = [];
  const markdownLink = /(^|[^\\])\[[^\]]*[^\\]\]\(/.exec(text);
  if (markdownLink) found.push(markdownLink[0]);
  if (/<a\s/i.test(text)) found.push('<a …>');
  if (text.includes('https://evil.example')) found.push('https://evil.example');
  return found;
}

describe('e2e hostile: text that stalls a regular expression', function () {
  const world = useTokenGuard();

  const cases: [string, () => { body: Record<string, unknown> }][] = [
    ['60,000 "<" from our tenant', () => ({ body: world.teams.messageActivity(alice, '<'.repeat(60_000), channelThread(OUR_TENANT_ID)) })],
    ['60,000 "<" from another tenant', () => ({ body: world.teams.messageActivity(alice, '<'.repeat(60_000), channelThread(OTHER_TENANT_ID)) })],
    ['"<a" × 30,000 in personal chat', () => ({ body: world.teams.messageActivity(alice, '<a'.repeat(30_000), personalChat(OUR_TENANT_ID, alice)) })],
    ['60,000 spaces between words', () => ({ body: world.teams.messageActivity(alice, `revoke x${' '.repeat(60_000)}y`, channelThread(OUR_TENANT_ID)) })],
  ];

  for (const [what, build] of cases) {
    it(`${what}: handled at once, /healthz stays well under a second`, async function () {
      const { body } = build();
      const started = performance.now();
      const handled = world.teams.post(body);
      const latencies = await healthLatencies(world.bot.url, handled, 20);
      const answer = await handled;
      const turnMs = performance.now() - started;
      const worst = Math.max(...latencies);
      process.stderr.write(`      ${what}: turn ${turnMs.toFixed(0)} ms, /healthz ×${latencies.length} worst ${worst.toFixed(0)} ms\n`);
      assert.ok(answer.status === 200 || answer.status === 403, `status ${answer.status}`);
      assert.ok(worst < 1000, `/healthz took ${worst.toFixed(0)} ms while the message was handled`);
    });
  }

  it('the over-long message from our tenant is answered with the limit', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(alice, '<'.repeat(60_000), thread);
    assert.match(String(replies[0]?.activity.text), /too long/);
  });
});

describe('e2e hostile: user text echoed in chat messages', function () {
  const world = useTokenGuard();

  it(`a mistyped command ${LINK} comes back escaped, not as a link`, async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(alice, LINK, thread);
    const text = String(replies[0]?.activity.text);
    assert.match(text, /I don't know the command/);
    assert.deepEqual(liveLinks(text), [], text);
    assert.ok(text.includes('Approve'), 'the word is still shown');
  });

  it('HTML and emphasis in a mistyped command are shown, not rendered', async function () {
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await world.teams.say(alice, '**bold**_x_`code`', thread);
    const text = String(replies[0]?.activity.text);
    assert.ok(!text.includes('**bold**'), text);
    assert.ok(!/(^|[^\\])`code/.test(text), text);
  });

  it('a reject reason with a link is escaped in the thread notice; the card keeps it as plain text', async function () {
    const sent = await world.teams.openRequest(alice, 'Kiosk Porto', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    await world.teams.click(bob, 'reject', sent.requestId, { inputs: { reason: `see ${LINK} and www.evil.example` } });
    const notice = await world.teams.waitForReply(sent.conversation, /rejected the revoke/);
    const text = String(notice.activity.text);
    assert.deepEqual(liveLinks(text), [], text);
    assert.ok(!/www\.evil\.example/.test(text), `a bare www. address is defused: ${text}`);
    const card = JSON.stringify(world.teams.currentCard(sent));
    assert.ok(card.includes(LINK), 'the card shows the reason exactly as typed (TextRun, not markdown)');
  });

  it('a cancel reason with a link is escaped in the thread notice', async function () {
    const sent = await world.teams.openRequest(alice, 'Kiosk Faro', 'QR code on a public poster', channelThread(OUR_TENANT_ID));
    await world.teams.click(alice, 'cancel', sent.requestId, { inputs: { reason: LINK } });
    const notice = await world.teams.waitForReply(sent.conversation, /cancelled the request/);
    assert.deepEqual(liveLinks(String(notice.activity.text)), [], String(notice.activity.text));
  });

  it('an unknown profile named like a link is escaped', async function () {
    const { replies } = await world.teams.say(alice, `show ${LINK}`, channelThread(OUR_TENANT_ID));
    const text = replies.map((r) => String(r.activity.text ?? '')).join('\n');
    assert.deepEqual(liveLinks(text), [], text);
  });
});
