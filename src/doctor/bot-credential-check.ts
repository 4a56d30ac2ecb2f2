/**
 * Can the bot prove itself to Teams? The same credential the adapter uses asks its authority for a
 * token for the Bot Framework (MicrosoftAppId + secret, or the managed identity).
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { PUBLIC_BOT_LOGIN_PREFIX, type Config } from '../config';
import { aadstsCode, errorText } from './entra-answer';
import { fail, pass, skip, withTimeout, type CheckResult } from './doctor-check';

const TITLE = 'Bot Framework credential';
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export async function checkBotCredential(config: Config, timeoutMs: number): Promise<CheckResult> {
  const bot = config.bot;
  if (config.authenticationDisabled || !bot.appId) {
    return skip('bot-credential', TITLE, 'No MicrosoftAppId: inbound requests are NOT authenticated (LOCAL_DEVELOPMENT). Never run like this in production.');
  }
  const audience = bot.endpoints?.ToChannelFromBotOAuthScope ?? BOT_FRAMEWORK_AUDIENCE;
  const scope = `${audience.replace(/\/+$/, '')}/.default`;
  const authority = bot.endpoints?.ToChannelFromBotLoginUrl ?? `${PUBLIC_BOT_LOGIN_PREFIX}/${bot.appType === 'SingleTenant' ? bot.appTenantId : 'botframework.com'}`;
  try {
    if (bot.appType === 'UserAssignedMSI') {
      await withTimeout(new ManagedIdentityCredential({ clientId: bot.appId }).getToken(scope), timeoutMs, 'The managed identity endpoint');
    } else {
      const client = new ConfidentialClientApplication({
        auth: {
          clientId: bot.appId,
          clientSecret: bot.appPassword,
          authority,
          ...(authority.toLowerCase().startsWith(PUBLIC_BOT_LOGIN_PREFIX) ? {} : { knownAuthorities: [new URL(authority).host] }),
        },
      });
      const result = await withTimeout(client.acquireTokenByClientCredential({ scopes: [scope], skipCache: true }), timeoutMs, `The authority ${new URL(authority).origin}`);
      if (!result?.accessToken) throw new Error('The authority answered without an access token.');
    }
    return pass('bot-credential', TITLE, `${bot.appType} app ${bot.appId} got a token for ${audience} from ${bot.appType === 'UserAssignedMSI' ? 'its managed identity' : authority}.`);
  } catch (error) {
    return fail('bot-credential', TITLE, ...explainBotTokenFailure(error, config, authority));
  }
}

function explainBotTokenFailure(error: unknown, config: Config, authority: string): [string, string] {
  const bot = config.bot;
  const code = aadstsCode(error);
  const portal = 'Azure portal → your Azure Bot → Configuration (Microsoft App ID → Manage Password)';
  switch (code) {
    case 7000215:
    case 7000222:
      return [
        `Entra refused MicrosoftAppPassword for app ${bot.appId} (AADSTS${code}: ${code === 7000222 ? 'the secret has expired' : 'invalid client secret'}).`,
        `${portal} → Certificates & secrets → New client secret; set MicrosoftAppPassword to its Value (not its Secret ID).`,
      ];
    case 700016:
      return [
        `Entra does not know app ${bot.appId} in ${authority} (AADSTS700016).`,
        bot.appType === 'SingleTenant'
          ? 'Set MicrosoftAppId to the Azure Bot\'s Microsoft App ID and MicrosoftAppTenantId to the tenant of its app registration (Azure Bot → Configuration shows both).'
          : 'New Azure Bots are single-tenant: set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId to the app registration\'s tenant.',
      ];
    case 90002:
      return [`The tenant ${bot.appTenantId} does not exist (AADSTS90002).`, 'Set MicrosoftAppTenantId to your Directory (tenant) ID: Entra admin center → Overview.'];
    default: {
      const text = errorText(error).slice(0, 300);
      if (/ENOTFOUND|ECONNREFUSED|fetch failed|did not answer|ETIMEDOUT/i.test(text)) {
        return [`Could not reach ${authority}: ${text}`, 'Allow outbound HTTPS to the Entra authority (login.microsoftonline.com) from the host, or fix ToChannelFromBotLoginUrl.'];
      }
      return [`Getting a Bot Framework token failed: ${text}`, `Check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId against ${portal}.`];
    }
  }
}
