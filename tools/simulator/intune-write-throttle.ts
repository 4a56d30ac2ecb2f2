/**
 * Intune's documented throttle for these endpoints ("Android for Work" service): writes, 100 per
 * 20 s per app per tenant and 200 per 20 s per tenant (all apps). A write beyond either limit is
 * answered 429 with Retry-After (the seconds until the oldest write in the window leaves it) and
 * is not counted. Inside a $batch every item is counted and throttled on its own.
 */
export interface WriteThrottleLimits {
  perAppPer20s: number;
  perTenantPer20s: number;
}

export const INTUNE_WRITE_LIMITS: WriteThrottleLimits = { perAppPer20s: 100, perTenantPer20s: 200 };
const WINDOW_MS = 20_000;

export type ThrottleAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class IntuneWriteThrottle {
  private limits: WriteThrottleLimits = { ...INTUNE_WRITE_LIMITS };
  /** Accepted writes: when, which tenant, which app. */
  private readonly writes: { at: number; tenantId: string; appId: string }[] = [];
  /** How many writes it answered 429. */
  throttled = 0;

  setLimits(limits: Partial<WriteThrottleLimits>): void {
    for (const [key, value] of Object.entries(limits)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`${key} must be a whole number ≥ 1.`);
    }
    this.limits = { ...this.limits, ...limits };
  }

  get currentLimits(): WriteThrottleLimits {
    return { ...this.limits };
  }

  reset(): void {
    this.limits = { ...INTUNE_WRITE_LIMITS };
    this.writes.length = 0;
    this.throttled = 0;
  }

  /** Counts the write when it is within both limits. */
  take(tenantId: string, appId: string, now: number = Date.now()): ThrottleAnswer {
    while (this.writes.length > 0 && this.writes[0].at <= now - WINDOW_MS) this.writes.shift();
    const ofTenant = this.writes.filter((w) => w.tenantId === tenantId);
    const ofApp = ofTenant.filter((w) => w.appId === appId);
    const full = ofApp.length >= this.limits.perAppPer20s ? ofApp : ofTenant.length >= this.limits.perTenantPer20s ? ofTenant : undefined;
    if (full) {
      this.throttled++;
      // The window frees a slot when its oldest write is 20 s old.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((full[0].at + WINDOW_MS - now) / 1000)) };
    }
    this.writes.push({ at: now, tenantId, appId });
    return { allowed: true };
  }
}

export function isWriteMethod(method: string): boolean {
  return method === 'POST' || method === 'PATCH' || method === 'PUT' || method === 'DELETE';
}
