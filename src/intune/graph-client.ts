import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { AttemptDeadlineHandler } from './attempt-deadline-handler';
import { boundedRetryOptions, DEFAULT_RETRY_BOUNDS, type RetryBounds } from './bounded-retry-options';
import { withTokenDeadline } from './deadline-credential';
import type { Logger } from '../support/logger';
import { GraphCorrelationHandler } from './graph-correlation';
import { FreshTokenOnUnauthorizedHandler, RefreshableCredential } from './fresh-token-on-unauthorized';
import { GraphCallTelemetryHandler } from '../telemetry/graph-call-handler';
import type { Telemetry } from '../telemetry/telemetry';

export interface GraphClientOptions {
  credential: TokenCredential;
  /** https origin of Graph, e.g. https://graph.microsoft.com, or the simulator's https://127.0.0.1:PORT */
  graphBaseUrl: string;
  /** Deadline for each HTTP attempt and for getting a token. */
  timeoutMs: number;
  retry?: RetryBounds;
  /** Each Graph call is logged (debug) with its client-request-id, request-id and cause. */
  logger?: Logger;
  /** Latency, throttling and a span for every HTTP attempt. */
  telemetry?: Telemetry;
}

/** Graph hosts the client library itself trusts with a token (its GRAPH_URLS). */
const KNOWN_GRAPH_HOSTS: ReadonlySet<string> = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

export function isKnownGraphHost(hostname: string): boolean {
  return KNOWN_GRAPH_HOSTS.has(hostname.toLowerCase());
}

/**
 * The token scope for a Graph base URL: Microsoft's (sovereign) Graph hosts are their own audience;
 * a private host (the simulator) accepts tokens for the public Graph audience.
 */
export function graphScopeFor(graphBaseUrl: string): string {
  const { hostname } = new URL(graphBaseUrl);
  return isKnownGraphHost(hostname) ? `https://${hostname.toLowerCase()}/.default` : 'https://graph.microsoft.com/.default';
}

/**
 * A Graph client that calls beta by default, gives every call a fresh client-request-id tied to
 * its cause (see graph-correlation.ts), attaches app-only tokens, retries 429/503/504 a bounded
 * number of times, and never waits longer than timeoutMs for one attempt.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.graphBaseUrl);
  // The client attaches the token only to https URLs; over http every call would fail as 401.
  if (base.protocol !== 'https:') throw new Error(`The Graph base URL must use https (got ${base.protocol}//${base.host}).`);
  if (!(options.timeoutMs > 0)) throw new Error('The Graph timeout must be a positive number of milliseconds.');

  const credential = new RefreshableCredential(options.credential);
  const authProvider = new TokenCredentialAuthenticationProvider(withTokenDeadline(credential, options.timeoutMs), {
    scopes: [graphScopeFor(options.graphBaseUrl)],
  });
  // The default chain, with the correlation id first (retries keep it), one retry on a fresh token after a 401,
  // bounded retries and a per-attempt deadline just before fetch.
  const middleware = [
    new GraphCorrelationHandler(options.logger),
    new FreshTokenOnUnauthorizedHandler(credential),
    new AuthenticationHandler(authProvider),
    new RetryHandler(boundedRetryOptions(options.retry ?? DEFAULT_RETRY_BOUNDS)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new AttemptDeadlineHandler(options.timeoutMs),
    ...(options.telemetry ? [new GraphCallTelemetryHandler(options.telemetry)] : []),
    new HTTPMessageHandler(),
  ];
  const hostname = base.hostname.replace(/^\[|\]$/g, '');
  return Client.initWithMiddleware({
    middleware,
    baseUrl: base.origin + base.pathname.replace(/\/+$/, ''),
    defaultVersion: 'beta',
    // Hostname only, no port: that is what the client compares. Without it the token is silently dropped.
    ...(isKnownGraphHost(hostname) ? {} : { customHosts: new Set([hostname]) }),
  });
}
