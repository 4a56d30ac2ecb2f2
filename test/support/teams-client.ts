/**
 * Plays Microsoft Teams towards the bot: builds activities as Teams sends them (channel threads,
 * group chats, personal chats, @mentions, Action.Execute invokes), signs them as the Bot Framework
 * channel would, posts them to /api/messages, and reads what the bot sent back to the channel
 * through the simulator's connector.
 */
import { randomUUID } from 'node:crypto';
import { personalConversationId, type RecordedActivity, type Simulator } from '../../tools/simulator';
import { ADAPTIVE_CARD, cardOf, cardText, requestIdOf, type Card } from './adaptive-card-reading';
import type { TeamsUser } from './cast';

export const BOT_NAME = 'Token Guard';
export const INVOKE_NAME = 'adaptiveCard/action';

export type ConversationType = 'channel' | 'groupChat' | 'personal';

export interface Conversation {
  /** conversation.id exactly as Teams sends it (a channel thread carries `;messageid=<root>`). */
  id: string;
  type: ConversationType;
  /** The tenant Teams reports for the conversation (channelData.tenant.id, conversation.tenantId). */
  tenantId: string;
  channelData: Record<string, unknown>;
}

let threadCounter = 0;

/** A new thread in a team channel (each call: a new root message id). */
export function channelThread(tenantId: string, channel = '19:abc@thread.tacv2'): Conversation {
  const root = 1_700_000_000_000 + threadCounter++;
  return {
    id: `${channel};messageid=${root}`,
    type: 'channel',
    tenantId,
    channelData: {
      tenant: { id: tenantId },
      team: { id: '19:team-intune-ops@thread.tacv2', name: 'Intune Operations' },
      channel: { id: channel, name: 'Enrollment' },
      teamsTeamId: '19:team-intune-ops@thread.tacv2',
      teamsChannelId: channel,
    },
  };
}

/** A group chat (each call: a new chat). */
export function groupChat(tenantId: string): Conversation {
  return {
    id: `19:${randomUUID().replace(/-/g, '')}@thread.v2`,
    type: 'groupChat',
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
}

/** The one-to-one chat between `user` and the bot. */
export function personalChat(tenantId: string, user: TeamsUser): Conversation {
  return {
    // The simulator's connector answers createConversation with the same id.
    id: personalConversationId(user.aadObjectId, tenantId),
    type: 'personal',
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the body is JSON, else the text ('' when empty). */
  body: unknown;
}

/** The invoke answer Teams reads: `{statusCode, type, value}`. */
export interface InvokeBody {
  statusCode?: number;
  type?: string;
  value?: unknown;
}

export interface ClickOptions {
  /** Card inputs merged into the action data (e.g. `{reason: '…'}`). */
  inputs?: Record<string, unknown>;
  /** The clicked card's activity id. Default: the request's card, when this client has seen it. */
  replyToId?: string;
  /** Default: the conversation the request's card was posted in. */
  conversation?: Conversation;
  /** Replace the action data entirely (malformed clicks). */
  data?: unknown;
  /** Replace the whole invoke value (malformed clicks). */
  value?: unknown;
}

export interface PostOptions {
  /** `null` sends no Authorization header; a string is sent as the whole header value. Default: a valid channel token. */
  authorization?: string | null;
  /** Sent as the body instead of the JSON of the activity. */
  rawBody?: string;
}

export interface SentCard {
  /** The card activity's id in the conversation. */
  activityId: string;
  conversationId: string;
  /** The conversation the card was posted in. */
  conversation: Conversation;
  card: Card;
  requestId: string;
}

export interface TeamsClientDeps {
  sim: Simulator;
  /** Where the bot listens (re-read on every post, so a restarted bot is found). */
  bot: { url: string };
  appId: string;
}

export class TeamsClient {
  /** requestId → where its card is, from cards seen through this client. */
  private readonly cards = new Map<string, { activityId: string; conversation: Conversation }>();

  constructor(private readonly deps: TeamsClientDeps) {}

  get botAccount(): { id: string; name: string } {
    return { id: `28:${this.deps.appId}`, name: BOT_NAME };
  }

  /** A valid channel → bot token for this bot, as the Bot Framework signs it. */
  token(): string {
    return this.deps.sim.botFramework.signToken({ appId: this.deps.appId, serviceUrl: this.deps.sim.botFramework.serviceUrl });
  }

  /** A message from `user`; in channels and group chats it @mentions the bot, as Teams requires. */
  messageActivity(user: TeamsUser, text: string, conversation: Conversation): Record<string, unknown> {
    const mention = `<at>${BOT_NAME}</at>`;
    const mentions = conversation.type === 'personal' ? [] : [{ type: 'mention', text: mention, mentioned: this.botAccount }];
    return {
      ...this.envelope(user, conversation),
      type: 'message',
      text: conversation.type === 'personal' ? text : `${mention} ${text}`,
      textFormat: 'plain',
      entities: [...mentions, { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Lisbon' }],
    };
  }

  /** An Action.Execute click on a card. */
  invokeActivity(user: TeamsUser, verb: string, requestId: string | undefined, conversation: Conversation, options: ClickOptions = {}): Record<string, unknown> {
    const data = options.data !== undefined ? options.data : { ...(requestId !== undefined ? { requestId } : {}), ...(options.inputs ?? {}) };
    return {
      ...this.envelope(user, conversation),
      type: 'invoke',
      name: INVOKE_NAME,
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      value: options.value !== undefined ? options.value : { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
    };
  }

  /** POSTs anything to /api/messages (signed unless told otherwise). */
  async post(activity: unknown, options: PostOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const authorization = options.authorization === undefined ? `Bearer ${this.token()}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    const response = await fetch(`${this.deps.bot.url}/api/messages`, {
      method: 'POST',
      headers,
      body: options.rawBody ?? JSON.stringify(activity),
      signal: AbortSignal.timeout(25_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : '';
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }

  /**
   * `user` writes `text` in `conversation`. Resolves after the bot answered the HTTP request
   * (the turn's replies are sent by then) with the bot's new activities in that conversation.
   */
  async say(user: TeamsUser, text: string, conversation: Conversation): Promise<{ status: number; replies: RecordedActivity[] }> {
    const before = this.deps.sim.connector.activities.length;
    const answer = await this.post(this.messageActivity(user, text, conversation));
    if (answer.status >= 300) throw new Error(`POST /api/messages answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const replies = this.deps.sim.connector.activities.slice(before).filter((a) => sameConversation(a, conversation.id));
    for (const reply of replies) this.rememberCard(reply, conversation);
    return { status: answer.status, replies };
  }

  /** Clicks a card button; resolves with the invoke's HTTP status and the answer Teams would show. */
  async click(user: TeamsUser, verb: string, requestId: string | undefined, options: ClickOptions = {}): Promise<{ status: number; body: InvokeBody }> {
    const known = requestId ? this.cards.get(requestId) : undefined;
    const conversation = options.conversation ?? known?.conversation;
    if (!conversation) throw new Error(`click(): no conversation given and no card seen for request ${requestId}.`);
    const replyToId = options.replyToId ?? known?.activityId;
    const answer = await this.post(this.invokeActivity(user, verb, requestId, conversation, { ...options, ...(replyToId ? { replyToId } : {}) }));
    return { status: answer.status, body: (answer.body && typeof answer.body === 'object' ? answer.body : { value: answer.body }) as InvokeBody };
  }

  /**
   * `user` asks to revoke `profileName` with a justification in `conversation` and the bot posts the
   * approval card; resolves with the card (fails with the transcript when no card came).
   */
  async openRequest(user: TeamsUser, profileName: string, justification: string, conversation: Conversation): Promise<SentCard> {
    const before = this.deps.sim.connector.activities.length;
    await this.say(user, `revoke "${profileName}" ${justification}`, conversation);
    const posted = this.deps.sim.connector.activities.slice(before).some((a) => a.method === 'POST' && sameConversation(a, conversation.id) && cardOf(a.activity));
    if (!posted) throw new Error(`No approval card after asking to revoke "${profileName}". The bot said:\n${this.transcript(conversation)}`);
    return this.approvalCard(conversation);
  }

  /** The approval card the bot posted last in `conversation`. */
  approvalCard(conversation: Conversation): SentCard {
    const posted = this.deps.sim.connector.activities.filter((a) => a.method === 'POST' && sameConversation(a, conversation.id) && cardOf(a.activity));
    const last = posted[posted.length - 1];
    if (!last) throw new Error(`No approval card was posted in ${conversation.id}. Bot messages there:\n${this.transcript(conversation)}`);
    this.rememberCard(last, conversation);
    const card = cardOf(last.activity)!;
    return { activityId: last.activityId, conversationId: last.conversationId, conversation, card, requestId: requestIdOf(card)! };
  }

  /** The card as everyone sees it now: the latest update (PUT) of the posted card, else the posted card. */
  currentCard(sent: SentCard): Card {
    const versions = this.deps.sim.connector.activities.filter((a) => a.activityId === sent.activityId && (a.method === 'PUT' || a.method === 'POST') && cardOf(a.activity));
    return versions.length ? cardOf(versions[versions.length - 1].activity)! : sent.card;
  }

  /** Waits for an update (PUT) of the card whose card satisfies `predicate`. */
  async waitForCardUpdate(sent: SentCard, predicate: (card: Card) => boolean, timeoutMs = 10_000): Promise<Card> {
    const found = await this.waitForActivity(
      (a) => a.method === 'PUT' && a.activityId === sent.activityId && Boolean(cardOf(a.activity)) && predicate(cardOf(a.activity)!),
      timeoutMs,
      `an update of card ${sent.activityId}`,
    );
    return cardOf(found.activity)!;
  }

  /** Waits for a bot text message in `conversation` whose text matches. */
  async waitForReply(conversation: Conversation, pattern: RegExp, timeoutMs = 10_000): Promise<RecordedActivity> {
    return this.waitForActivity(
      (a) => a.method === 'POST' && sameConversation(a, conversation.id) && typeof a.activity.text === 'string' && pattern.test(a.activity.text),
      timeoutMs,
      `a reply matching ${pattern} in ${conversation.id}`,
    );
  }

  /** Bot text messages posted in `conversation` (POSTs with text), oldest first. */
  replies(conversation: Conversation, pattern?: RegExp): RecordedActivity[] {
    return this.deps.sim.connector.activities.filter(
      (a) => a.method === 'POST' && sameConversation(a, conversation.id) && typeof a.activity.text === 'string' && (!pattern || pattern.test(a.activity.text)),
    );
  }

  /** Polls the simulator's connector record (already recorded activities count too). */
  async waitForActivity(predicate: (a: RecordedActivity) => boolean, timeoutMs: number, what: string): Promise<RecordedActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.deps.sim.connector.activities.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. The connector saw:\n${this.describeAll()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** What the bot said in a conversation, one line per activity, for failure messages. */
  transcript(conversation: Conversation): string {
    return this.deps.sim.connector.activities.filter((a) => sameConversation(a, conversation.id)).map(describe).join('\n') || '(nothing)';
  }

  private describeAll(): string {
    return this.deps.sim.connector.activities.map(describe).join('\n') || '(nothing)';
  }

  private rememberCard(activity: RecordedActivity, conversation: Conversation): void {
    const card = cardOf(activity.activity);
    const requestId = card && requestIdOf(card);
    if (requestId && activity.method === 'POST' && !this.cards.has(requestId)) this.cards.set(requestId, { activityId: activity.activityId, conversation });
  }

  private envelope(user: TeamsUser, conversation: Conversation): Record<string, unknown> {
    const now = new Date();
    return {
      id: `${now.getTime()}${Math.floor(Math.random() * 1000)}`,
      timestamp: now.toISOString(),
      localTimestamp: now.toISOString(),
      serviceUrl: this.deps.sim.botFramework.serviceUrl,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      conversation: {
        id: conversation.id,
        conversationType: conversation.type,
        tenantId: conversation.tenantId,
        ...(conversation.type === 'personal' ? {} : { isGroup: true }),
      },
      recipient: this.botAccount,
      channelData: conversation.channelData,
      locale: 'en-US',
    };
  }
}

/** What the clicker sees from an invoke answer: the card's words or the message. */
export function answerText(body: InvokeBody): string {
  if (body.type === ADAPTIVE_CARD && body.value && typeof body.value === 'object') return cardText(body.value as Card);
  return typeof body.value === 'string' ? body.value : JSON.stringify(body.value);
}

/** Whether a recorded activity belongs to a conversation (the simulator may keep the id URL-encoded). */
export function sameConversation(activity: RecordedActivity, conversationId: string): boolean {
  if (activity.conversationId === conversationId) return true;
  try {
    return decodeURIComponent(activity.conversationId) === conversationId;
  } catch {
    return false;
  }
}

function describe(a: RecordedActivity): string {
  const card = cardOf(a.activity);
  const what = typeof a.activity?.text === 'string' ? JSON.stringify(a.activity.text.slice(0, 160)) : card ? `[card ${requestIdOf(card)}]` : '';
  return `${a.method} ${a.conversationId} ${a.activityId} ${what}`;
}
