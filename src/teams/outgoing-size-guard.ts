/**
 * Teams refuses a message over about 28 KB (the Bot Connector answers 413 "Message size too
 * large"; an invoke response that large never renders). Every activity Token Guard sends leaves
 * through the adapter's middleware (replies, card updates, invoke responses and proactive posts
 * made with continueConversationAsync all run it), so this one middleware measures each outgoing
 * activity and never lets one over the limit go: an oversized one is replaced by a short plain
 * text that says what happened, with one log line. The card views shorten free text and page long
 * lists so that this should never fire; test/unit/cards/card-size.spec.ts renders every card at
 * its worst case to keep it so.
 */
import type { Activity, AdaptiveCardInvokeResponse, InvokeResponse, Middleware, TurnContext } from 'botbuilder';
import type { Texts } from '../i18n/texts';
import type { Logger } from '../support/logger';

/**
 * The most bytes of UTF-8 JSON (JSON.stringify of the activity as the connector sends it) we let
 * leave the bot. Real tenants refuse a message over "about 28 KB" (28,672 bytes; the limit
 * discussed in MicrosoftDocs/msteams-docs#6659), measured on Teams' side, which adds fields of its
 * own (ids, channel data, mentions) and may count differently: we keep ~1.6 KB of margin under it.
 * Microsoft's docs have since stated larger limits counted in UTF-16 (40 KB, then 100 KB with 80 KB
 * recommended: msteams-docs PR #13451); 27,000 UTF-8 bytes are at most 54,000 in UTF-16, within
 * the current 80 KB recommendation (not within the interim 40 KB for a mostly-ASCII card).
 */
export const MAX_ACTIVITY_BYTES = 27_000;

const INVOKE_RESPONSE = 'invokeResponse';
const MESSAGE_INVOKE_TYPE = 'application/vnd.microsoft.activity.message';

/** Bytes of the UTF-8 JSON of a value: what Teams measures. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** What of an activity Teams measures: the activity, or for an invoke response the body it answers with. */
export function measuredBytes(activity: Partial<Activity>): number {
  if (activity.type === INVOKE_RESPONSE) return jsonBytes((activity.value as InvokeResponse | undefined)?.body);
  return jsonBytes(activity);
}

/** Thrown where no fallback can be sent in place of an activity (a conversation created with it). */
export class ActivityTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`The activity is ${bytes} bytes; Teams accepts at most about 28 KB (Token Guard sends at most ${MAX_ACTIVITY_BYTES}).`);
    this.name = 'ActivityTooLarge';
  }
}

/** For a send path that bypasses the middleware (connector.conversations.createConversation). */
export function assertWithinLimit(activity: Partial<Activity>): void {
  const bytes = measuredBytes(activity);
  if (bytes > MAX_ACTIVITY_BYTES) throw new ActivityTooLarge(bytes);
}

export interface OutgoingSizeGuardDeps {
  texts: Texts;
  logger: Logger;
}

export class OutgoingSizeGuard implements Middleware {
  constructor(private readonly deps: OutgoingSizeGuardDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (turn, activities, send) => {
      for (let i = 0; i < activities.length; i++) activities[i] = this.fitted(turn, activities[i], 'send');
      return send();
    });
    context.onUpdateActivity(async (turn, activity, update) => {
      // The update callback sends this very object: it is changed in place.
      const fitted = this.fitted(turn, activity, 'update');
      if (fitted !== activity) {
        for (const key of Object.keys(activity) as (keyof Activity)[]) if (!(key in fitted)) delete activity[key];
        Object.assign(activity, fitted);
      }
      return update();
    });
    await next();
  }

  /** The activity itself when it fits; otherwise the plain-text fallback in its place. */
  fitted(context: TurnContext, activity: Partial<Activity>, how: 'send' | 'update'): Partial<Activity> {
    const bytes = measuredBytes(activity);
    if (bytes <= MAX_ACTIVITY_BYTES) return activity;
    const texts = this.deps.texts.forLocale(activity.locale ?? context.activity.locale);
    const text = texts.messageTooLarge(bytes);
    this.deps.logger.error('an outgoing activity was over the Teams size limit; sent a short text instead', {
      how,
      activityType: activity.type,
      bytes,
      limit: MAX_ACTIVITY_BYTES,
      attachments: activity.attachments?.map((a) => a.contentType),
    });
    if (activity.type === INVOKE_RESPONSE) {
      const invoke = activity.value as InvokeResponse;
      const body: AdaptiveCardInvokeResponse = { statusCode: 200, type: MESSAGE_INVOKE_TYPE, value: text as unknown as AdaptiveCardInvokeResponse['value'] };
      return { ...activity, value: { ...invoke, status: 200, body } };
    }
    const { attachments: _attachments, attachmentLayout: _layout, entities: _entities, suggestedActions: _suggested, speak: _speak, value: _value, ...rest } = activity;
    return { ...rest, type: 'message', text, textFormat: 'plain' };
  }
}
