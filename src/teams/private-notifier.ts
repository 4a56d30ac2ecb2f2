/**
 * Private 1:1 notifications (issue: "Private notifications"): each approver hears of a new request
 * in their personal chat with the bot, with a deep link to the card; the requester hears the
 * outcome there. Everything runs after the turn was answered (background tasks, a few at a time)
 * and nothing here can fail or delay a request: a refusal by Teams or Graph is logged and audited
 * as 'notify.failed' (one line per refused message, with the reason), never rethrown. Messages that
 * were sent are logged, not audited: the audit trail records the request's steps, not its mail.
 *
 * "Has the app in personal scope" = a stored personal conversation reference (TokenGuardBot saves
 * one under personalKey whenever someone talks to the bot 1:1 or installs it). Without one the
 * person is skipped with a log line, unless NOTIFY_INSTALL: then the app is installed for them
 * through Graph and the bot opens the 1:1 chat itself (connector createConversation).
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { AuditLog } from '../approvals/audit-log';
import { about, SYSTEM_ACTOR } from '../approvals/audit-fields';
import type { OutcomeNotifier } from '../approvals/outcome-notifier';
import { approversToTell, requesterToTell, type PrivateNoticeSettings } from '../approvals/private-recipients';
import type { ConversationReferenceStore } from '../approvals/request-store';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { ApproverListing } from '../directory/directory';
import type { Texts } from '../i18n/texts';
import type { BackgroundTasks } from '../support/background-tasks';
import type { Clock } from '../support/clock';
import { ConcurrencyLimit } from '../support/concurrency-limit';
import { describeError } from '../support/describe-error';
import type { Logger } from '../support/logger';
import { channelFactsKey, personalKey } from './conversation-key';
import { messageDeepLink, type TeamFacts } from './deep-link';
import type { AppInstaller } from './teams-app-installer';

/** How many 1:1 messages (each maybe an install and a new chat first) are on their way at once. */
export const PRIVATE_NOTICE_CONCURRENCY = 4;
const DETAIL_MAX_LENGTH = 300;

export interface PrivateNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  references: ConversationReferenceStore;
  approvers: ApproverListing;
  texts: Texts;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  background: BackgroundTasks;
  settings: PrivateNoticeSettings;
  /** Set with NOTIFY_INSTALL=true. */
  installer?: AppInstaller;
}

type Recipient = 'approver' | 'requester';

export class PrivateNotifier {
  private readonly limit = new ConcurrencyLimit(PRIVATE_NOTICE_CONCURRENCY);

  constructor(private readonly deps: PrivateNotifierDeps) {}

  /** A request's card was posted: tell the approvers (in the background). */
  requestOpened(request: RevokeRequest): void {
    if (!this.deps.settings.approvers) return;
    this.deps.background.run(`private notices ${request.id}`, async () => {
      let approverIds: string[];
      try {
        approverIds = await this.deps.approvers.approverIds();
      } catch (error) {
        this.deps.logger.warn('private notifications skipped: the approvers could not be listed', { requestId: request.id, error: describeError(error) });
        return;
      }
      const link = await this.cardLink(request);
      await Promise.all(approversToTell(approverIds, request, this.deps.settings).map((id) => this.limit.run(() => this.deliver(id, 'approver', request, (texts) => texts.approverNotice(request, link)))));
    });
  }

  /** A request was decided or finished: tell the requester when they must hear it 1:1 (in the background). */
  requestChanged(request: RevokeRequest): void {
    const requesterId = requesterToTell(request, this.deps.settings);
    if (!requesterId) return;
    this.deps.background.run(`private outcome ${request.id}`, async () => {
      const link = await this.cardLink(request);
      await this.limit.run(() => this.deliver(requesterId, 'requester', request, (texts) => texts.requesterNotice(request, link)));
    });
  }

  /** The deep link to the request's card, when it is somewhere approvers can open (not someone's personal chat). */
  async cardLink(request: RevokeRequest): Promise<string | undefined> {
    const { conversationKey, conversationType, cardActivityId } = request.location;
    if (!cardActivityId || conversationType === 'personal') return undefined;
    let team: TeamFacts | undefined;
    if (conversationType === 'channel') {
      team = (await this.deps.references.get(channelFactsKey(conversationKey.split(';')[0])).catch(() => undefined)) as TeamFacts | undefined;
    }
    return messageDeepLink({ conversationId: conversationKey, conversationType, messageId: cardActivityId, tenantId: request.tenantId, ...(team ? { team } : {}) });
  }

  /** Sends one 1:1 message; never throws. */
  private async deliver(objectId: string, recipient: Recipient, request: RevokeRequest, text: (texts: Texts) => string): Promise<void> {
    try {
      let reference = (await this.deps.references.get(personalKey(objectId))) as Partial<ConversationReference> | undefined;
      if (!reference?.conversation) {
        if (!this.deps.installer) {
          this.deps.logger.info('private notification skipped: no personal chat with the bot', { requestId: request.id, recipient, objectId });
          return;
        }
        reference = await this.openPersonalChat(objectId, request);
      }
      const message = text(this.deps.texts.forLocale(reference.locale ?? request.location.locale));
      await this.inConversation(reference, async (context) => {
        await context.sendActivity({ type: 'message', text: message, textFormat: 'markdown' });
      });
      this.deps.logger.info('private notification sent', { requestId: request.id, recipient, objectId });
    } catch (error) {
      await this.refused(objectId, recipient, request, error);
    }
  }

  /** NOTIFY_INSTALL: install the app for the person (Graph), open the 1:1 chat (connector), remember it. */
  private async openPersonalChat(objectId: string, request: RevokeRequest): Promise<Partial<ConversationReference>> {
    const base = (await this.deps.references.get(request.location.conversationKey)) as Partial<ConversationReference> | undefined;
    if (!base?.serviceUrl) throw new Error('No stored conversation to reach Teams from: cannot open a personal chat.');
    const installed = await this.deps.installer!.installFor(objectId);
    this.deps.logger.info('app installed for a private notification', { requestId: request.id, objectId, installed });
    let conversationId: string | undefined;
    await this.inConversation(base, async (context) => {
      const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const created = await connector.conversations.createConversation({
        isGroup: false,
        bot: base.bot ?? { id: `28:${this.deps.appId}`, name: '' },
        members: [{ id: objectId, name: '' }],
        tenantId: request.tenantId,
        channelData: { tenant: { id: request.tenantId } },
        activity: undefined as unknown as Activity,
      });
      conversationId = created.id;
    });
    if (!conversationId) throw new Error('Teams opened the personal chat without telling its id.');
    const reference: Partial<ConversationReference> = {
      channelId: base.channelId ?? 'msteams',
      serviceUrl: base.serviceUrl,
      bot: base.bot,
      user: { id: objectId, name: '', aadObjectId: objectId },
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: request.tenantId, name: '' },
    };
    await this.deps.references.save(personalKey(objectId), reference);
    return reference;
  }

  /**
   * continueConversationAsync hands a failure of `logic` to the adapter's onTurnError, which only
   * logs it: the failure is carried out here so that the caller sees (and audits) it.
   */
  private async inConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  private async refused(objectId: string, recipient: Recipient, request: RevokeRequest, error: unknown): Promise<void> {
    const reason = describeError(error, DETAIL_MAX_LENGTH);
    this.deps.logger.warn('private notification refused', { requestId: request.id, recipient, objectId, error: reason });
    try {
      await this.deps.audit.append({
        at: this.deps.clock.now().toISOString(),
        action: 'notify.failed',
        actorId: SYSTEM_ACTOR,
        outcome: `private-${recipient}`,
        detail: `to ${objectId}: ${reason}`.slice(0, DETAIL_MAX_LENGTH),
        ...about(request),
      });
    } catch (auditError) {
      this.deps.logger.error('could not audit a refused private notification', { requestId: request.id, error: auditError });
    }
  }
}

/**
 * The conversation notifier, plus the requester's 1:1 outcome once the request has finished: every
 * path that tells a request's conversation (decisions, the executor, the expiry sweeper) tells the
 * requester too, exactly where they do not hear it already (private-recipients.ts).
 */
export function withPrivateOutcome(inner: OutcomeNotifier, privately: PrivateNotifier): OutcomeNotifier {
  return {
    async requestDecided(request) {
      try {
        await inner.requestDecided(request);
      } finally {
        privately.requestChanged(request);
      }
    },
    async revokeFinished(request) {
      try {
        await inner.revokeFinished(request);
      } finally {
        privately.requestChanged(request);
      }
    },
  };
}
