/**
 * One spec file's world: a simulator of Entra + Graph + the Bot Framework channel, the real bot as
 * a child process configured against it, and a Teams client. `useTokenGuard()` registers the mocha
 * hooks (start once per file, reset the simulator before each test, always kill the bot after) and
 * prints the bot's last output lines when a test fails.
 */
import { startSimulator, TOKEN_GUARD_GRAPH_ROLES, type SimProfile, type Simulator, type SimulatorOptions, type SimWorkProfile } from '../../tools/simulator';
import { startBot, tail, type BotProcess, type StartBotOptions } from './bot-process';
import { ACCESS_ENV, OUR_TENANT_ID } from './cast';
import { TeamsClient } from './teams-client';

/**
 * The bot's app registration (Bot Framework) and the Graph app registration, both known to the
 * simulator; the Graph app is granted the application permissions Token Guard needs.
 */
export const BOT_APP = { id: '7b0e2e00-0000-4000-8000-00000000b07a', secret: 'e2e-bot-secret-not-real' };
export const GRAPH_APP = { id: '6a0e2e00-0000-4000-8000-00000000a9a9', secret: 'e2e-graph-secret-not-real', roles: [...TOKEN_GUARD_GRAPH_ROLES] };

export interface TokenGuardWorld {
  sim: Simulator;
  bot: BotProcess;
  teams: TeamsClient;
  /** The environment the bot was started with. */
  env: Record<string, string>;
  /** Id of the simulator profile with this display name (the first, when several share it). */
  profileId(displayName: string): string;
  /** A copy of the simulator profile with this display name as it is now (secrets included). */
  profile(displayName: string): SimProfile;
  /** A copy of the simulator's work-profile profile (androidForWorkEnrollmentProfiles) with this display name as it is now. */
  workProfile(displayName: string): SimWorkProfile;
}

export interface UseTokenGuardOptions {
  /** Settings added to or overriding the standard ones (undefined removes one). */
  env?: Record<string, string | undefined>;
  bot?: StartBotOptions;
  simulator?: SimulatorOptions;
}

/** The bot's environment for a simulator: the contract's names only. */
export function botEnvironment(sim: Simulator, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    MicrosoftAppId: BOT_APP.id,
    MicrosoftAppPassword: BOT_APP.secret,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: sim.tenantId,
    ...sim.botFramework.settings,
    GRAPH_BASE_URL: sim.baseUrl,
    AZURE_AUTHORITY_HOST: sim.entra.authorityHost,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: GRAPH_APP.id,
    AZURE_CLIENT_SECRET: GRAPH_APP.secret,
    ...ACCESS_ENV,
    GRAPH_TIMEOUT_SECONDS: '10',
    // Short leases: a restart after a crash takes over the dead process's work within seconds.
    LEASE_SECONDS: '3',
    // No scheduled hygiene report unless a spec asks for one: a real Monday 08:00 must not post into a test.
    HYGIENE_REPORT_SCHEDULE: 'off',
    LOG_LEVEL: 'info',
    // The simulator's certificate authority, trusted the only way Node allows: at start-up.
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function startTokenGuardSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ tenantId: OUR_TENANT_ID, clients: [BOT_APP, GRAPH_APP], ...options });
}

export function useTokenGuard(options: UseTokenGuardOptions = {}): TokenGuardWorld {
  const world = {} as TokenGuardWorld;

  before(async function () {
    this.timeout(60_000);
    world.sim = await startTokenGuardSimulator(options.simulator);
    world.env = botEnvironment(world.sim, options.env);
    world.bot = await startBot(world.env, options.bot);
    world.teams = new TeamsClient({ sim: world.sim, bot: world.bot, appId: BOT_APP.id });
    world.profile = (displayName) => {
      const found = [...world.sim.graph.profiles.values()].find((p) => p.displayName === displayName);
      if (!found) throw new Error(`The simulator has no profile named "${displayName}".`);
      return structuredClone(found);
    };
    world.profileId = (displayName) => world.profile(displayName).id;
    world.workProfile = (displayName) => {
      const found = [...world.sim.graph.workProfiles.values()].find((p) => p.displayName === displayName);
      if (!found) throw new Error(`The simulator has no work profile named "${displayName}".`);
      return structuredClone(found);
    };
  });

  beforeEach(() => {
    world.sim?.reset();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && world.bot) {
      process.stderr.write(`\n--- last bot output (${this.currentTest.title}) ---\n${tail(world.bot.output, 40)}\n---\n`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await world.bot?.kill();
    await world.sim?.close();
  });

  return world;
}
