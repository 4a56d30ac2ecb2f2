import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One request as the route handlers see it: URL already parsed and split, body read once.
 * Handlers answer through `res` and never throw for bad input (they answer 4xx instead).
 */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path with percent-escapes kept, duplicate slashes collapsed. */
  rawPath: string;
  /** Decoded path segments (empty segments dropped). */
  segments: string[];
  query: Record<string, string>;
  /** Raw request body (empty string when none). */
  body: string;
  /** When the request arrived (ms since epoch). */
  at: number;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readExchange(req: IncomingMessage, res: ServerResponse): Promise<Exchange> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const rawPath = url.pathname.replace(/\/{2,}/g, '/');
  const segments = rawPath.split('/').filter((s) => s.length > 0).map(safeDecode);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  return { req, res, method: (req.method ?? 'GET').toUpperCase(), rawPath, segments, query, body: await readBody(req), at: Date.now() };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Parses a JSON object body; an empty body gives `{}`, anything else that is not a JSON object an Error. */
export function parseJsonBody(body: string): Record<string, unknown> | Error {
  if (body.trim() === '') return {};
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Error('The request body must be a JSON object.');
    return value as Record<string, unknown>;
  } catch {
    return new Error('The request body is not valid JSON.');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, headers);
  res.end();
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
