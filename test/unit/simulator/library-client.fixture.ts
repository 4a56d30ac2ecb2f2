/**
 * Runs in a child Node process started with NODE_EXTRA_CA_CERTS=<simulator CA>, the way the bot
 * runs, and drives the REAL client libraries against the simulator. Usage:
 *   node library-client.fixture.js <scenario>   (input JSON in SIM_FIXTURE_INPUT)
 * Prints one JSON line with what it observed; the spec asserts on it.
 */
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client, GraphError, PageIterator, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ConnectorClient, MsalServiceClientCredentialsFactory } from 'botframework-connector';

export interface FixtureInput {
  baseUrl: string;
  tenantId: string;
  graphClient: { id: string; secret: string };
  botClient: { id: string; secret: string };
  settings: Record<string, string>;
  serviceUrl: string;
  profileId?: string;
  /** PEM private key + certificate for ClientCertificateCredential. */
  certificatePem?: string;
  conversationId?: string;
  /** name -> channel token signed by the simulator */
  tokens?: Record<string, string>;
}

const input = JSON.parse(process.env.SIM_FIXTURE_INPUT ?? '{}') as FixtureInput;

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function graphClient(): Client {
  const credential = new ClientSecretCredential(input.tenantId, input.graphClient.id, input.graphClient.secret, {
    authorityHost: input.baseUrl,
    disableInstanceDiscovery: true,
  });
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
    baseUrl: input.baseUrl,
    defaultVersion: 'beta',
    customHosts: new Set(['127.0.0.1']),
  });
}

async function addFault(fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${input.baseUrl}/_sim/faults`, { method: 'POST', body: JSON.stringify(fault), headers: { 'content-type': 'application/json' } });
  if (res.status !== 201) throw new Error(`fault not accepted: ${res.status}`);
}

const scenarios: Record<string, () => Promise<unknown>> = {
  async 'fetch-root'() {
    const res = await fetch(`${input.baseUrl}/`);
    return { status: res.status, body: await res.json() };
  },

  async 'identity-token'() {
    const credential = new ClientSecretCredential(input.tenantId, input.graphClient.id, input.graphClient.secret, {
      authorityHost: input.baseUrl,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    const again = await credential.getToken('https://graph.microsoft.com/.default');
    let wrongSecret = '';
    try {
      await new ClientSecretCredential(input.tenantId, input.graphClient.id, 'wrong', { authorityHost: input.baseUrl, disableInstanceDiscovery: true })
        .getToken('https://graph.microsoft.com/.default');
    } catch (error) {
      wrongSecret = (error as Error).message;
    }
    return { claims: payloadOf(token.token), expiresInMs: token.expiresOnTimestamp - Date.now(), cached: again.token === token.token, wrongSecret };
  },

  async 'identity-certificate'() {
    const credential = new ClientCertificateCredential(input.tenantId, input.graphClient.id, { certificate: input.certificatePem as string }, {
      authorityHost: input.baseUrl,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    return { claims: payloadOf(token.token) };
  },

  async 'graph-list-and-revoke'() {
    const client = graphClient();
    const first = await client.api('/deviceManagement/androidDeviceOwnerEnrollmentProfiles').select(['id', 'displayName']).top(7).get();
    const names: string[] = [];
    const iterator = new PageIterator(client, first, (item: { displayName: string }) => {
      names.push(item.displayName);
      return true;
    });
    await iterator.iterate();
    const raw = (await client
      .api(`/deviceManagement/androidDeviceOwnerEnrollmentProfiles/${input.profileId}/revokeToken`)
      .responseType(ResponseType.RAW)
      .post({})) as Response;
    const after = await client.api(`/deviceManagement/androidDeviceOwnerEnrollmentProfiles/${input.profileId}`).get();
    let notFound: Record<string, unknown> = {};
    try {
      await client.api('/deviceManagement/androidDeviceOwnerEnrollmentProfiles/00000000-0000-4000-8000-000000000000').get();
    } catch (error) {
      const e = error as GraphError;
      notFound = { statusCode: e.statusCode, code: e.code, requestId: e.requestId, hasDate: e.date instanceof Date };
    }
    return {
      firstPageSize: first.value.length,
      firstHasNextLink: typeof first['@odata.nextLink'] === 'string',
      names,
      revokeStatus: raw.status,
      revokeRequestId: raw.headers.get('request-id'),
      tokenValueAfter: after.tokenValue,
      notFound,
    };
  },

  async 'graph-retry-429'() {
    await addFault({ method: 'POST', pathIncludes: '/revokeToken', status: 429, retryAfterSeconds: 1, times: 1 });
    const client = graphClient();
    const started = Date.now();
    const raw = (await client
      .api(`/deviceManagement/androidDeviceOwnerEnrollmentProfiles/${input.profileId}/revokeToken`)
      .responseType(ResponseType.RAW)
      .post({})) as Response;
    const elapsedMs = Date.now() - started;
    await addFault({ method: 'POST', pathIncludes: '/revokeToken', status: 403, times: 1 });
    let forbidden: Record<string, unknown> = {};
    try {
      await client.api(`/deviceManagement/androidDeviceOwnerEnrollmentProfiles/${input.profileId}/revokeToken`).post({});
    } catch (error) {
      const e = error as GraphError;
      forbidden = { statusCode: e.statusCode, code: e.code, message: e.message, requestId: e.requestId };
    }
    return { status: raw.status, elapsedMs, forbidden };
  },

  async 'bot-connector'() {
    const authority = input.settings.ToChannelFromBotLoginUrl;
    const cca = new ConfidentialClientApplication({
      auth: { clientId: input.botClient.id, clientSecret: input.botClient.secret, authority, knownAuthorities: [new URL(authority).host] },
    });
    const factory = new MsalServiceClientCredentialsFactory(input.botClient.id, cca);
    const credentials = await factory.createCredentials(input.botClient.id, input.settings.ToChannelFromBotOAuthScope, authority, true);
    const connector = new ConnectorClient(credentials, { baseUri: input.serviceUrl });
    const conversationId = input.conversationId as string;
    const sent = await connector.conversations.sendToConversation(conversationId, { type: 'message', text: 'card posted' } as never);
    const reply = await connector.conversations.replyToActivity(conversationId, sent.id, { type: 'message', text: 'in thread', replyToId: sent.id } as never);
    const updated = await connector.conversations.updateActivity(conversationId, sent.id, { type: 'message', id: sent.id, text: 'card updated' } as never);
    return { sentId: sent.id, replyId: reply.id, updatedId: updated.id };
  },

  async 'botbuilder-auth'() {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: input.botClient.id,
      MicrosoftAppPassword: input.botClient.secret,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: input.tenantId,
      ...input.settings,
    });
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: input.serviceUrl, text: 'hi', conversation: { id: 'c' } };
    const outcomes: Record<string, string> = {};
    for (const [name, token] of Object.entries(input.tokens ?? {})) {
      try {
        const result = await auth.authenticateRequest(activity as never, `Bearer ${token}`);
        outcomes[name] = `accepted aud=${String(result.claimsIdentity.getClaimValue('aud'))}`;
      } catch (error) {
        outcomes[name] = `rejected ${(error as { statusCode?: number }).statusCode ?? 'no-status'} ${(error as Error).message}`;
      }
    }
    return outcomes;
  },
};

async function run(): Promise<void> {
  const name = process.argv[2];
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  process.stdout.write(JSON.stringify({ ok: true, result: await scenario() }) + '\n');
}

run().catch((error: unknown) => {
  process.stdout.write(JSON.stringify({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }) + '\n');
  process.exitCode = 1;
});
