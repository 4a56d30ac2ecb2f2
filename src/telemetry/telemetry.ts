/**
 * What Token Guard reports about itself, as the product sees it: turns and Graph calls (traces),
 * and what happened to requests (metrics). The rest of the product talks to this interface only;
 * OpenTelemetry lives behind it (open-telemetry-instruments.ts), and is off unless
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 */

export type TelemetryAttributes = Record<string, string | number | boolean | undefined>;

/** What happened to a revoke request, for the request counters. */
export type RequestEvent =
  | { kind: 'opened' }
  | { kind: 'decided'; outcome: 'approved' | 'rejected' | 'cancelled' | 'expired' }
  | { kind: 'revoked' }
  /** `reason`: why, in a few words (the revoke's failure kind, `notify`, `access-denied`). */
  | { kind: 'failed'; reason: string };

export interface GraphCallRecord {
  method: string;
  /** The path with ids replaced (`/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/{id}/revokeToken`). */
  operation: string;
  /** HTTP status, 0 when no answer came (timeout, reset). */
  status: number;
  durationMs: number;
}

export interface Telemetry {
  /** Runs `work` inside a span named `name` (a turn, a Graph call); the span records a thrown error. */
  inSpan<T>(name: string, attributes: TelemetryAttributes, work: () => Promise<T>): Promise<T>;
  requestEvent(event: RequestEvent): void;
  /** One Graph HTTP attempt: latency, and a throttling count for 429 (and 503 with Retry-After). */
  graphCall(call: GraphCallRecord): void;
}

export const noTelemetry: Telemetry = {
  inSpan: (_name, _attributes, work) => work(),
  requestEvent() {},
  graphCall() {},
};

const GUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A low-cardinality name for a Graph URL: no query, no host, ids replaced by {id}. */
export function graphOperation(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url, 'https://graph.invalid').pathname;
  } catch {
    return 'unknown';
  }
  return pathname
    .split('/')
    .map((segment) => (GUID_SEGMENT.test(decodeURIComponent(segment)) || /^[^a-zA-Z]*\d[^a-zA-Z]*$/.test(segment) ? '{id}' : segment))
    .join('/');
}
