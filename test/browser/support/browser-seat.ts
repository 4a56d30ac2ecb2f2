/**
 * One person's browser on the Playground: headless Debian Chromium driven by playwright-core,
 * kept off the network. Every request that is not to loopback is recorded and aborted, except the
 * Segoe UI fonts and Fluent's "flair" paint worklet that the Playground's UI pulls from Microsoft's
 * CDN: those are answered locally (a font bundled with the Playground, an empty module), so they
 * neither leave the machine nor log console errors. Console errors and page errors are recorded
 * for the test to assert on; the WebSocket messages the page receives (bot messages and card
 * updates) are kept so a test can find a card's ids.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve('test-results', 'browser');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
const KNOWN_CDN_HOST = 'res-1.cdn.office.net';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A font file shipped inside the Playground package, served in place of the CDN's Segoe UI. */
function localFont(): Buffer {
  const media = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'dist', 'client', 'static', 'media');
  const file = readdirSync(media).find((f) => f.endsWith('.woff2'));
  if (!file) throw new Error(`No .woff2 font in ${media}`);
  return readFileSync(path.join(media, file));
}

/** What the Playground pushed to the page over its WebSocket (createMessage / updateMessage). */
export interface PushedMessage {
  action: string;
  actionConversationId: string;
  message: { messageId: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

export interface BrowserSeat {
  readonly name: string;
  readonly page: Page;
  /** Console errors and uncaught page errors, as text. */
  readonly consoleErrors: string[];
  /** Requests that tried to leave loopback (aborted), other than the known CDN assets. */
  readonly offLoopbackRequests: string[];
  /** Known CDN assets answered locally instead. */
  readonly substitutedRequests: string[];
  readonly pushed: PushedMessage[];
  /** Saves test-results/browser/<step>.png (the whole page) and returns its path. */
  screenshot(step: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowserSeat(name: string, url: string): Promise<BrowserSeat> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const profileDir = mkdtempSync(path.join(tmpdir(), `token-guard-browser-${name}-`));
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1300 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const consoleErrors: string[] = [];
  const offLoopbackRequests: string[] = [];
  const substitutedRequests: string[] = [];
  const pushed: PushedMessage[] = [];
  const font = localFont();

  await context.route('**/*', async (route) => {
    const requestUrl = new URL(route.request().url());
    if (LOOPBACK_HOSTS.has(requestUrl.hostname) || requestUrl.protocol === 'data:' || requestUrl.protocol === 'blob:') return route.continue();
    if (requestUrl.hostname === KNOWN_CDN_HOST && requestUrl.pathname.endsWith('.woff2')) {
      substitutedRequests.push(requestUrl.href);
      return route.fulfill({ status: 200, contentType: 'font/woff2', body: font, headers: { 'access-control-allow-origin': '*' } });
    }
    if (requestUrl.hostname === KNOWN_CDN_HOST && requestUrl.pathname.endsWith('/flair.min.js')) {
      substitutedRequests.push(requestUrl.href);
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: '// flair paint worklet: not needed offline\n' });
    }
    offLoopbackRequests.push(requestUrl.href);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
      try {
        const parsed = JSON.parse(text) as Partial<PushedMessage>;
        if (parsed.action && parsed.actionConversationId && parsed.message) pushed.push(parsed as PushedMessage);
      } catch {
        // not JSON: not ours to read
      }
    });
  });
  await page.goto(url);

  return {
    name,
    page,
    consoleErrors,
    offLoopbackRequests,
    substitutedRequests,
    pushed,
    async screenshot(step) {
      const file = path.join(RESULTS_DIR, `${step}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
