/**
 * Request metrics from the audit trail: every step of a request is appended there exactly once, so
 * counting appended entries counts opened, decided, revoked and failed requests without the domain
 * knowing about telemetry. Everything else the log offers passes through untouched.
 */
import type { AuditEntry, AuditLog } from '../approvals/audit-log';
import type { RequestEvent, Telemetry } from './telemetry';

export function meteredAuditLog<T extends AuditLog>(audit: T, telemetry: Telemetry): T {
  return new Proxy(audit, {
    get(target, property, receiver) {
      if (property !== 'append') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async (entry: AuditEntry) => {
        await target.append(entry);
        const event = requestEventFor(entry);
        if (event) telemetry.requestEvent(event);
      };
    },
  });
}

export function requestEventFor(entry: AuditEntry): RequestEvent | undefined {
  switch (entry.action) {
    case 'request.created':
      return { kind: 'opened' };
    case 'request.approved':
      return { kind: 'decided', outcome: 'approved' };
    case 'request.rejected':
      return { kind: 'decided', outcome: 'rejected' };
    case 'request.cancelled':
      return { kind: 'decided', outcome: 'cancelled' };
    case 'request.expired':
      return { kind: 'decided', outcome: 'expired' };
    case 'revoke.succeeded':
      return { kind: 'revoked' };
    case 'revoke.failed':
      return { kind: 'failed', reason: `revoke:${entry.outcome ?? 'unknown'}` };
    case 'notify.failed':
      return { kind: 'failed', reason: 'notify' };
    case 'access.denied':
      return { kind: 'failed', reason: `denied:${entry.outcome ?? 'unknown'}` };
    default:
      return undefined;
  }
}
