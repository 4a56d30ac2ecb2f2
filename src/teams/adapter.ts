/** The one CloudAdapter: authenticated as configured, and a turn that throws still gets an answer. */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { BotSettings } from '../config';
import type { Texts } from '../i18n/texts';
import type { Logger } from '../support/logger';
import { createBotFrameworkAuthentication } from './bot-authentication';
import { InboundGate } from './inbound-gate';
import { OutgoingSizeGuard } from './outgoing-size-guard';

/** CloudAdapter with its authenticated processing reachable without process()'s stderr dump. */
export class TokenGuardAdapter extends CloudAdapter {
  constructor(
    bot: BotSettings,
    private readonly gate: InboundGate,
  ) {
    super(createBotFrameworkAuthentication(bot));
    this.authenticationOn = Boolean(bot.appId);
  }

  /** False only in local development (no MicrosoftAppId): then every request is accepted unauthenticated. */
  readonly authenticationOn: boolean;

  /**
   * The inbound gate, authentication, the gate's tenant check, then the turn. Throws InboundRefusal
   * (400/403) or AuthenticationError (401); nothing reaches `logic` (routing) before all passed.
   */
  async handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    this.gate.beforeAuthentication(activity);
    const authentication = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    this.gate.afterAuthentication(activity);
    return this.processActivity(authentication, activity, logic);
  }
}

export function createAdapter(bot: BotSettings, texts: Texts, logger: Logger, inbound: { tenantId: string }): TokenGuardAdapter {
  const gate = new InboundGate({ tenantId: inbound.tenantId, authenticationOn: Boolean(bot.appId), logger });
  const adapter = new TokenGuardAdapter(bot, gate);
  // Every activity sent in any turn (replies, card updates, invoke responses, proactive posts) fits Teams.
  adapter.use(new OutgoingSizeGuard({ texts, logger }));
  adapter.onTurnError = async (context, error) => {
    const correlationId = randomUUID();
    logger.error('turn failed', { correlationId, activityType: context.activity.type, error });
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(texts.internalError(correlationId));
    } catch (sendError) {
      logger.error('could not tell the user about a failed turn', { correlationId, error: sendError });
    }
  };
  return adapter;
}
