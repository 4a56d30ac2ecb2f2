/**
 * Tells the conversation what happened to a request, from outside any turn: updates the approval
 * card for everyone and replies in the thread, through the stored conversation reference (so it
 * works after a restart). Throws when Teams refused, so the executor can audit it.
 */
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { OutcomeNotifier } from '../approvals/revoke-executor';
import type { BulkNotifier } from '../approvals/bulk-revoke-executor';
import type { BulkItem } from '../approvals/bulk-items';
import { buildBulkProgressCard } from '../cards/bulk-progress-card-view';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { ConversationReferenceStore } from '../approvals/request-store';
import { describeError } from '../support/describe-error';
import type { Texts } from '../i18n/texts';
import type { CardViews } from './card-views';

export interface ConversationNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  references: ConversationReferenceStore;
  views: CardViews;
  texts: Texts;
}

export class ConversationNotifier implements OutcomeNotifier, BulkNotifier {
  constructor(private readonly deps: ConversationNotifierDeps) {}

  async requestDecided(request: RevokeRequest): Promise<void> {
    const texts = this.deps.texts.forLocale(request.location.locale);
    // An approval short of the quorum: everyone's card shows the count, and one quiet line in the thread only.
    if (request.state === 'pending') return this.tellThread(request, texts.approvalAdded(request));
    const reply = request.state === 'approved' || request.state === 'executing' ? undefined : texts.decisionReply(request);
    await this.tell(request, reply);
  }

  async revokeFinished(request: RevokeRequest): Promise<void> {
    await this.tell(request, this.deps.texts.forLocale(request.location.locale).outcomeReply(request));
  }

  /** Replaces the approval card for everyone, with no reply in the thread. */
  async approvalCardChanged(request: RevokeRequest): Promise<void> {
    await this.tellThread(request, undefined);
  }

  /** Posts the progress card of a revoke-matching request in its thread, or replaces it once posted. */
  async bulkProgress(request: RevokeRequest, items: readonly BulkItem[], final: boolean): Promise<string | undefined> {
    const card = buildBulkProgressCard(request, items, final, this.deps.texts.forLocale(request.location.locale).messages);
    const reference = (await this.deps.references.get(request.location.conversationKey)) as Partial<ConversationReference> | undefined;
    if (!reference) throw new Error(`No conversation reference stored for request ${request.id}.`);
    let activityId = request.location.progressActivityId;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      if (activityId) return updateCard(context, activityId, card);
      activityId = (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
    });
    return activityId;
  }

  private async tell(request: RevokeRequest, reply: string | undefined): Promise<void> {
    const notifyAlso = reply && request.location.notifyAlso;
    if (!notifyAlso) return this.tellThread(request, reply);
    // Both conversations get their try, whichever fails.
    const results = await Promise.allSettled([this.tellThread(request, reply), this.tellAlso(notifyAlso, reply)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw new Error(failed.map((r) => describeError(r.reason)).join('; '));
  }

  private async tellThread(request: RevokeRequest, reply: string | undefined): Promise<void> {
    const reference = (await this.deps.references.get(request.location.conversationKey)) as Partial<ConversationReference> | undefined;
    if (!reference) throw new Error(`No conversation reference stored for request ${request.id}.`);
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      const failures: string[] = [];
      if (request.location.cardActivityId) {
        await updateCard(context, request.location.cardActivityId, this.deps.views.shared(request)).catch((e: unknown) => failures.push(`card update: ${describeError(e)}`));
      }
      if (reply) await context.sendActivity(reply).catch((e: unknown) => failures.push(`reply: ${describeError(e)}`));
      if (failures.length) throw new Error(`Teams refused: ${failures.join('; ')}`);
    });
  }

  /** The same reply in the requester's personal chat (their card is in the approvals channel). */
  private async tellAlso(conversationKey: string, reply: string): Promise<void> {
    const reference = (await this.deps.references.get(conversationKey)) as Partial<ConversationReference> | undefined;
    if (!reference) throw new Error('No conversation reference stored for the requester\'s personal chat.');
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      await context.sendActivity(reply).catch((e: unknown) => {
        throw new Error(`Teams refused: personal chat reply: ${describeError(e)}`);
      });
    });
  }
}

export async function updateCard(context: TurnContext, activityId: string, card: object): Promise<void> {
  await context.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
}
