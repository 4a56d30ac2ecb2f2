/**
 * Files handed out once through an unguessable link (history export): each token serves one
 * download within its lifetime; afterwards (used or expired) it answers "gone" for a while, then
 * is forgotten. The file and its state live in the configured storage (ExportStore), so the link
 * works whichever instance serves it; the token itself is never stored, only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../support/clock';
import type { Download, ExportStore } from './export-store';

export type { Download } from './export-store';

export type Taken = { found: 'ready'; download: Download } | { found: 'gone' } | { found: 'unknown' };
export type Peeked = { found: 'ready'; fileName: string; expiresAt: string } | { found: 'gone' } | { found: 'unknown' };

/** 32 random bytes, base64url: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class OneTimeDownloads {
  constructor(private readonly deps: { clock: Clock; ttlMs: number; store: ExportStore }) {}

  get ttlMs(): number {
    return this.deps.ttlMs;
  }

  /** Keeps `download` for one download within the lifetime; returns the link's token. */
  async offer(download: Download): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.deps.store.put(keyOf(token), download, new Date(now + this.deps.ttlMs).toISOString(), new Date(now - this.deps.ttlMs).toISOString());
    return token;
  }

  /** Whether the link would still give the file, without using it up (GET: link previews and scanners consume nothing). */
  async peek(token: string): Promise<Peeked> {
    if (!TOKEN_PATTERN.test(token)) return { found: 'unknown' };
    const offer = await this.deps.store.peek(keyOf(token));
    if (!offer) return { found: 'unknown' };
    if (offer.takenAt || Date.parse(offer.expiresAt) <= this.now()) return { found: 'gone' };
    return { found: 'ready', fileName: offer.fileName, expiresAt: offer.expiresAt };
  }

  /** The file, once; then "gone" (also once expired); "unknown" for tokens never issued or long forgotten. */
  async take(token: string): Promise<Taken> {
    if (!TOKEN_PATTERN.test(token)) return { found: 'unknown' };
    const key = keyOf(token);
    const download = await this.deps.store.take(key, new Date(this.now()).toISOString());
    if (download) return { found: 'ready', download };
    return (await this.deps.store.peek(key)) ? { found: 'gone' } : { found: 'unknown' };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
