/**
 * How the bot proves itself to Teams and checks that Teams is calling: botbuilder's
 * ConfigurationBotFrameworkAuthentication fed from our settings, with two changes:
 * - a private ToChannelFromBotLoginUrl (sovereign cloud, local simulator) gets an MSAL client that
 *   knows that authority, because botbuilder's default asks login.microsoftonline.com first;
 * - every failure to authenticate an inbound request is a 401, never a 500 (botbuilder throws
 *   plain errors for e.g. a forged signature with a known key id);
 * - only the Teams channel's tokens count: the signing key must be endorsed for msteams (Direct
 *   Line and Web Chat tokens are signed with keys endorsed for those channels, and their clients
 *   choose `from` and `channelData` themselves), and the issuer must be the channel's (no emulator
 *   or skill tokens). Both refusals are a 403: the token is genuine, but not from Teams.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  AuthenticationError,
  type Claim,
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { PUBLIC_BOT_LOGIN_PREFIX, type BotSettings } from '../config';
import { InboundRefusal, TEAMS_CHANNEL_ID } from './inbound-gate';

const UNAUTHORIZED = 401;
/** botbuilder's JwtTokenExtractor words for a key whose endorsements lack the channel or a required one. */
const ENDORSEMENT_FAILURE = /^Could not validate (additional )?endorsement/;
const NOT_TEAMS = 'The request is authenticated, but not by the Microsoft Teams channel.';

class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof InboundRefusal) throw error;
      if (error instanceof AuthenticationError && ENDORSEMENT_FAILURE.test(error.message)) throw new InboundRefusal(403, 'Forbidden', NOT_TEAMS);
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized: the request token could not be validated.', UNAUTHORIZED);
    }
  }
}

export function createBotFrameworkAuthentication(bot: BotSettings): ConfigurationBotFrameworkAuthentication {
  const options: Record<string, string | undefined> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    // Without an app id (LOCAL_DEVELOPMENT) there is no app type: botbuilder refuses SingleTenant without an id.
    MicrosoftAppType: bot.appId ? bot.appType : undefined,
    MicrosoftAppTenantId: bot.appId ? bot.appTenantId : undefined,
    ...(bot.endpoints ?? {}),
  };
  const channelIssuer = bot.endpoints?.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer;
  // requiredEndorsements: botbuilder then refuses a key whose endorsements do not include msteams,
  // whatever channelId the activity claims. validateClaims replaces botbuilder's skill-claims check.
  const teamsOnly = new AuthenticationConfiguration([TEAMS_CHANNEL_ID], async (claims: Claim[]) => {
    const issuer = claims.find((claim) => claim.type === AuthenticationConstants.IssuerClaim)?.value;
    if (issuer !== channelIssuer) throw new InboundRefusal(403, 'Forbidden', NOT_TEAMS);
  });
  return new StrictBotFrameworkAuthentication(options, privateAuthorityCredentials(bot), teamsOnly);
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
