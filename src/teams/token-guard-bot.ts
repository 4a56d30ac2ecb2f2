/**
 * The bot's turn: one typed table maps each wire name Teams sends to the router (chat messages,
 * card clicks); everything else is ignored (an invoke we do not handle gets a 400 naming it, never
 * a 5xx). Conversation references of our tenant are stored on every turn, so results reach the
 * conversation after a restart.
 */
import { ActivityTypes, TurnContext, type AdaptiveCardInvokeResponse, type InvokeResponse } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { ConversationReferenceStore } from '../approvals/request-store';
import type { Texts } from '../i18n/texts';
import type { Logger } from '../support/logger';
import { channelFactsKey, channelIdOf, channelKey, conversationKeyOf, personalKey, teamFactsOf } from './conversation-key';
import { actorOf } from './turn-actor';
import { messageResponse, type TurnRouter } from './turn-router';

export type WireName = 'message' | 'invoke:adaptiveCard/action' | 'conversationUpdate' | 'installationUpdate';
type Route = (context: TurnContext) => Promise<void>;

export interface TokenGuardBotDeps {
  router: Pick<TurnRouter, 'message' | 'cardAction'>;
  references: ConversationReferenceStore;
  tenantId: string;
  texts: Texts;
  logger: Logger;
}

/** How many conversations' last saved references are kept in memory to skip unchanged writes. */
const REMEMBERED_REFERENCES = 5000;

export class TokenGuardBot {
  private readonly routes: Record<WireName, Route>;
  private readonly saved = new Map<string, string>();

  constructor(private readonly deps: TokenGuardBotDeps) {
    this.routes = {
      message: (context) => deps.router.message(context),
      'invoke:adaptiveCard/action': (context) => this.invoke(context, () => deps.router.cardAction(context)),
      conversationUpdate: async () => undefined,
      installationUpdate: async () => undefined,
    };
  }

  /** The logic passed to CloudAdapter.process. */
  readonly run = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const wire = (activity.type === ActivityTypes.Invoke ? `invoke:${activity.name ?? ''}` : activity.type) as WireName;
    const route = this.routes[wire] as Route | undefined;
    if (actorOf(activity).tenantId === this.deps.tenantId && route) {
      // A storage outage must not cost the turn its answer: the route then fails on its own reads and
      // says "try again" (a click gets a 200 message, not an error status); the reference was saved on earlier turns.
      await this.remember(context).catch((error: unknown) => this.deps.logger.warn('could not save the conversation reference', { error }));
    }
    if (route) return route(context);
    if (activity.type === ActivityTypes.Invoke) {
      // Not a server fault: the request asks for something this bot does not offer.
      await reply(context, { status: 400, body: { error: 'UnsupportedInvoke', message: `Token Guard does not handle the invoke "${String(activity.name ?? '').slice(0, 80)}".` } });
    }
  };

  /** A click always gets a 200 answer Teams can show: a failure becomes a message with its correlation id. */
  private async invoke(context: TurnContext, work: () => Promise<AdaptiveCardInvokeResponse>): Promise<void> {
    let body: AdaptiveCardInvokeResponse;
    try {
      body = await work();
    } catch (error) {
      const correlationId = randomUUID();
      this.deps.logger.error('card action failed', { correlationId, error });
      body = messageResponse(this.deps.texts.internalError(correlationId));
    }
    await reply(context, { status: 200, body });
  }

  private async remember(context: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    await this.saveIfChanged(conversationKeyOf(context.activity), reference);
    // The channel itself (not this thread): the approvals channel's new threads start from it.
    const channelId = channelIdOf(context.activity);
    if (channelId) {
      const { activityId: _thread, ...channelReference } = reference;
      await this.saveIfChanged(channelKey(channelId), { ...channelReference, conversation: { ...reference.conversation, id: channelId } });
      await this.rememberTeamFacts(channelId, teamFactsOf(context.activity));
    }
    // The person's 1:1 chat with the bot, by Entra object id: private notifications reach them there.
    const objectId = actorOf(context.activity).objectId;
    if (context.activity.conversation?.conversationType === 'personal' && objectId) await this.saveIfChanged(personalKey(objectId), reference);
  }

  /** Merges what this activity says about the channel's team into what is stored (events carry names, messages often only ids). */
  private async rememberTeamFacts(channelId: string, facts: Record<string, string>): Promise<void> {
    if (Object.keys(facts).length === 0) return;
    const key = channelFactsKey(channelId);
    const fingerprint = JSON.stringify(facts);
    if (this.saved.get(key) === fingerprint) return;
    const stored = ((await this.deps.references.get(key)) ?? {}) as Record<string, string>;
    const merged = { ...stored, ...facts };
    if (JSON.stringify(merged) !== JSON.stringify(stored)) await this.deps.references.save(key, merged);
    this.saved.set(key, fingerprint);
  }

  /**
   * A reference changes rarely (its activityId does every turn, but any earlier message of the
   * conversation serves as well), so a turn that brings nothing new costs no storage write.
   */
  private async saveIfChanged(key: string, reference: object): Promise<void> {
    const { activityId: _activity, ...stable } = reference as { activityId?: string };
    const fingerprint = JSON.stringify(stable);
    if (this.saved.get(key) === fingerprint) return;
    await this.deps.references.save(key, reference);
    if (this.saved.size >= REMEMBERED_REFERENCES) this.saved.clear();
    this.saved.set(key, fingerprint);
  }
}

async function reply(context: TurnContext, value: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
}
