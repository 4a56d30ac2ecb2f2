/**
 * A JSON request body read by hand, because what restify's body parser does is unsafe before
 * authentication: it inflates gzip before counting bytes (a 200 KiB bomb becomes 200 MiB) and hands
 * multipart to formidable, which writes files to TMPDIR. Here the headers are judged first (415
 * before a byte of the body is read), then at most `maxBytes` raw bytes are kept in memory (413
 * past them), nothing touches the disk, and only then the bytes are decoded and parsed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** `application/json`, optionally `; charset=utf-8`, nothing else. */
export function contentTypeProblem(headers: IncomingMessage['headers']): string | undefined {
  const expected = 'The body must be a JSON activity sent as Content-Type: application/json (UTF-8) without Content-Encoding.';
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string') return expected;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== 'application/json') return expected;
  for (const parameter of parameters) {
    if (parameter === '') continue;
    const [name, rawValue = ''] = parameter.split('=').map((part) => part.trim());
    const value = rawValue.replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name.toLowerCase() !== 'charset' || (value !== 'utf-8' && value !== 'utf8')) return expected;
  }
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && String(encoding).split(',').some((token) => token.trim().toLowerCase() !== 'identity')) return expected;
  return undefined;
}

/** Reads and parses the body; the caller has already accepted its headers. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const tooLarge = { ok: false, status: 413, message: `The body is larger than ${maxBytes} bytes.` } as const;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const chunks: Buffer[] = [];
  let received = 0;
  const complete = await new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Keep nothing more; the caller answers 413 and discards the rest.
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(false);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(true));
    req.once('error', reject);
    req.once('aborted', () => resolve(false));
  });
  if (!complete) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, received));
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid UTF-8.' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON.' };
  }
}

/**
 * Before a refusal of a body that is not going to be read: throw away what the client still sends,
 * keeping none of it. A body declared no larger than `drainBytes` is discarded to its end first, so
 * the client, still writing, gets the answer on a usable connection; a larger or undeclared one is
 * answered at once with `Connection: close`, and the socket goes if the rest takes over `graceMs`.
 */
export async function discardRestOfBody(req: IncomingMessage, res: ServerResponse, drainBytes: number, graceMs = 2_000): Promise<void> {
  if (req.complete) return;
  req.removeAllListeners('data');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= drainBytes) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), graceMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      req.once('end', done);
      req.once('close', done);
      req.once('error', done);
      req.resume();
    });
    return;
  }
  res.setHeader('connection', 'close');
  res.once('finish', () => {
    if (req.complete) return;
    req.resume();
    const timer = setTimeout(() => req.destroy(), graceMs);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
  });
}
