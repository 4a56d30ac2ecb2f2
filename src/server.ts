/**
 * HTTP: POST /api/messages (Bot Framework) and GET /healthz. Whatever arrives, the answer is a
 * definite status, never an unhandled 500 with internals in it. For /api/messages, in this order:
 * 415 for anything but a plain JSON body and 413 for a declared length past the limit (before
 * reading it), 401 without a bearer token, 413 past the limit while reading, 400 for a body that is not an activity (or has no usable serviceUrl), 403 for an
 * activity not from Teams or not of our tenant, 401 for any other authentication failure.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { contentTypeProblem, discardRestOfBody, readJsonBody } from './support/json-body';
import type { Logger } from './support/logger';
import { RateLimitedLog } from './support/rate-limited-log';
import type { OneTimeDownloads } from './exports/one-time-downloads';
import type { TokenGuardAdapter } from './teams/adapter';
import { InboundRefusal } from './teams/inbound-gate';

/** Teams activities are small; cards we receive back are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;
/** A refused body up to this size is read to the end and dropped (keep-alive); a larger one closes the connection. */
const DRAIN_BYTES = 4 * MAX_BODY_BYTES;

export interface ServerDeps {
  adapter: TokenGuardAdapter;
  logic: (context: TurnContext) => Promise<void>;
  health: () => Promise<{ ok: boolean; details: Record<string, unknown> }>;
  logger: Logger;
  /** GET /healthz?deep=1: the doctor's checks, by id and status only (no secrets, ids or URLs). */
  deepHealth?: () => Promise<{ ok: boolean; details: Record<string, unknown> }>;
  /** One-time file downloads (history export): GET /exports/<token> shows the page, POST serves the file once. */
  downloads?: Pick<OneTimeDownloads, 'peek' | 'take'>;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'token-guard', handleUncaughtExceptions: false });
  // Idle keep-alive connections live longer than Node's 5 s default: a client (or Azure's front end)
  // reusing a connection the server is closing at that moment loses its request ("socket hang up").
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  // No body parser: /api/messages reads its own body (see json-body.ts); nothing else takes one.
  const unauthenticated = new RateLimitedLog(deps.logger);
  const rejectUnauthenticated = (res: Response, reason: string) => {
    unauthenticated.warn('rejected an unauthenticated request', { reason: reason.slice(0, 200) });
    if (!res.headersSent) res.send(401, { error: 'Unauthorized', message: 'The request is not authenticated by the Bot Framework.' });
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    const unsupported = contentTypeProblem(req.headers);
    if (unsupported) {
      await discardRestOfBody(req, res, DRAIN_BYTES);
      res.send(415, { error: 'UnsupportedMediaType', message: unsupported });
      return;
    }
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      await discardRestOfBody(req, res, DRAIN_BYTES);
      res.send(413, { error: 'PayloadTooLarge', message: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
      return;
    }
    const authHeader = req.header('authorization') ?? '';
    if (deps.adapter.authenticationOn && !/^Bearer \S/.test(authHeader)) {
      await discardRestOfBody(req, res, DRAIN_BYTES);
      rejectUnauthenticated(res, 'no bearer token');
      return;
    }
    const body = await readJsonBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      await discardRestOfBody(req, res, DRAIN_BYTES);
      res.send(body.status, { error: body.status === 413 ? 'PayloadTooLarge' : 'BadRequest', message: body.message });
      return;
    }
    const problem = activityProblem(body.value);
    if (problem) {
      res.send(400, { error: 'BadRequest', message: problem });
      return;
    }
    const activity = withDates(body.value as Activity);
    try {
      // processActivity, not process(): process() prints every rejected token's stack to stderr,
      // which lets anyone flood the log; here a rejection is one scrubbed line and a 401.
      const invokeResponse = await deps.adapter.handle(authHeader, activity, deps.logic);
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (error) {
      if (error instanceof InboundRefusal) {
        if (!res.headersSent) res.send(error.status, error.body);
        return;
      }
      if (isAuthenticationFailure(error)) {
        rejectUnauthenticated(res, (error as Error).message ?? '');
        return;
      }
      deps.logger.error('request failed', { error });
      if (!res.headersSent) res.send(500, { error: 'InternalError', message: 'The bot could not process this activity.' });
    }
  });

  server.get('/healthz', async (req: Request, res: Response) => {
    const deep = deps.deepHealth && new URLSearchParams(req.getQuery()).get('deep') === '1';
    const health = await (deep ? deps.deepHealth!() : deps.health()).catch((error: unknown) => ({ ok: false, details: { error: String(error) } }));
    res.send(health.ok ? 200 : 503, { status: health.ok ? 'ok' : 'unavailable', ...health.details });
  });

  // A one-time download (history export). GET shows a page with a download button and consumes
  // nothing (link previews and Safe Links scanners fetch links); the file is served once, on POST.
  // The token is the only credential: never logged.
  server.get('/exports/:token', async (req: Request, res: Response) => {
    const offer = deps.downloads ? await deps.downloads.peek(String(req.params?.token ?? '')) : { found: 'unknown' as const };
    if (offer.found === 'ready') return sendPage(res, 200, exportPage(offer.fileName, offer.expiresAt));
    sendPage(res, offer.found === 'gone' ? 410 : 404, offer.found === 'gone' ? GONE_PAGE : NOT_FOUND_PAGE);
  });

  server.post('/exports/:token', async (req: Request, res: Response) => {
    const taken = deps.downloads ? await deps.downloads.take(String(req.params?.token ?? '')) : { found: 'unknown' as const };
    if (taken.found === 'ready') {
      const { download } = taken;
      setExportHeaders(res);
      res.setHeader('content-type', download.contentType);
      res.setHeader('content-disposition', `attachment; filename="${download.fileName}"`);
      deps.logger.info('export downloaded', { fileName: download.fileName });
      res.sendRaw(200, download.body);
      return;
    }
    sendPage(res, taken.found === 'gone' ? 410 : 404, taken.found === 'gone' ? GONE_PAGE : NOT_FOUND_PAGE);
  });

  // The pages the Teams app manifest links to (developer website, privacy, terms of use).
  for (const [route, page] of Object.entries(PAGES)) {
    server.get(route, async (_req: Request, res: Response) => {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(200, page);
    });
  }

  server.on('restifyError', (req: Request, _res: Response, error: { statusCode?: number; message?: string }, next: () => void) => {
    if ((error.statusCode ?? 500) >= 500) deps.logger.error('http error', { path: req.path(), error: error.message });
    next();
  });
  return server;
}

const PAGES: Record<string, string> = {
  '/': 'Token Guard: a Microsoft Teams bot that revokes Android Device Owner enrollment tokens in Intune after a second admin approves.\n',
  '/privacy':
    'Token Guard privacy: it stores the Entra object ids and display names of the people who request, approve, reject or cancel a ' +
    'revoke, their justifications and reasons, the enrollment profile ids and names concerned, and Teams conversation references, ' +
    "in your organization's own storage, for the audit trail. It never stores enrollment tokens, QR codes or Wi-Fi passwords.\n",
  '/terms': 'Token Guard terms of use: for use by your organization\'s Intune administrators under your organization\'s policies.\n',
};

/**
 * The export pages hold no user text (only our own file name and a time), load nothing, run no
 * script, and may only post their form back to this server.
 */
const EXPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function setExportHeaders(res: Response): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', EXPORT_PAGE_CSP);
}

function sendPage(res: Response, status: number, html: string): void {
  setExportHeaders(res);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.sendRaw(status, html);
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(title)}</title><style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

function exportPage(fileName: string, expiresAt: string): string {
  return page(
    'Token Guard audit export',
    `<p>The file <code>${escapeHtml(fileName)}</code> can be downloaded once, until ${escapeHtml(expiresAt)}.</p>` +
      // An empty action posts back to this same URL.
      `<form method="post" action=""><button type="submit">Download</button></form>`,
  );
}

const GONE_PAGE = page('Link already used or expired', '<p>This download link was already used or has expired. Send <code>history export</code> to the bot again.</p>');
const NOT_FOUND_PAGE = page('No such download', '<p>This download link is not known.</p>');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isAuthenticationFailure(error: unknown): boolean {
  return error instanceof AuthenticationError || (error as { statusCode?: number } | undefined)?.statusCode === 401;
}

/** What botbuilder's own process() does to a parsed body: timestamps become Dates. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field] as string);
    }
  }
  return activity;
}

/** The minimum an activity must look like before botbuilder sees it (it throws on some shapes). */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a JSON object (an activity) sent as application/json.';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) return 'The activity has no type.';
  for (const field of ['from', 'conversation', 'recipient', 'channelData', 'value'] as const) {
    const value = activity[field];
    if (value !== undefined && value !== null && typeof value !== 'object') return `The activity's ${field} must be an object.`;
  }
  for (const field of ['serviceUrl', 'channelId', 'text', 'id', 'name'] as const) {
    const value = activity[field];
    if (value !== undefined && value !== null && typeof value !== 'string') return `The activity's ${field} must be a string.`;
  }
  if (activity.conversation && typeof (activity.conversation as Record<string, unknown>).id !== 'string') return 'The activity\'s conversation has no id.';
  return undefined;
}
