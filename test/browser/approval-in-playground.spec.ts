/**
 * The whole product in a browser: what `npm run dev` starts (simulator, bot, M365 Agents
 * Playground, Bruno's seat), driven through the Playground's UI in headless Chromium. The test
 * fails on any browser console error and on any request that leaves loopback. Screenshots of
 * every step go to test-results/browser/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startDevEnvironment, type DevEnvironment } from '../../tools/dev/dev-environment';
import { DEV_BOT, DEV_CONVERSATIONS, devPerson } from '../../tools/dev/playground-config';
import { freePort } from '../support/bot-process';
import { openBrowserSeat, RESULTS_DIR, type BrowserSeat, type PushedMessage } from './support/browser-seat';
import { listeningAddresses } from './support/listening-sockets';
import { cardActions, invokeCardActionAs } from './support/playground-api';
import { cardShowing, openConversation, postInChannelMentioning, sendInChatMentioning, UI_TIMEOUT_MS } from './support/playground-ui';

const alice = devPerson('alice');
const bruno = devPerson('bruno');
const CHANNEL_LABEL = `${DEV_CONVERSATIONS.team.name} - ${DEV_CONVERSATIONS.team.approvalsChannel.name}`;
const GROUP_CHAT_LABEL = DEV_CONVERSATIONS.groupChat.name;

/** The first card the bot pushed to this seat (createMessage) whose Approve button names a request. */
async function waitForApprovalCard(seat: BrowserSeat, since: number): Promise<{ pushed: PushedMessage; requestId: string }> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const pushed of seat.pushed.slice(since)) {
      const approve = pushed.action === 'createMessage' ? cardActions(pushed).find((a) => a.verb === 'approve') : undefined;
      if (approve && typeof approve.data.requestId === 'string') return { pushed, requestId: approve.data.requestId };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${seat.name}'s browser received no approval card within ${UI_TIMEOUT_MS / 1000} s`);
}

function profileIdNamed(env: DevEnvironment, displayName: string): string {
  const found = [...env.simulator.graph.profiles.values()].find((p) => p.displayName === displayName);
  assert.ok(found, `seeded profile "${displayName}"`);
  return found.id;
}

/** The chat pane from the top down to the card's last button, without the Playground's log panel (for the README). */
async function screenshotOfCardInContext(page: Page, card: Locator, file: string): Promise<void> {
  await card.getByRole('button', { name: 'Cancel request' }).scrollIntoViewIfNeeded();
  const cardBox = await card.boundingBox();
  const logPanel = await page.getByText('Log Panel', { exact: true }).boundingBox();
  const viewport = page.viewportSize();
  assert.ok(cardBox && viewport);
  const width = logPanel ? Math.max(400, logPanel.x - 16) : viewport.width;
  const height = Math.min(viewport.height, cardBox.y + cardBox.height + 16);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width, height } });
}

function assertBrowsersClean(seats: BrowserSeat[]): void {
  for (const seat of seats) {
    assert.deepEqual(seat.offLoopbackRequests, [], `${seat.name}'s browser tried to leave loopback`);
    assert.deepEqual(seat.consoleErrors, [], `${seat.name}'s browser logged console errors`);
  }
}

describe('Token Guard in the M365 Agents Playground (headless Chromium)', function () {
  this.timeout(180_000);
  let env: DevEnvironment;
  let workDir: string;
  const seats: BrowserSeat[] = [];
  let aliceSeat: BrowserSeat;

  before(async function () {
    workDir = mkdtempSync(path.join(tmpdir(), 'token-guard-browser-'));
    const playgroundPort = await freePort();
    env = await startDevEnvironment({
      botPort: await freePort(),
      simulatorPort: 0,
      playgroundPort,
      mainPerson: alice,
      seats: [{ person: bruno, port: 0 }],
      dataDir: path.join(workDir, 'data'),
      certDir: path.join(workDir, 'certs'),
      playgroundDir: path.join(workDir, 'playground'),
      botOutput: 'capture',
    });
    aliceSeat = await openBrowserSeat('alice', env.playground.url);
    seats.push(aliceSeat);
  });

  afterEach(function () {
    // On failure, keep what the bot and the Playground said next to the screenshots.
    if (this.currentTest?.state === 'failed' && env) {
      writeFileSync(path.join(RESULTS_DIR, 'bot-output.log'), env.botOutput.join('\n') + '\n');
      writeFileSync(path.join(RESULTS_DIR, 'playground-output.log'), env.playground.output.join('\n') + '\n');
    }
  });

  after(async function () {
    for (const seat of seats.splice(0)) await seat.close().catch(() => undefined);
    await env?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('everything it starts listens on 127.0.0.1 only (the Playground has no host option)', function () {
    if (process.platform !== 'linux') this.skip();
    const ports = {
      bot: Number(new URL(env.botEndpoint).port),
      simulator: Number(new URL(env.simulator.baseUrl).port),
      playground: env.playground.port,
      "Bruno's seat": env.seats[0].port,
    };
    for (const [what, port] of Object.entries(ports)) {
      assert.deepEqual(listeningAddresses(port), ['127.0.0.1'], `${what} (port ${port})`);
    }
  });

  it('channel: Alice asks with an @mention, her own Approve is refused, Bruno approves, Alice sees the card updated and the result', async function () {
    const { page } = aliceSeat;
    const profileId = profileIdNamed(env, 'Kiosk Lisbon');
    await openConversation(page, CHANNEL_LABEL);
    const since = aliceSeat.pushed.length;
    await postInChannelMentioning(page, DEV_BOT.name, 'revoke "Kiosk Lisbon" QR code photographed by a visitor');

    const { pushed, requestId } = await waitForApprovalCard(aliceSeat, since);
    const card = cardShowing(page, requestId);
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await card.getByText('Kiosk Lisbon', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await aliceSeat.screenshot('01-channel-alice-asks-card-appears');
    await screenshotOfCardInContext(page, card, path.join(RESULTS_DIR, 'approval-card.png'));

    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText(/you asked for this revoke/i).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await aliceSeat.screenshot('02-channel-alice-own-approve-refused');
    assert.equal(env.simulator.graph.revokeCalls(profileId).length, 0, 'no revoke after the requester\'s own Approve');

    const approve = cardActions(pushed).find((a) => a.verb === 'approve');
    assert.ok(approve);
    await invokeCardActionAs(env.playground.url, bruno.channelId, { conversationId: pushed.actionConversationId, messageId: pushed.message.messageId }, approve);

    await card.filter({ hasText: bruno.name }).filter({ hasText: /revoked/i }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByText(new RegExp(`revoked at .*approved by ${bruno.name}`)).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await aliceSeat.screenshot('03-channel-alice-sees-approval-by-bruno');
    assert.ok(
      aliceSeat.pushed.some((m) => m.action === 'updateMessage' && m.message.messageId === pushed.message.messageId),
      'the card was updated in place',
    );
    assert.equal(env.simulator.graph.revokeCalls(profileId).length, 1, 'exactly one revoke');
    assertBrowsersClean(seats);
  });

  it("group chat: Bruno approves in his own browser seat and both screens show the revoke", async function () {
    const profileId = profileIdNamed(env, 'Kiosk Porto');
    const brunoSeat = await openBrowserSeat('bruno', env.seats[0].url);
    seats.push(brunoSeat);
    await brunoSeat.page.getByText(bruno.name).first().waitFor({ timeout: UI_TIMEOUT_MS }); // the seat acts as Bruno
    await openConversation(aliceSeat.page, GROUP_CHAT_LABEL);
    await openConversation(brunoSeat.page, GROUP_CHAT_LABEL);

    const since = aliceSeat.pushed.length;
    await sendInChatMentioning(aliceSeat.page, DEV_BOT.name, 'revoke "Kiosk Porto" token shared in a public forum');
    const { requestId } = await waitForApprovalCard(aliceSeat, since);
    const brunoCard = cardShowing(brunoSeat.page, requestId);
    await brunoCard.waitFor({ timeout: UI_TIMEOUT_MS });
    await brunoSeat.screenshot('04-group-chat-bruno-sees-card');

    await brunoCard.getByRole('button', { name: 'Approve', exact: true }).click();
    for (const seat of [brunoSeat, aliceSeat]) {
      await cardShowing(seat.page, requestId).filter({ hasText: bruno.name }).filter({ hasText: /revoked/i }).waitFor({ timeout: UI_TIMEOUT_MS });
      await seat.page.getByText(new RegExp(`revoked at .*approved by ${bruno.name}`)).first().waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await brunoSeat.screenshot('05-group-chat-bruno-approved');
    await aliceSeat.screenshot('06-group-chat-alice-sees-revoke');
    assert.equal(env.simulator.graph.revokeCalls(profileId).length, 1, 'exactly one revoke');
    assertBrowsersClean(seats);
  });
});
