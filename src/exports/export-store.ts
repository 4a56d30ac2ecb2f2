/**
 * Where one-time downloads live, so that the link works whichever instance serves it: SQLite
 * (sqlite-export-store.ts) or Azure Table + Blob storage (azure-export-store.ts). Keys are SHA-256
 * hashes of the link's token: whoever reads the storage cannot use a link.
 */
export interface Download {
  fileName: string;
  contentType: string;
  body: string;
}

export interface StoredOffer {
  fileName: string;
  contentType: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  /** Set once the file was handed out. */
  takenAt?: string;
}

export interface ExportStore {
  /** Keeps `download` under `key` until `expiresAt`; drops offers that expired before `forgetBefore`. */
  put(key: string, download: Download, expiresAt: string, forgetBefore: string): Promise<void>;
  /** What is known about the offer, without taking it. */
  peek(key: string): Promise<StoredOffer | undefined>;
  /**
   * Hands the file out once: the first caller (of any instance) after which the offer is marked
   * taken gets it; everyone else, and everyone after `now` passed the expiry, gets undefined.
   */
  take(key: string, now: string): Promise<Download | undefined>;
}
