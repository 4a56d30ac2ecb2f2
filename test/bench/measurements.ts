/**
 * The bench's measurements against one running bot: loads of chat turns and of approval clicks,
 * and single timed commands (probes) that also tell whether the bot knows the command at all.
 */
import { Texts } from '../../src/i18n/texts';
import type { RecordedGraphCall, Simulator } from '../../tools/simulator';
import { sameConversation, type Conversation } from '../support/teams-client';
import type { ActivityFactory } from './bench-world';
import { LoadWorker, runLoadInWorker, type LoadRequest, type LoadResult } from './load-generator';

export interface LoadShape {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** The bot's pid, for its CPU time per request. */
  botPid?: number;
}

export interface TurnLoadResult extends LoadResult {
  /** Bot messages the connector received during warm-up and measurement (should be ≥ the requests). */
  connectorPosts: number;
}

/** Distinct turns prepared per load; sent round and round (botbuilder does not de-duplicate activity ids). */
const TURN_POOL = 4_000;

/** Chat turns with `textOf(i)`, spread round-robin over `conversations`; at most `limit` of them (else repeated for the whole window). */
export async function turnLoad(
  sim: Simulator,
  url: string,
  factory: ActivityFactory,
  conversations: Conversation[],
  textOf: (i: number) => string,
  shape: LoadShape,
  limit?: number,
): Promise<TurnLoadResult> {
  sim.connector.clear();
  const requests = Array.from({ length: limit ?? TURN_POOL }, (_, i) => factory.message(textOf(i), conversations[i % conversations.length]));
  const result = await runLoadInWorker({ url, ...shape, ...asData(requests), cycle: limit === undefined });
  const connectorPosts = sim.connector.activities.filter((a) => a.method === 'POST').length;
  sim.connector.clear();
  return { ...result, connectorPosts };
}

export interface PendingCard {
  requestId: string;
  cardActivityId: string;
}

/**
 * Cards handed to one load: more than a bot answers in a short round, few enough that building
 * and copying them to the load worker stays cheap (the supply can hold 30,000).
 */
const CARDS_PER_LOAD = 12_000;

/** Approve clicks, one per card of `supply` in order, never twice on a card; the cards clicked are removed from `supply`. */
export async function approvalLoad(url: string, factory: ActivityFactory, supply: PendingCard[], conversation: Conversation, shape: LoadShape): Promise<LoadResult> {
  const requests = supply.slice(0, CARDS_PER_LOAD).map((card) => factory.approve(card.requestId, card.cardActivityId, conversation));
  const result = await runLoadInWorker({ url, ...shape, ...asData(requests), cycle: false });
  supply.splice(0, result.consumed);
  return result;
}

/** A worker for alternating rounds of chat turns with `textOf(i)`, spread round-robin over `conversations`, sent round and round. */
export function turnWorker(url: string, factory: ActivityFactory, conversations: Conversation[], textOf: (i: number) => string, connections: number): LoadWorker {
  const requests = Array.from({ length: TURN_POOL }, (_, i) => factory.message(textOf(i), conversations[i % conversations.length]));
  return new LoadWorker({ url, connections, ...asData(requests), cycle: true });
}

/**
 * A worker for alternating rounds of Approve clicks on the first `count` cards of `supply` (taken
 * out of it: each card is clicked at most once), or, with `cycle`, on those cards round and round
 * (for the baseline, which keeps no state).
 */
export function approvalWorker(url: string, factory: ActivityFactory, supply: PendingCard[], conversation: Conversation, connections: number, count: number, cycle = false): LoadWorker {
  const cards = cycle ? supply.slice(0, count) : supply.splice(0, count);
  const requests = cards.map((card) => factory.approve(card.requestId, card.cardActivityId, conversation));
  return new LoadWorker({ url, connections, ...asData(requests), cycle });
}

function asData(requests: LoadRequest[]): { path: string; headers: Record<string, string>; bodies: string[] } {
  return { path: requests[0]?.path ?? '/api/messages', headers: requests[0]?.headers ?? {}, bodies: requests.map((r) => r.body) };
}

export interface ProbeResult {
  status: number;
  wallMs: number;
  /** The bot's messages in the conversation during the turn. */
  replies: string[];
  /** Graph GETs of the enrollment profile collection (pages) during the turn. */
  listCalls: RecordedGraphCall[];
  /** Graph GETs of one enrollment profile (its details) during the turn. */
  detailCalls: RecordedGraphCall[];
  /** False when the bot answered that it does not know the command (or failed on it). */
  available: boolean;
}

const LIST_PATH = /\/deviceManagement\/androidDeviceOwnerEnrollmentProfiles$/i;
const DETAILS_PATH = /\/deviceManagement\/androidDeviceOwnerEnrollmentProfiles\/[^/]+$/i;
const texts = new Texts();
const INTERNAL_ERROR_PREFIX = texts.internalError('\u0000').split('\u0000')[0];

/** One command, timed from the POST until the bot's HTTP answer (its replies are sent by then). */
export async function probe(sim: Simulator, url: string, factory: ActivityFactory, text: string, conversation: Conversation): Promise<ProbeResult> {
  const word = text.split(/\s+/)[0];
  const connectorBefore = sim.connector.activities.length;
  const graphBefore = sim.graph.calls.length;
  const request = factory.message(text, conversation);
  const started = performance.now();
  const response = await fetch(`${url}${request.path}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(120_000) });
  await response.arrayBuffer();
  const wallMs = performance.now() - started;
  const replies = sim.connector.activities
    .slice(connectorBefore)
    .filter((a) => a.method === 'POST' && sameConversation(a, conversation.id))
    .map((a) => (typeof a.activity.text === 'string' ? a.activity.text : JSON.stringify(a.activity.attachments ?? '').slice(0, 200)));
  const calls = sim.graph.calls.slice(graphBefore);
  const listCalls = calls.filter((c) => c.method === 'GET' && LIST_PATH.test(c.path));
  const detailCalls = calls.filter((c) => c.method === 'GET' && DETAILS_PATH.test(c.path));
  const unknown = replies.some((r) => r === texts.unknownCommand(word) || r.startsWith(INTERNAL_ERROR_PREFIX));
  return { status: response.status, wallMs, replies, listCalls, detailCalls, available: response.status === 200 && replies.length > 0 && !unknown };
}

/** Graph's page size as the bot experienced it: the simulator's page size, or the bot's $top when smaller. */
export function effectivePageSize(simPageSize: number, calls: RecordedGraphCall[]): number {
  const tops = calls.map((c) => Number(c.query.$top)).filter((n) => Number.isInteger(n) && n > 0);
  return Math.min(simPageSize, ...tops);
}

/** Waits until the connector has been quiet for `quietMs` (background notifications finished), at most `timeoutMs`. */
export async function settle(sim: Simulator, quietMs = 1_000, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const now = sim.connector.activities.length + sim.graph.calls.length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
