import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Simulator } from '../../../tools/simulator';

/**
 * In-process HTTPS calls to the simulator, trusting its CA explicitly (mocha cannot set
 * NODE_EXTRA_CA_CERTS for itself), so the server certificate is still fully verified.
 */
export interface SimResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed body; `any` so assertions can reach into Graph payloads without casts. */
  json(): any;
}

export interface RequestOptions {
  body?: string | object;
  headers?: Record<string, string>;
  token?: string;
  timeoutMs?: number;
}

export function simRequest(sim: Simulator, method: string, path: string, options: RequestOptions = {}): Promise<SimResponse> {
  const url = new URL(path, sim.baseUrl);
  const body = typeof options.body === 'string' || options.body === undefined ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method, headers, ca: readFileSync(sim.caCertPath), agent: false, timeout: options.timeoutMs ?? 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function fetchToken(sim: Simulator, client: { id: string; secret: string }, scope: string, tenant = sim.tenantId): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret, scope });
  const res = await simRequest(sim, 'POST', `/${tenant}/oauth2/v2.0/token`, {
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json().access_token as string;
}

export function jwtParts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}
