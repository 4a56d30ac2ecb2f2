import { randomUUID } from 'node:crypto';
import { BatchRequestContent, BatchResponseContent, type BatchRequestStep, type Client } from '@microsoft/microsoft-graph-client';
import type { BatchRevokeResult, BatchRevokes, BatchRevokeTarget } from '../approvals/batch-revokes';
import { retryAfterSeconds } from './bounded-retry-options';
import { CLIENT_REQUEST_ID } from './graph-correlation';
import { failureOf, graphErrorFromResponse } from './graph-failure';
import { collectionOf, kindOf } from './profile-kinds';

/** Graph's documented limit of requests in one JSON batch. */
export const GRAPH_BATCH_LIMIT = 20;

/** The revokeToken path follows the profile's kind (its Intune collection). */
export function revokeTokenPath(target: BatchRevokeTarget): string {
  return `${collectionOf(kindOf(target))}/${encodeURIComponent(target.profileId)}/revokeToken`;
}

export interface GraphBatchRevokesOptions {
  /** The https origin of Graph (GRAPH_BASE_URL): each step's Request needs an absolute URL, the batch holds its relative part. */
  graphBaseUrl: string;
}

/**
 * revokeToken for up to 20 profiles in one `POST /beta/$batch`, through the same Graph client as
 * every other call (token, correlation id, bounded retries of the whole batch on 429/503/504).
 * Each item's answer is read on its own: 204 = revoked, 429 = throttled (with its own Retry-After),
 * anything else a failure translated by graph-failure.ts, with the item's request-id.
 */
export class GraphBatchRevokes implements BatchRevokes {
  readonly maxBatchSize = GRAPH_BATCH_LIMIT;
  private readonly origin: string;

  constructor(
    private readonly client: Client,
    options: GraphBatchRevokesOptions,
  ) {
    this.origin = new URL(options.graphBaseUrl).origin;
  }

  async revokeBatch(targets: readonly BatchRevokeTarget[]): Promise<BatchRevokeResult[]> {
    if (targets.length === 0) return [];
    if (targets.length > GRAPH_BATCH_LIMIT) throw new Error(`A Graph batch holds at most ${GRAPH_BATCH_LIMIT} requests (got ${targets.length}).`);
    const clientRequestIds = targets.map(() => randomUUID());
    const steps: BatchRequestStep[] = targets.map((target, index) => ({
      id: String(index + 1),
      // Only the path is sent: BatchRequestContent strips scheme and host, leaving the URL relative to /beta.
      request: new Request(`${this.origin}${revokeTokenPath(target)}`, { method: 'POST', headers: { [CLIENT_REQUEST_ID]: clientRequestIds[index] } }),
    }));
    const batchClientRequestId = randomUUID();
    let responses: Map<string, Response>;
    try {
      const content = await new BatchRequestContent(steps).getContent();
      const body: unknown = await this.client.api('/$batch').header(CLIENT_REQUEST_ID, batchClientRequestId).post(content);
      responses = new BatchResponseContent(body as ConstructorParameters<typeof BatchResponseContent>[0]).getResponses();
    } catch (error) {
      // The whole batch failed (after the client's retries): every item fails with that reason.
      const failure = failureOf(error, batchClientRequestId);
      return targets.map((target) => ({
        profileId: target.profileId,
        ok: false,
        throttled: failure.kind === 'throttled',
        ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
        failure,
      }));
    }
    return Promise.all(targets.map((target, index) => this.resultOf(target, responses.get(String(index + 1)), clientRequestIds[index])));
  }

  private async resultOf(target: BatchRevokeTarget, response: Response | undefined, clientRequestId: string): Promise<BatchRevokeResult> {
    if (!response) {
      return { profileId: target.profileId, ok: false, throttled: false, failure: { kind: 'unknown', message: 'Graph returned no answer for this item of the batch.', clientRequestId } };
    }
    const graphRequestId = response.headers.get('request-id') ?? undefined;
    if (response.status >= 200 && response.status < 300) {
      return { profileId: target.profileId, ok: true, ...(graphRequestId ? { graphRequestId } : {}), clientRequestId };
    }
    const failure = failureOf(await graphErrorFromResponse(response), clientRequestId);
    const throttled = response.status === 429;
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after') ?? undefined) ?? failure.retryAfterSeconds;
    return {
      profileId: target.profileId,
      ok: false,
      throttled,
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      failure: { ...failure, ...(graphRequestId && !failure.graphRequestId ? { graphRequestId } : {}) },
    };
  }
}
