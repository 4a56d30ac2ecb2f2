/**
 * `history export`: an approver, in personal chat, gets a one-time link under PUBLIC_BASE_URL.
 * GET on the link (what link previews and Safe Links scanners do) shows a small page with a download
 * button and consumes nothing; the POST that button sends serves our tenant's audit as JSON Lines
 * (oldest first) once; afterwards the link answers 410 Gone.
 */
import { strict as assert } from 'node:assert';
import { bob, carol, dave, OTHER_TENANT_ID, OUR_TENANT_ID } from '../support/cast';
import { readAudit } from '../support/stored-records';
import { channelThread, personalChat } from '../support/teams-client';
import { BOT_APP, GRAPH_APP, useTokenGuard } from '../support/token-guard-world';

const PUBLIC_BASE_URL = 'https://token-guard.example';
const LINK = new RegExp(`${PUBLIC_BASE_URL.replace(/\./g, '\\.')}(/exports/[A-Za-z0-9_-]+)`);

describe('e2e: history export', function () {
  const world = useTokenGuard({ env: { PUBLIC_BASE_URL } });

  /** The link in the bot's answer, pointed at the bot itself (PUBLIC_BASE_URL is its public name). */
  async function askForExport(text: string): Promise<{ answer: string; url?: string }> {
    const chat = personalChat(OUR_TENANT_ID, bob);
    const { replies } = await world.teams.say(bob, text, chat);
    const answer = replies.map((r) => String(r.activity.text ?? '')).join('\n');
    const path = LINK.exec(answer)?.[1];
    return { answer, ...(path ? { url: `${world.bot.url}${path}` } : {}) };
  }

  it('an approver gets a one-time link to every audit entry as JSON Lines, oldest first, without secrets', async function () {
    const { teams, sim } = world;
    // Some history: a request approved and revoked (with a Graph request-id), and a refused click.
    const thread = channelThread(OUR_TENANT_ID);
    const secretsBefore = world.profile('Engineering Pilot');
    const sent = await teams.openRequest(carol, 'Engineering Pilot', 'QR code left on a printer', thread);
    await teams.click(carol, 'approve', sent.requestId);
    await teams.click(bob, 'approve', sent.requestId);
    await teams.waitForReply(thread, /revoked/i, 20_000);

    const { answer, url } = await askForExport('history export');
    assert.ok(url, `a link in the answer:\n${answer}`);
    assert.match(answer, /oldest first, one JSON object per line/);
    assert.match(answer, /within 10 minutes/);

    // Another tenant's user writes to the bot: nothing of it may reach our export.
    await teams.say(dave, 'history export', personalChat(OTHER_TENANT_ID, dave)).catch(() => undefined);

    // Looking at the link (GET), twice, as a scanner and then the person would: a page, nothing used up.
    for (let look = 0; look < 2; look++) {
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*form-action 'self'/);
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(page.headers.get('content-disposition'), null, 'the page is no download');
      const html = await page.text();
      assert.match(html, /<form method="post" action=""><button type="submit">Download<\/button><\/form>/);
      assert.doesNotMatch(html, /<script|"seq"|QR code left/i, 'no script, no audit content, no user text');
    }

    const response = await fetch(url, { method: 'POST' });
    const body = await response.text();
    assert.ok(body.endsWith('\n'));
    const lines = body.trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; action: string; actorId: string; graphRequestId?: string });

    const stored = readAudit(world.bot.dataDir).filter((s) => (s as { tenantId?: string }).tenantId === OUR_TENANT_ID);
    assert.deepEqual(lines.map((l) => l.seq), stored.map((s) => s.seq), "every audit entry of our tenant, oldest first");
    assert.ok(lines.every((l) => (l as { tenantId?: string }).tenantId === OUR_TENANT_ID), "our tenant's entries only");
    assert.deepEqual(lines.map((l) => l.action), stored.map((s) => s.action));
    for (const action of ['request.created', 'access.denied', 'request.approved', 'revoke.succeeded']) {
      assert.ok(lines.some((l) => l.action === action), `the export has ${action}`);
    }
    assert.equal(lines.find((l) => l.action === 'revoke.succeeded')?.graphRequestId, sim.graph.revokeCalls()[0].requestId);
    const exported = lines[lines.length - 1];
    assert.deepEqual([exported.action, exported.actorId], ['audit.exported', bob.aadObjectId], 'the export itself is audited');

    const secrets = [secretsBefore.tokenValue, secretsBefore.qrCodeContent, secretsBefore.qrCodeImage?.value, BOT_APP.secret, GRAPH_APP.secret];
    for (const secret of secrets.filter((s): s is string => Boolean(s))) assert.ok(!body.includes(secret), 'no secret in the export');
    assert.doesNotMatch(body, /eyJ[\w-]{10,}\.[\w-]{10,}\./, 'no token in the export');

    const again = await fetch(url, { method: 'POST' });
    assert.equal(again.status, 410, 'the link works once');
    assert.ok(!(await again.text()).includes('"seq"'));
    const lookAfter = await fetch(url);
    assert.equal(lookAfter.status, 410, 'a used link shows "gone"');
    assert.match(await lookAfter.text(), /already used or has expired/);
  });

  it('the Portuguese alias works too, and each export gets its own link', async function () {
    const first = await askForExport('historico exportar');
    const second = await askForExport('history export');
    assert.ok(first.url && second.url);
    assert.notEqual(first.url, second.url);
    assert.equal((await fetch(second.url, { method: 'POST' })).status, 200);
    assert.equal((await fetch(first.url, { method: 'POST' })).status, 200);
  });

  it('a requester who is no approver gets no link, and the refusal is audited', async function () {
    const { teams } = world;
    const chat = personalChat(OUR_TENANT_ID, carol);
    const { replies } = await teams.say(carol, 'history export', chat);
    const answer = replies.map((r) => String(r.activity.text ?? '')).join('\n');
    assert.match(answer, /Only Token Guard approvers can export/);
    assert.doesNotMatch(answer, /exports\//);
    const denial = readAudit(world.bot.dataDir).filter((a) => a.action === 'access.denied' && a.actorId === carol.aadObjectId).pop();
    assert.deepEqual([denial?.outcome, denial?.detail], ['not-approver', 'export']);
  });

  it('in a channel an approver is sent to the personal chat: a link there would be seen by everyone', async function () {
    const { teams } = world;
    const thread = channelThread(OUR_TENANT_ID);
    const { replies } = await teams.say(bob, 'history export', thread);
    const answer = replies.map((r) => String(r.activity.text ?? '')).join('\n');
    assert.match(answer, /only in a personal chat/);
    assert.doesNotMatch(answer, /exports\//);
  });

  it('an unknown or malformed token is 404', async function () {
    assert.equal((await fetch(`${world.bot.url}/exports/${'A'.repeat(43)}`)).status, 404);
    assert.equal((await fetch(`${world.bot.url}/exports/not-a-token`)).status, 404);
    assert.equal((await fetch(`${world.bot.url}/exports/${'A'.repeat(43)}`, { method: 'POST' })).status, 404);
  });
});
