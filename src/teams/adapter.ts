/** The one CloudAdapter: authenticated as configured, and a turn that throws still gets an answer. */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { BotSettings } from '../config';
import type { Texts } from '../i18n/texts';
import type { Logger } from '../support/logger';
import { createBotFrameworkAuthentication } from './bot-authentication';

/** CloudAdapter with its authenticated processing reachable without process()'s stderr dump. */
export class TokenGuardAdapter extends CloudAdapter {
  /** Authenticates and runs one activity; throws AuthenticationError for a rejected token. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(bot: BotSettings, texts: Texts, logger: Logger): TokenGuardAdapter {
  const adapter = new TokenGuardAdapter(createBotFrameworkAuthentication(bot));
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
