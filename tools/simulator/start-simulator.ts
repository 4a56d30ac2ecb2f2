import { IntuneWriteThrottle } from './intune-write-throttle';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ActivityRecorder } from './activity-recorder';
import { botFrameworkSettings, CONNECTOR_AUDIENCE, signChannelToken } from './bot-framework-channel';
import { createServerCertificate } from './certificates';
import { CONNECTOR_ROOT } from './connector-routes';
import { checkIssuedToken, type SimAppRegistration } from './entra-routes';
import { FaultInjector } from './fault-injector';
import { createSigningKey } from './jwt';
import { createDispatcher, SimulatorContext } from './request-dispatcher';
import { DEFAULT_CLIENTS, seedGroups } from './seed-directory';
import { seedProfiles } from './seed-profiles';
import { seedWorkProfiles } from './seed-work-profiles';
import type { RecordedGraphCall, SimAppClient, SimProfile, Simulator, SimulatorOptions, SimWorkProfile } from './simulator-api';
import { hasApp, installApp, type TeamsAppsState } from './teams-apps';

/**
 * Composition of the simulator: keys and certificate, one HTTPS server on 127.0.0.1, the shared
 * state every route reads, and the programmatic handle tests use to inspect and steer it.
 */
export const DEFAULT_TENANT_ID = '11111111-1111-1111-1111-111111111111';
/** Token Guard's id in the simulated tenant's Teams app catalog (TEAMS_APP_CATALOG_ID). */
export const TOKEN_GUARD_CATALOG_APP_ID = 'c47a1090-0000-4000-8000-00000000ca7a';
const REVOKE_PATH = /\/deviceManagement\/(?:androidDeviceOwnerEnrollmentProfiles|androidForWorkEnrollmentProfiles)\/([^/]+)\/revokeToken$/i;
const CREATE_TOKEN_PATH = /\/deviceManagement\/(?:androidDeviceOwnerEnrollmentProfiles|androidForWorkEnrollmentProfiles)\/([^/]+)\/createToken$/i;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const initialProfiles = checkedProfiles(options.profiles ?? seedProfiles());
  const initialWorkProfiles = checkedProfiles(options.workProfiles ?? (options.profiles ? [] : seedWorkProfiles()));
  const initialGroups = structuredClone(options.groups ?? seedGroups());
  const initialPageSize = checkedPageSize(options.pageSize ?? 100);
  const initialClients = checkedClients(options.clients ?? DEFAULT_CLIENTS);
  const initialLicensed = options.intuneLicensed ?? true;
  const [certificate, entraKey, channelKey, emulatorKey, forgery, otherChannel] = await Promise.all([
    createServerCertificate(options.certDir),
    createSigningKey(0),
    createSigningKey(1),
    createSigningKey(2),
    createSigningKey(3),
    createSigningKey(2), // the emulator's pair under another kid: no extra RSA generation
  ]);

  let context: SimulatorContext | undefined;
  const server = createServer({ key: certificate.key, cert: certificate.cert }, createDispatcher(() => context as SimulatorContext));
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const serviceUrl = `${baseUrl}/${CONNECTOR_ROOT}/`;

  const profiles = new Map<string, SimProfile>();
  const workProfiles = new Map<string, SimWorkProfile>();
  const groups = new Map<string, Set<string>>();
  const graphCalls: RecordedGraphCall[] = [];
  const tokensIssued: { clientId: string; scope: string }[] = [];
  const faults = new FaultInjector();
  const writeThrottle = new IntuneWriteThrottle();
  const recorder = new ActivityRecorder();
  const issuedTokenIds: string[] = [];
  const revokedTokenIds = new Set<string>();
  const clients = new Map<string, SimAppRegistration>();
  const tenant = { intuneLicensed: initialLicensed };
  const teamsApps: TeamsAppsState = { catalog: new Set([TOKEN_GUARD_CATALOG_APP_ID]), installed: new Map(), refusals: new Map() };
  const entra = { baseUrl, tenantId, clients, key: entraKey, tokensIssued, issuedTokenIds, revokedTokenIds };
  const registrationOf = (clientId: string): SimAppRegistration => {
    const app = clients.get(clientId);
    if (!app) throw new Error(`The simulator has no app registration ${clientId}.`);
    return app;
  };
  const setAppRoles = (clientId: string, roles: string[]) => {
    registrationOf(clientId).roles = checkedRoles(roles);
  };
  const channel = { baseUrl, serviceUrl, settings: botFrameworkSettings(baseUrl), channelKey, emulatorKey, forgeryKey: { ...forgery, kid: channelKey.kid }, otherChannelKey: otherChannel };
  const profileState = { baseUrl, profiles, workProfiles, pageSize: initialPageSize };

  const restoreData = () => {
    profiles.clear();
    for (const p of initialProfiles) profiles.set(p.id, structuredClone(p));
    workProfiles.clear();
    for (const p of initialWorkProfiles) workProfiles.set(p.id, structuredClone(p));
    groups.clear();
    for (const [id, members] of Object.entries(initialGroups)) groups.set(id, new Set(members));
    profileState.pageSize = initialPageSize;
    clients.clear();
    for (const c of initialClients) clients.set(c.id, { secret: c.secret, roles: [...(c.roles ?? [])] });
    tenant.intuneLicensed = initialLicensed;
    teamsApps.installed.clear();
    teamsApps.refusals.clear();
  };
  const reset = () => {
    graphCalls.length = 0;
    tokensIssued.length = 0;
    recorder.clear();
    faults.clear();
    writeThrottle.reset();
    restoreData();
  };
  restoreData();

  context = {
    entra,
    channel,
    connector: { recorder, serviceUrl, tenantId, teamsApps, isAuthorized: (token) => checkIssuedToken(entra, token, CONNECTOR_AUDIENCE).ok },
    teamsApps,
    profiles: profileState,
    groups,
    graphCalls,
    faults,
    tenant,
    writeThrottle,
    control: {
      setWriteLimits: (limits) => writeThrottle.setLimits(limits),
      faults,
      setAppRoles,
      setIntuneLicensed: (licensed) => {
        tenant.intuneLicensed = licensed;
      },
      installForUser: (objectId) => {
        installApp(teamsApps, objectId, TOKEN_GUARD_CATALOG_APP_ID);
      },
      refuseMessagesTo: (objectId, status) => {
        teamsApps.refusals.set(objectId.toLowerCase(), { status });
      },
      graphCalls,
      activities: recorder.activities,
      reset,
      info: () => ({ baseUrl, caCertPath: certificate.caCertPath, tenantId, authorityHost: baseUrl, serviceUrl, botFramework: channel.settings }),
    },
  };

  return {
    baseUrl,
    caCertPath: certificate.caCertPath,
    tenantId,
    entra: {
      authorityHost: baseUrl,
      tokensIssued,
      revokeIssuedTokens: () => {
        for (const id of issuedTokenIds) revokedTokenIds.add(id);
      },
      setAppRoles,
      appRoles: (clientId) => [...registrationOf(clientId).roles],
    },
    botFramework: {
      settings: channel.settings,
      serviceUrl,
      signToken: (opts) => signChannelToken(channel, opts),
    },
    connector: {
      activities: recorder.activities,
      waitFor: (predicate, timeoutMs) => recorder.waitFor(predicate, timeoutMs),
      clear: () => recorder.clear(),
      refuseMessagesTo: (objectId, status = 403) => {
        teamsApps.refusals.set(objectId.toLowerCase(), { status });
      },
    },
    teams: {
      catalogAppId: TOKEN_GUARD_CATALOG_APP_ID,
      installForUser: (objectId) => {
        installApp(teamsApps, objectId, TOKEN_GUARD_CATALOG_APP_ID);
      },
      hasApp: (objectId) => hasApp(teamsApps, objectId),
    },
    graph: {
      profiles,
      workProfiles,
      calls: graphCalls,
      revokeCalls: (profileId) => actionCalls(graphCalls, REVOKE_PATH, profileId),
      createTokenCalls: (profileId) => actionCalls(graphCalls, CREATE_TOKEN_PATH, profileId),
      injectFault: (fault) => faults.add(fault),
      clearFaults: () => faults.clear(),
      setGroupMembers: (groupId, members) => {
        groups.set(groupId, new Set(members));
      },
      setPageSize: (n) => {
        profileState.pageSize = checkedPageSize(n);
      },
      setIntuneLicensed: (licensed) => {
        tenant.intuneLicensed = licensed;
      },
      setWriteLimits: (limits) => writeThrottle.setLimits(limits),
      throttledWrites: () => writeThrottle.throttled,
    },
    reset,
    close: async () => {
      faults.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      certificate.removeTempFiles();
    },
  };
}

function actionCalls(calls: RecordedGraphCall[], path: RegExp, profileId: string | undefined): RecordedGraphCall[] {
  return calls.filter((c) => {
    const match = c.method === 'POST' ? path.exec(c.path) : null;
    return match !== null && (profileId === undefined || match[1] === profileId);
  });
}

function checkedProfiles<T extends { id: string }>(profiles: T[]): T[] {
  const seen = new Set<string>();
  for (const p of profiles) {
    if (seen.has(p.id)) throw new Error(`startSimulator: duplicate profile id ${p.id}`);
    seen.add(p.id);
  }
  return structuredClone(profiles);
}

function checkedClients(clients: SimAppClient[]): SimAppClient[] {
  const seen = new Set<string>();
  for (const c of clients) {
    if (seen.has(c.id)) throw new Error(`startSimulator: duplicate app registration ${c.id}`);
    seen.add(c.id);
    if (c.roles) checkedRoles(c.roles);
  }
  return structuredClone(clients);
}

function checkedRoles(roles: unknown): string[] {
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || r.trim() === '')) {
    throw new Error('App roles must be a list of permission names, e.g. ["DeviceManagementConfiguration.ReadWrite.All"].');
  }
  return [...new Set(roles as string[])];
}

function checkedPageSize(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Graph page size must be a positive integer, got ${n}`);
  return n;
}
