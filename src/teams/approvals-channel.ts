/**
 * The approvals channel (APPROVAL_CHANNEL_ID): a request typed in personal chat is posted there as
 * a new thread, so that approvers see it. The channel's conversation reference is learned from the
 * bot's installation in the team or any activity from that channel (TokenGuardBot stores it under
 * channelKey). Approvers on the allow-list are @mentioned in the new thread.
 */
import { CardFactory, TeamsInfo, type Activity, type CloudAdapter, type ConversationReference, type Mention, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationReferenceStore } from '../approvals/request-store';
import type { Logger } from '../support/logger';
import { describeError } from '../support/describe-error';
import { channelKey } from './conversation-key';
import { assertWithinLimit } from './outgoing-size-guard';

/** At most this many approvers are @mentioned (one member lookup each). */
export const MAX_MENTIONS = 20;

export interface ApprovalsChannelDeps {
  adapter: CloudAdapter;
  appId: string;
  /** APPROVAL_CHANNEL_ID; undefined: no approvals channel. */
  channelId?: string;
  references: ConversationReferenceStore;
  logger: Logger;
}

export interface StartedThread {
  /** Conversation id of the new thread (`<channel>;messageid=<root>`): the key its reference is stored under. */
  conversationKey: string;
  /** Id of the thread's root message: the card. */
  activityId: string;
}

export interface ThreadMentions {
  /** Entra object ids to @mention (looked up as members of the channel's team). */
  objectIds: readonly string[];
  /** The reply's text around the mentions, e.g. `${mentions}: please decide`. */
  text(mentions: string): string;
}

export class ApprovalsChannel {
  constructor(private readonly deps: ApprovalsChannelDeps) {}

  get configured(): boolean {
    return Boolean(this.deps.channelId);
  }

  /**
   * Posts `card` as a new thread in the approvals channel, then a reply @mentioning `mentions`
   * (skipped, with a log line, when none can be resolved). Resolves undefined when there is no
   * channel or its reference is not known yet; throws when Teams refuses the post.
   */
  async startThread(card: object, mentions?: ThreadMentions): Promise<StartedThread | undefined> {
    const channelId = this.deps.channelId;
    if (!channelId) return undefined;
    const reference = (await this.deps.references.get(channelKey(channelId))) as Partial<ConversationReference> | undefined;
    if (!reference?.conversation) return undefined;

    let started: StartedThread | undefined;
    let atMentions: Mention[] = [];
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      // TeamsInfo.sendMessageToTeamsChannel over CloudAdapter reports the conversation id as the
      // activity id; the connector's own answer has both.
      const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] } as Activity;
      // This post skips the turn's send hooks (teams/outgoing-size-guard.ts): measured here. Too
      // large, it throws, and the card stays in the personal chat, where the guard answers instead.
      assertWithinLimit(activity);
      const created = await connector.conversations.createConversation({
        isGroup: true,
        bot: reference.bot ?? { id: `28:${this.deps.appId}`, name: '' },
        ...(reference.conversation?.tenantId ? { tenantId: reference.conversation.tenantId } : {}),
        channelData: { channel: { id: channelId } },
        activity,
      });
      const activityId = created.activityId || /;messageid=([^;]+)$/.exec(created.id)?.[1];
      if (!created.id || !activityId) throw new Error('Teams created the approvals thread without telling its id.');
      started = { conversationKey: created.id, activityId };
      if (mentions?.objectIds.length) atMentions = await this.lookUpMentions(context, mentions.objectIds);
    });
    if (!started) throw new Error('The approvals thread was not created.');

    const threadReference = { ...reference, conversation: { ...reference.conversation, id: started.conversationKey } } as Partial<ConversationReference>;
    await this.deps.references.save(started.conversationKey, threadReference);
    if (mentions && atMentions.length) {
      const text = mentions.text(atMentions.map((m) => m.text).join(' '));
      await this.deps.adapter
        .continueConversationAsync(this.deps.appId, threadReference, async (context) => {
          await context.sendActivity({ type: 'message', text, entities: atMentions });
        })
        .catch((error: unknown) => this.deps.logger.warn('could not @mention the approvers in the approvals thread', { error: describeError(error) }));
    }
    return started;
  }

  /** Teams accepts an Entra object id where it expects a member id; the mention needs the member's MRI. */
  private async lookUpMentions(context: TurnContext, objectIds: readonly string[]): Promise<Mention[]> {
    const found: Mention[] = [];
    for (const objectId of objectIds.slice(0, MAX_MENTIONS)) {
      try {
        const member = await TeamsInfo.getMember(context, objectId);
        if (!member?.id) continue;
        const name = (member.name || 'approver').replace(/[<>]/g, '');
        found.push({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id: member.id, name } });
      } catch (error) {
        // Not in the channel's team, or Teams refused: post without this mention.
        this.deps.logger.warn('could not look up an approver to @mention', { objectId, error: describeError(error) });
      }
    }
    return found;
  }
}
