/**
 * How the bot proves itself to Teams and checks that Teams is calling: botbuilder's
 * ConfigurationBotFrameworkAuthentication fed from our settings, with two changes:
 * - a private ToChannelFromBotLoginUrl (sovereign cloud, local simulator) gets an MSAL client that
 *   knows that authority, because botbuilder's default asks login.microsoftonline.com first;
 * - every failure to authenticate an inbound request is a 401, never a 500 (botbuilder throws
 *   plain errors for e.g. a forged signature with a known key id).
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationError,
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { PUBLIC_BOT_LOGIN_PREFIX, type BotSettings } from '../config';

const UNAUTHORIZED = 401;

class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized: the request token could not be validated.', UNAUTHORIZED);
    }
  }
}

export function createBotFrameworkAuthentication(bot: BotSettings): ConfigurationBotFrameworkAuthentication {
  const options: Record<string, string | undefined> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
    ...(bot.endpoints ?? {}),
  };
  return new StrictBotFrameworkAuthentication(options, privateAuthorityCredentials(bot));
}

function privateAuthorityCredentials(bot: BotSettings): ServiceClientCredentialsFactory | undefined {
  const loginUrl = bot.endpoints?.ToChannelFromBotLoginUrl;
  if (!loginUrl || !bot.appId || !bot.appPassword) return undefined;
  if (loginUrl.toLowerCase().startsWith(PUBLIC_BOT_LOGIN_PREFIX)) return undefined;
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: bot.appId,
      clientSecret: bot.appPassword,
      authority: loginUrl,
      knownAuthorities: [new URL(loginUrl).host],
    },
  });
  return new MsalServiceClientCredentialsFactory(bot.appId, client);
}
