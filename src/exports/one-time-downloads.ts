/**
 * Files handed out once through an unguessable link (history export): each token serves one
 * download within its lifetime; afterwards (used or expired) it answers "gone" for a while, then
 * is forgotten. Kept in this process's memory: the link works on the instance that made it (with
 * several instances, route /exports/ with session affinity, or ask again).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../support/clock';

export interface Download {
  fileName: string;
  contentType: string;
  body: string;
}

export type Taken = { found: 'ready'; download: Download } | { found: 'gone' } | { found: 'unknown' };

interface Offer {
  download?: Download;
  expiresAt: number;
}

/** 32 random bytes, base64url: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class OneTimeDownloads {
  private readonly offers = new Map<string, Offer>();

  constructor(private readonly deps: { clock: Clock; ttlMs: number; maxOpen?: number }) {}

  get ttlMs(): number {
    return this.deps.ttlMs;
  }

  /** Keeps `download` for one download within the lifetime; returns the link's token. */
  offer(download: Download): string {
    this.forgetOld();
    const open = [...this.offers.entries()].filter(([, o]) => o.download);
    // Files sit in memory: past the cap, the oldest open offer is dropped (its link answers "gone").
    if (open.length >= (this.deps.maxOpen ?? 20)) delete this.offers.get(open[0][0])!.download;
    const token = randomBytes(32).toString('base64url');
    this.offers.set(token, { download, expiresAt: this.now() + this.deps.ttlMs });
    return token;
  }

  /** The file, once; then "gone" (also once expired); "unknown" for tokens never issued or long forgotten. */
  take(token: string): Taken {
    this.forgetOld();
    const offer = TOKEN_PATTERN.test(token) ? this.offers.get(token) : undefined;
    if (!offer) return { found: 'unknown' };
    const download = offer.download;
    delete offer.download;
    if (!download || offer.expiresAt <= this.now()) return { found: 'gone' };
    return { found: 'ready', download };
  }

  /** Expired offers lose their file at once and are forgotten one lifetime later. */
  private forgetOld(): void {
    const now = this.now();
    for (const [token, offer] of this.offers) {
      if (offer.expiresAt <= now) delete offer.download;
      if (offer.expiresAt + this.deps.ttlMs <= now) this.offers.delete(token);
    }
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
