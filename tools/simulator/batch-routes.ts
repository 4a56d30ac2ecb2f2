import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphIds, sendGraphError, type GraphIds } from './graph-errors';
import { parseJsonBody, safeDecode, type Exchange } from './http-exchange';

/**
 * POST /{version}/$batch: Graph's JSON batching, as strict as Graph. The body is
 * `{"requests":[{id, method, url, headers?, body?}]}` with 1 to 20 requests, unique non-empty
 * string ids, a method, and a URL relative to the version (`/deviceManagement/…`; an absolute URL
 * or one with a version prefix is refused). A malformed batch is one 400 with Graph's error; each
 * well-formed item is answered on its own — roles, throttling, faults and the resource exactly as
 * if it had been sent alone — and the batch answers 200 with `{"responses":[{id, status, headers, body}]}`.
 */
export const BATCH_LIMIT = 20;

export interface BatchItemRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Answers one item as a Graph request of its own: given a sub-exchange and its ids, writes to its res. */
export type AnswerItem = (ex: Exchange, ids: GraphIds) => Promise<void>;

export function isBatchPath(ex: Exchange): boolean {
  return ex.segments.length === 2 && ex.segments[1] === '$batch';
}

export async function handleBatch(ex: Exchange, ids: GraphIds, answerItem: AnswerItem): Promise<void> {
  if (ex.method !== 'POST') return sendGraphError(ex.res, ids, 405, 'BadRequest', 'The $batch endpoint accepts only POST.');
  const parsed = parseJsonBody(ex.body);
  const requests = parsed instanceof Error ? undefined : parsed.requests;
  if (!Array.isArray(requests) || requests.length === 0) return sendGraphError(ex.res, ids, 400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > BATCH_LIMIT) return sendGraphError(ex.res, ids, 400, 'BadRequest', 'Number of requests inside batch exceeds the limit.');
  const problem = batchProblem(requests);
  if (problem) return sendGraphError(ex.res, ids, 400, 'BadRequest', problem);

  const version = ex.segments[0];
  const responses: BatchItemResponse[] = [];
  for (const item of requests as BatchItemRequest[]) {
    const { exchange, answered } = itemExchange(ex, version, item);
    const itemIds = graphIds(item.headers?.['client-request-id'] ?? item.headers?.['Client-Request-Id']);
    await answerItem(exchange, itemIds);
    // A fault that hung the item: Graph gives up on it with 504, the batch still answers.
    if (!exchange.res.headersSent) (exchange.res as unknown as { destroy(): void }).destroy();
    const answer = await answered;
    responses.push({ id: item.id, ...answer });
  }
  const text = JSON.stringify({ responses });
  ex.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId });
  ex.res.end(text);
}

function batchProblem(requests: unknown[]): string | undefined {
  const ids = new Set<string>();
  for (const raw of requests) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'Invalid batch payload format.';
    const item = raw as Record<string, unknown>;
    if (typeof item.id !== 'string' || item.id.trim() === '') return 'Id is a required field and must be a non-empty string.';
    if (ids.has(item.id)) return `Request Id ${item.id} is not unique within the batch.`;
    ids.add(item.id);
    if (typeof item.method !== 'string' || !/^(GET|POST|PATCH|PUT|DELETE)$/i.test(item.method)) return `Invalid method for request ${item.id}.`;
    if (typeof item.url !== 'string' || item.url.trim() === '') return `Url is a required field for request ${item.id}.`;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item.url)) return `Invalid request: the URL of request ${item.id} must be relative.`;
    if (/^\/?(v1\.0|beta)(\/|$)/i.test(item.url)) return `Invalid request: the URL of request ${item.id} must be relative to the batch's version.`;
    if (item.headers !== undefined && (typeof item.headers !== 'object' || item.headers === null || Array.isArray(item.headers))) return `Invalid headers for request ${item.id}.`;
    if (item.body !== undefined && !hasContentType(item.headers as Record<string, unknown> | undefined)) return `Content-Type header is required for request ${item.id} with a body.`;
    if (item.dependsOn !== undefined) return 'dependsOn is not supported by this simulator.';
  }
  return undefined;
}

function hasContentType(headers: Record<string, unknown> | undefined): boolean {
  return headers !== undefined && Object.keys(headers).some((key) => key.toLowerCase() === 'content-type');
}

/** The item as an exchange of its own, whose answer is captured instead of written to a socket. */
function itemExchange(parent: Exchange, version: string, item: BatchItemRequest): { exchange: Exchange; answered: Promise<Omit<BatchItemResponse, 'id'>> } {
  const url = new URL(item.url.startsWith('/') ? item.url : `/${item.url}`, 'https://127.0.0.1');
  const rawPath = `/${version}${url.pathname.replace(/\/{2,}/g, '/')}`;
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(item.headers ?? {})) headers[key.toLowerCase()] = String(value);
  headers.authorization = String(parent.req.headers.authorization ?? '');

  let resolve!: (answer: Omit<BatchItemResponse, 'id'>) => void;
  const answered = new Promise<Omit<BatchItemResponse, 'id'>>((r) => (resolve = r));
  let status = 0;
  let head: Record<string, string> = {};
  interface CapturingResponse {
    headersSent: boolean;
    destroyed: boolean;
    writeHead(code: number, h?: Record<string, string | number>): CapturingResponse;
    end(text?: string): CapturingResponse;
    destroy(): void;
  }
  const res: CapturingResponse = {
    headersSent: false,
    destroyed: false,
    writeHead(code: number, h: Record<string, string | number> = {}) {
      status = code;
      head = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));
      this.headersSent = true;
      return this;
    },
    end(text?: string) {
      const itemHeaders: Record<string, string> = {};
      // Graph's own capitalisation in batch answers.
      if (head['content-type']) itemHeaders['Content-Type'] = head['content-type'].split(';')[0];
      if (head['retry-after']) itemHeaders['Retry-After'] = head['retry-after'];
      if (head['request-id']) itemHeaders['request-id'] = head['request-id'];
      if (head['client-request-id']) itemHeaders['client-request-id'] = head['client-request-id'];
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      resolve({ status, headers: itemHeaders, ...(body !== undefined ? { body } : {}) });
      return this;
    },
    // A fault that hangs or resets the connection cannot do so for one item: Graph answers it 504.
    destroy() {
      if (!this.headersSent) {
        this.writeHead(504, { 'content-type': 'application/json' });
        this.end(JSON.stringify({ error: { code: 'GatewayTimeout', message: 'The request timed out.' } }));
      }
    },
  };
  const req = { headers, method: item.method.toUpperCase(), socket: { destroy: () => res.destroy() } } as unknown as IncomingMessage;
  const segments = rawPath.split('/').filter((s) => s.length > 0).map(safeDecode);
  const body = item.body === undefined ? '' : typeof item.body === 'string' ? item.body : JSON.stringify(item.body);
  return { exchange: { req, res: res as unknown as ServerResponse, method: item.method.toUpperCase(), rawPath, segments, query, body, at: Date.now() }, answered };
}
