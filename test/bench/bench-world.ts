/**
 * What both bots are measured against: one simulator (Entra, Graph with 10,000 profiles, the Bot
 * Framework channel and connector), the settings both bots start with (authentication on: the
 * simulator's bot app, its seven endpoint settings, its CA), and signed activities built the way
 * Teams sends them. The channel token is signed once up front so signing is never measured.
 */
import { generateProfiles, SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, startSimulator, type SimProfile, type Simulator } from '../../tools/simulator';
import { ACCESS_ENV, alice, bob, OUR_TENANT_ID, type TeamsUser } from '../support/cast';
import { channelThread, TeamsClient, type Conversation } from '../support/teams-client';
import type { LoadRequest } from './load-generator';

export const PROFILE_COUNT = 10_000;
export const REQUESTER: TeamsUser = alice;
export const APPROVER: TeamsUser = bob;

export interface BenchWorld {
  sim: Simulator;
  profiles: SimProfile[];
  /** The environment of the Bot Framework side, shared by both bots. */
  botFrameworkEnv: Record<string, string>;
  /** Token Guard's whole environment (add DATA_DIR). */
  tokenGuardEnv: Record<string, string>;
  teams: TeamsClient;
  close(): Promise<void>;
}

export async function startBenchWorld(): Promise<BenchWorld> {
  const profiles = generateProfiles(PROFILE_COUNT);
  const sim = await startSimulator({ tenantId: OUR_TENANT_ID, profiles });
  // These rows measure the bot's own cost per request, thousands of revokes a second: far past
  // Intune's write limit, which would only add retries here. The bulk rows (bulk-bench.ts) keep the limit.
  sim.graph.setWriteLimits({ perAppPer20s: 100_000_000, perTenantPer20s: 100_000_000 });
  const botFrameworkEnv: Record<string, string> = {
    MicrosoftAppId: SIM_BOT_CLIENT.id,
    MicrosoftAppPassword: SIM_BOT_CLIENT.secret,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: sim.tenantId,
    ...sim.botFramework.settings,
    // The simulator's certificate authority, trusted the only way Node allows: at start-up.
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
  };
  const tokenGuardEnv: Record<string, string> = {
    ...botFrameworkEnv,
    GRAPH_BASE_URL: sim.baseUrl,
    AZURE_AUTHORITY_HOST: sim.entra.authorityHost,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: SIM_GRAPH_CLIENT.id,
    AZURE_CLIENT_SECRET: SIM_GRAPH_CLIENT.secret,
    ...ACCESS_ENV,
    // Longer than the slow-Graph row's 10 s answers, so those revokes succeed late instead of timing out.
    GRAPH_TIMEOUT_SECONDS: '30',
    LOG_LEVEL: 'info',
  };
  // The TeamsClient only builds and signs activities here; the load generator sends them.
  const teams = new TeamsClient({ sim, bot: { url: 'http://unused' }, appId: SIM_BOT_CLIENT.id });
  return { sim, profiles, botFrameworkEnv, tokenGuardEnv, teams, close: () => sim.close() };
}


/** Builds POST /api/messages requests with one pre-signed channel token. */
export class ActivityFactory {
  private readonly headers: Record<string, string>;

  constructor(private readonly teams: TeamsClient) {
    this.headers = { 'content-type': 'application/json', authorization: `Bearer ${teams.token()}` };
  }

  /** `text` from the requester, @mentioning the bot in a channel thread. */
  message(text: string, conversation: Conversation, user: TeamsUser = REQUESTER): LoadRequest {
    return this.request(this.teams.messageActivity(user, text, conversation));
  }

  /** The approver clicks Approve on a request's card. */
  approve(requestId: string, cardActivityId: string, conversation: Conversation): LoadRequest {
    return this.request(this.teams.invokeActivity(APPROVER, 'approve', requestId, conversation, { replyToId: cardActivityId }));
  }

  private request(activity: Record<string, unknown>): LoadRequest {
    return { path: '/api/messages', body: JSON.stringify(activity), headers: this.headers };
  }
}

/** `count` channel threads in one team channel (the load spreads over several conversations, as in a real tenant). */
export function threads(count: number): Conversation[] {
  return Array.from({ length: count }, () => channelThread(OUR_TENANT_ID));
}
