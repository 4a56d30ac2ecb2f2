/**
 * The one router: a chat message or a card click finds its route in the table (src/routes.ts),
 * the route's request is loaded from storage, the access filter judges the action on it — once,
 * here, for every route — and only then the handler runs. A click is answered at once with an
 * Adaptive Card invoke response; every refusal of a click is a 200 with a message (a non-200 makes
 * Teams retry or show an error) and is audited.
 */
import {
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
} from 'botbuilder';
import type { DialogContext, DialogSet } from 'botbuilder-dialogs';
import type { AuditLog } from '../approvals/audit-log';
import { isRequestId, type RevokeRequest } from '../approvals/revoke-request';
import type { AccessFilter } from '../authorization/access-filter';
import type { Texts } from '../i18n/texts';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import { conversationKeyOf } from './conversation-key';
import type { CardAnswer, ChatText, CommandRoute, MessageRoute, RouteTable, Turn, VerbRoute } from './route';
import { actorOf, type TurnActor } from './turn-actor';

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

export interface TurnRouterDeps {
  routes: RouteTable;
  /** Chat text → the command word and the rest (commands/parse-command.ts). */
  readText(raw: string): ChatText;
  filter: AccessFilter;
  requests: { get(id: string): Promise<RevokeRequest | undefined> };
  dialogs: DialogSet;
  dialogState: BotState;
  audit: AuditLog;
  texts: Texts;
  clock: Clock;
  logger: Logger;
}

type MessageMatch = { route: CommandRoute | MessageRoute<any>; args: unknown; answersQuestion?: boolean };

export class TurnRouter {
  private readonly byWord = new Map<string, CommandRoute[]>();
  private readonly byVerb = new Map<string, VerbRoute>();

  constructor(private readonly deps: TurnRouterDeps) {
    for (const route of deps.routes.commands) {
      for (const word of route.words) {
        const key = word.toLowerCase();
        this.byWord.set(key, [...(this.byWord.get(key) ?? []), route]);
      }
    }
    for (const route of deps.routes.verbs) {
      if (this.byVerb.has(route.verb)) throw new Error(`Two routes for the card verb "${route.verb}".`);
      this.byVerb.set(route.verb, route);
    }
  }

  async message(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const texts = this.deps.texts.forLocale(activity.locale);
    if (activity.value && !activity.text) {
      // An Action.Submit from some old card: we only use Action.Execute.
      await context.sendActivity(texts.unsupportedSubmit());
      return;
    }
    TurnContext.removeRecipientMention(activity);
    const actor = actorOf(activity);
    const dialogs = await this.deps.dialogs.createContext(context);
    try {
      const { route, args, answersQuestion } = this.matchMessage(this.deps.readText(typeof activity.text === 'string' ? activity.text : ''), Boolean(dialogs.activeDialog));
      let request: RevokeRequest | undefined;
      if ('loads' in route && route.loads) {
        const requestId = route.loads.requestIdIn(args);
        request = isRequestId(requestId) ? await this.deps.requests.get(requestId) : undefined;
        if (!request) return void (await context.sendActivity(texts.unknownRequest(requestId.slice(0, 64))));
      }
      const access = await this.deps.filter.check(actor, route.action, request);
      if (!access.allowed) {
        if (answersQuestion) await dialogs.cancelAllDialogs();
        await context.sendActivity(route.denied?.(access.reason, texts) ?? texts.denied(access.reason));
        return;
      }
      if (!answersQuestion && !('dialog' in route && route.dialog === 'keeps') && dialogs.activeDialog) await dialogs.cancelAllDialogs();
      const turn: Turn = { context, actor, texts, isApprover: access.isApprover, dialogs: async () => dialogs };
      await route.run({ ...turn, args: args as never, request: request as RevokeRequest });
    } finally {
      await this.deps.dialogState.saveChanges(context);
    }
  }

  /** The route for chat text: a command, or what the other messages get. */
  private matchMessage(text: ChatText, asking: boolean): MessageMatch {
    const other = this.deps.routes.otherMessages;
    if (text.kind === 'too-long') return { route: other.tooLong, args: { length: text.length } };
    if (text.kind === 'words') {
      for (const route of this.byWord.get(text.word.toLowerCase()) ?? []) {
        const args = route.parse(text.rest);
        if (args !== undefined) return { route, args };
      }
    }
    if (asking) return { route: other.answer, args: {}, answersQuestion: true };
    return text.kind === 'empty' ? { route: other.empty, args: {} } : { route: other.unknown, args: { word: text.word } };
  }

  async cardAction(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const activity = context.activity;
    const actor = actorOf(activity);
    const texts = this.deps.texts.forLocale(activity.locale);
    const click = readExecute(activity.value);
    if (!click) {
      await this.refuse(actor, 'malformed', undefined, 'card action without an Action.Execute verb');
      return messageResponse(texts.malformedAction());
    }
    const { verb, data } = click;
    const cardRequestId = isRequestId(data.requestId) ? data.requestId : undefined;
    const route = this.byVerb.get(verb);
    if (!route) {
      await this.refuse(actor, 'unknown-verb', cardRequestId, verb.slice(0, 40));
      return messageResponse(texts.unknownAction());
    }
    let request: RevokeRequest | undefined;
    if (route.loads === 'request-in-card') {
      if (!cardRequestId) {
        await this.refuse(actor, 'malformed', undefined, 'card action without a request id');
        return messageResponse(texts.malformedAction());
      }
      request = await this.deps.requests.get(cardRequestId);
      if (!request) {
        await this.refuse(actor, 'unknown-request', cardRequestId);
        return messageResponse(texts.unknownRequest(cardRequestId));
      }
    }
    // A click on a request is judged with the conversation it came from (a card copied elsewhere).
    const who = request ? { ...actor, conversationKey: conversationKeyOf(activity) } : actor;
    const access = await this.deps.filter.check(who, route.action, request);
    if (!access.allowed) return messageResponse(route.denied?.(access.reason, texts) ?? texts.denied(access.reason));

    let dialogs: DialogContext | undefined;
    const turn: Turn = { context, actor, texts, isApprover: access.isApprover, dialogs: async () => (dialogs ??= await this.deps.dialogs.createContext(context)) };
    try {
      return invokeResponse(await route.answer({ ...turn, data, request: request as RevokeRequest }));
    } finally {
      if (dialogs) await this.deps.dialogState.saveChanges(context);
    }
  }

  private async refuse(actor: TurnActor, outcome: string, requestId?: string, detail?: string): Promise<void> {
    await this.deps.audit
      .append({ at: this.deps.clock.now().toISOString(), action: 'action.refused', actorId: actor.objectId ?? 'unknown', actorName: actor.name, tenantId: actor.tenantId, requestId, outcome, detail })
      .catch((error: unknown) => this.deps.logger.error('could not audit a refused card action', { error }));
  }
}

/** The only fields read from a click: the Action.Execute verb and its data (the card's inputs merged in). */
function readExecute(value: unknown): { verb: string; data: Record<string, unknown> } | undefined {
  const action = (value as Partial<AdaptiveCardInvokeValue> | undefined)?.action as { type?: unknown; verb?: unknown; data?: unknown } | undefined;
  if (!action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') return undefined;
  const data = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  return { verb: action.verb, data };
}

export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_TYPE, value: text as unknown as AdaptiveCardInvokeResponse['value'] };
}

function invokeResponse(answer: CardAnswer): AdaptiveCardInvokeResponse {
  return 'card' in answer ? { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: answer.card as AdaptiveCardInvokeResponse['value'] } : messageResponse(answer.message);
}
