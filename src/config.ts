/**
 * Every setting Token Guard reads, its default and its validation. Options passed in code win over
 * the environment (options-then-environment), so tests and embedders need no process.env games.
 * Invalid or missing settings stop start-up with one ConfigError listing every problem.
 */
import path from 'node:path';
import { Cron } from 'croner';
import type { LogLevel } from './support/logger';

/** The seven Bot Framework endpoint keys: set all of them (sovereign clouds, the local simulator) or none. */
export const BOT_ENDPOINT_KEYS = [
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'OAuthUrl',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
] as const;
export type BotEndpointKey = (typeof BOT_ENDPOINT_KEYS)[number];

/** The public cloud's login prefix: any other ToChannelFromBotLoginUrl is a private authority. */
export const PUBLIC_BOT_LOGIN_PREFIX = 'https://login.microsoftonline.com';

export interface BotSettings {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  /** Either all seven endpoint keys, or undefined (botbuilder's public-cloud defaults). */
  endpoints?: Record<BotEndpointKey, string>;
}

export interface GraphSettings {
  baseUrl: string;
  authorityHost: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
  timeoutMs: number;
}

export interface AccessSettings {
  approverIds: string[];
  approverGroupId?: string;
  requesterIds: string[];
  requesterGroupId?: string;
  groupCacheMs: number;
}

/** Where requests, conversation references, dialog state and the audit log live (STORAGE). */
export interface StorageSettings {
  /** sqlite (default): one file in dataDir. azure: Azure Table storage + Blob storage. */
  kind: 'sqlite' | 'azure';
  dataDir: string;
  azure: {
    /** AZURE_STORAGE_CONNECTION_STRING (account key or SAS); else the two URLs with the app's Entra credential. */
    connectionString?: string;
    tableUrl?: string;
    blobUrl?: string;
    /** AZURE_STORAGE_PREFIX: table names <prefix>Requests|Conversations|Audit, container <prefix>-bot-state. */
    prefix: string;
  };
}

export interface Config {
  port: number;
  /** Set only when LOCAL_DEVELOPMENT=true and no MicrosoftAppId is given: inbound requests are not authenticated. */
  authenticationDisabled: boolean;
  /** The one tenant whose users may use the bot (MicrosoftAppTenantId, else AZURE_TENANT_ID). */
  tenantId: string;
  bot: BotSettings;
  graph: GraphSettings;
  access: AccessSettings;
  requestTtlMinutes: number;
  expirySweepMs: number;
  /** How many revokes call Graph at once (approvals are answered at once regardless). */
  revokeConcurrency: number;
  /** LEASE_SECONDS: how long a claim on work lasts without a heartbeat; a dead instance's work moves on after it. */
  leaseSeconds: number;
  /** revoke-matching: BULK_MAX_PROFILES (most profiles one request may cover), BULK_APPROVALS (distinct approvers it needs). */
  bulk: { maxProfiles: number; approvals: number };
  /** GRAPH_WRITES_PER_20S: Intune's write limit per app per tenant; every bulk batch waits for room in it. */
  graphWritesPer20s: number;
  /** ROTATE_TOKEN_DAYS: how long the token a `rotate` creates is valid (createToken's tokenValidityInSeconds = days × 86,400). */
  rotateTokenDays: number;
  dataDir: string;
  storage: StorageSettings;
  logLevel: LogLevel;
  /** APPROVAL_CHANNEL_ID: the Teams channel (`19:…@thread.tacv2`) where requests typed in personal chat are posted. */
  approvalChannelId?: string;
  /** PUBLIC_BASE_URL: the bot's public https address, for links it hands out (history export). */
  publicBaseUrl?: string;
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: traces and metrics to Application Insights; unset = telemetry off. */
  applicationInsightsConnectionString?: string;
  /**
   * QUORUM_DEVICE_THRESHOLD: a revoke or rotate of a profile with at least this many enrolled devices
   * needs two distinct approvers; unset = off (one approver for every profile).
   */
  quorumDeviceThreshold?: number;
  hygiene: HygieneSettings;
  /** Private 1:1 notifications (NOTIFY_*). */
  notify: NotifySettings;
}

/** The token hygiene report (`report`) and its schedule. */
export interface HygieneSettings {
  /** HYGIENE_EXPIRING_DAYS (default 14): tokens expiring within this many days are "renew soon". */
  expiringDays: number;
  /** HYGIENE_LONG_LIVED_DAYS (default 90): tokens valid for more than this many days from now are long-lived. */
  longLivedDays: number;
  /** HYGIENE_OLD_TOKEN_DAYS (default 180): tokens created more than this many days ago and still valid are old. */
  oldTokenDays: number;
  /** HYGIENE_REPORT_SCHEDULE: a cron pattern in UTC (default `0 8 * * 1`), or undefined for `off`. */
  schedule?: string;
}

export interface NotifySettings {
  /** NOTIFY_APPROVERS (default true): each approver with the app in personal scope hears of a new request 1:1. */
  approvers: boolean;
  /** NOTIFY_REQUESTER (default true): the requester hears the outcome 1:1. */
  requester: boolean;
  /** NOTIFY_INSTALL (default false): install the app for a recipient without a personal chat (Graph), then message them. */
  install: boolean;
  /** TEAMS_APP_CATALOG_ID: the app's id in the tenant's Teams app catalog (required with NOTIFY_INSTALL=true). */
  teamsAppCatalogId?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Token Guard cannot start; fix these settings (see env.sample):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Raw settings by their environment names; code may pass any subset to override the environment. */
export type Settings = Partial<Record<string, string | undefined>>;

/** Microsoft Graph in the public and national clouds. */
const PUBLIC_GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn', 'graph.microsoft.de'];
/** Microsoft Entra ID sign-in in the public and national clouds. */
const PUBLIC_ENTRA_HOSTS = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
];

/** Whether a URL's host is one of `hosts` or below one of them (case-insensitive, port ignored). */
function isHostIn(url: string, hosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  return hosts.some((known) => host === known || host.endsWith(`.${known}`));
}

/** A Teams channel's conversation id without a thread (`;messageid=`) part. */
const TEAMS_CHANNEL_ID = /^19:[^;\s]+@thread\.(tacv2|skype)$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loadConfig(options: Settings = {}, env: Settings = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = name in options ? options[name] : env[name];
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return n;
  };
  const httpsUrl = (name: string, fallback: string): string => {
    const raw = read(name) ?? fallback;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:') problems.push(`${name} must be an https:// URL (got "${raw}").`);
    } catch {
      problems.push(`${name} is not a URL (got "${raw}").`);
    }
    return raw.replace(/\/+$/, '');
  };
  const guidList = (name: string): string[] => {
    const raw = read(name);
    if (!raw) return [];
    const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ids.filter((id) => !GUID.test(id));
    if (bad.length) problems.push(`${name} must be comma-separated Entra object ids (GUIDs); not valid: ${bad.join(', ')}.`);
    return ids.filter((id) => GUID.test(id)).map((id) => id.toLowerCase());
  };
  const guid = (name: string): string | undefined => {
    const raw = read(name);
    if (raw && !GUID.test(raw)) {
      problems.push(`${name} must be a GUID (got "${raw}").`);
      return undefined;
    }
    return raw?.toLowerCase();
  };

  // Bot Framework
  const appId = read('MicrosoftAppId');
  const appPassword = read('MicrosoftAppPassword');
  // SingleTenant by default: Azure no longer creates multi-tenant bots (since 31 July 2025).
  const appTypeRaw = read('MicrosoftAppType') ?? 'SingleTenant';
  const appType = (['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const).find((t) => t.toLowerCase() === appTypeRaw.toLowerCase());
  if (!appType) problems.push(`MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "${appTypeRaw}").`);
  const explicitAppTenantId = guid('MicrosoftAppTenantId');
  const localDevelopment = (read('LOCAL_DEVELOPMENT') ?? 'false').toLowerCase() === 'true';
  if (!appId && !localDevelopment) {
    problems.push('MicrosoftAppId is missing. Set it to the Azure Bot\'s app id (or LOCAL_DEVELOPMENT=true for an unauthenticated local bot).');
  }
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) problems.push('MicrosoftAppPassword is missing for MicrosoftAppId.');

  const endpointValues = BOT_ENDPOINT_KEYS.map((key) => [key, read(key)] as const);
  const setEndpoints = endpointValues.filter(([, v]) => v !== undefined);
  let endpoints: Record<BotEndpointKey, string> | undefined;
  if (setEndpoints.length > 0 && setEndpoints.length < BOT_ENDPOINT_KEYS.length) {
    const missing = endpointValues.filter(([, v]) => v === undefined).map(([k]) => k);
    problems.push(`Bot Framework endpoint settings must be given all together or not at all; missing: ${missing.join(', ')}.`);
  } else if (setEndpoints.length === BOT_ENDPOINT_KEYS.length) {
    endpoints = Object.fromEntries(endpointValues) as Record<BotEndpointKey, string>;
  }

  // Graph
  const graph: GraphSettings = {
    baseUrl: httpsUrl('GRAPH_BASE_URL', 'https://graph.microsoft.com'),
    authorityHost: httpsUrl('AZURE_AUTHORITY_HOST', 'https://login.microsoftonline.com'),
    tenantId: guid('AZURE_TENANT_ID'),
    clientId: read('AZURE_CLIENT_ID'),
    clientSecret: read('AZURE_CLIENT_SECRET'),
    certificatePath: read('AZURE_CLIENT_CERTIFICATE_PATH'),
    timeoutMs: integer('GRAPH_TIMEOUT_SECONDS', 30, 1, 300) * 1000,
  };
  if ((graph.clientSecret || graph.certificatePath) && (!graph.tenantId || !graph.clientId)) {
    problems.push('AZURE_TENANT_ID and AZURE_CLIENT_ID are required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.');
  }
  if (graph.clientSecret && graph.certificatePath) problems.push('Set AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, not both.');

  // A single-tenant bot's tenant is the Graph tenant unless MicrosoftAppTenantId says otherwise.
  const appTenantId = explicitAppTenantId ?? (appType === 'SingleTenant' ? graph.tenantId : undefined);
  if (appId && appType === 'SingleTenant' && !appTenantId && !read('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId (or AZURE_TENANT_ID) is required when MicrosoftAppType=SingleTenant (the default).');
  }
  // Authentication off must never meet a real tenant: the bot would act with real Graph permissions
  // on anyone's unauthenticated word. Unset counts as public (the defaults are the public cloud).
  if (!appId && localDevelopment) {
    const publicServices = [
      ...(isHostIn(graph.baseUrl, PUBLIC_GRAPH_HOSTS) ? [`GRAPH_BASE_URL (${graph.baseUrl})`] : []),
      ...(isHostIn(graph.authorityHost, PUBLIC_ENTRA_HOSTS) ? [`AZURE_AUTHORITY_HOST (${graph.authorityHost})`] : []),
    ];
    if (publicServices.length) {
      problems.push(
        `LOCAL_DEVELOPMENT=true turns authentication of /api/messages off, so it works only against local services, but ${publicServices.join(' and ')} ` +
          `${publicServices.length > 1 ? 'are Microsoft public cloud hosts' : 'is a Microsoft public cloud host'} (unset means public). ` +
          'Point GRAPH_BASE_URL and AZURE_AUTHORITY_HOST at a local simulator (npm run dev does), or set MicrosoftAppId.',
      );
    }
  }

  const tenantId = appTenantId ?? graph.tenantId;
  if (!tenantId) problems.push('The tenant is unknown: set MicrosoftAppTenantId or AZURE_TENANT_ID (only that tenant\'s users may use the bot).');
  if (explicitAppTenantId && graph.tenantId && explicitAppTenantId !== graph.tenantId) {
    problems.push(`MicrosoftAppTenantId (${explicitAppTenantId}) and AZURE_TENANT_ID (${graph.tenantId}) name different tenants.`);
  }

  // Who may ask and who may approve
  const access: AccessSettings = {
    approverIds: guidList('APPROVER_IDS'),
    approverGroupId: guid('APPROVER_GROUP_ID'),
    requesterIds: guidList('REQUESTER_IDS'),
    requesterGroupId: guid('REQUESTER_GROUP_ID'),
    groupCacheMs: integer('GROUP_CACHE_SECONDS', 60, 0, 3600) * 1000,
  };
  if (access.approverIds.length === 0 && !access.approverGroupId && !read('APPROVER_IDS') && !read('APPROVER_GROUP_ID')) {
    problems.push('No approvers: set APPROVER_IDS (Entra object ids) and/or APPROVER_GROUP_ID (an Entra group).');
  }

  const port = integer('PORT', 3978, 0, 65535);
  const requestTtlMinutes = integer('REQUEST_TTL_MINUTES', 1440, 1, 43200);
  const expirySweepMs = integer('EXPIRY_SWEEP_SECONDS', 60, 1, 3600) * 1000;
  const revokeConcurrency = integer('REVOKE_CONCURRENCY', 4, 1, 64);
  const leaseSeconds = integer('LEASE_SECONDS', 30, 1, 600);
  const bulk = { maxProfiles: integer('BULK_MAX_PROFILES', 1000, 1, 10000), approvals: integer('BULK_APPROVALS', 2, 1, 10) };
  const graphWritesPer20s = integer('GRAPH_WRITES_PER_20S', 100, 1, 200);
  const quorumDeviceThreshold = read('QUORUM_DEVICE_THRESHOLD') === undefined ? undefined : integer('QUORUM_DEVICE_THRESHOLD', 0, 1, 1_000_000_000);
  const rotateTokenDays = rotateDays(read('ROTATE_TOKEN_DAYS'), problems);
  const logLevelRaw = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = (['debug', 'info', 'warn', 'error'] as const).find((l) => l === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL must be debug, info, warn or error (got "${logLevelRaw}").`);

  const dataDir = path.resolve(read('DATA_DIR') ?? './data');
  const storage = storageSettings(read, problems, dataDir);

  const approvalChannelId = read('APPROVAL_CHANNEL_ID');
  if (approvalChannelId && !TEAMS_CHANNEL_ID.test(approvalChannelId)) {
    problems.push(`APPROVAL_CHANNEL_ID must be a Teams channel id like 19:…@thread.tacv2 (got "${approvalChannelId}").`);
  }
  const publicBaseUrl = read('PUBLIC_BASE_URL') === undefined ? undefined : httpsUrl('PUBLIC_BASE_URL', '');

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be true or false (got "${read(name)}").`);
    return raw === 'true' ? true : raw === 'false' ? false : fallback;
  };
  const notify: NotifySettings = {
    approvers: flag('NOTIFY_APPROVERS', true),
    requester: flag('NOTIFY_REQUESTER', true),
    install: flag('NOTIFY_INSTALL', false),
    teamsAppCatalogId: guid('TEAMS_APP_CATALOG_ID'),
  };
  if (notify.install && !notify.teamsAppCatalogId && !read('TEAMS_APP_CATALOG_ID')) {
    problems.push("TEAMS_APP_CATALOG_ID is required with NOTIFY_INSTALL=true: the app's id in your Teams app catalog (Teams admin center → Manage apps → the app → App ID).");
  }

  const applicationInsightsConnectionString = read('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (applicationInsightsConnectionString && !/InstrumentationKey=/i.test(applicationInsightsConnectionString)) {
    problems.push('APPLICATIONINSIGHTS_CONNECTION_STRING must be the connection string from the Application Insights overview (it starts with InstrumentationKey=).');
  }

  const hygiene = hygieneSettings(read, integer, problems);

  if (problems.length) throw new ConfigError(problems);

  return {
    port,
    authenticationDisabled: !appId,
    tenantId: tenantId!,
    bot: { appId, appPassword, appType: appType!, appTenantId, endpoints },
    graph,
    access,
    requestTtlMinutes,
    expirySweepMs,
    revokeConcurrency,
    leaseSeconds,
    bulk,
    graphWritesPer20s,
    rotateTokenDays,
    dataDir,
    storage,
    logLevel: logLevel!,
    ...(approvalChannelId ? { approvalChannelId } : {}),
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    ...(applicationInsightsConnectionString ? { applicationInsightsConnectionString } : {}),
    ...(quorumDeviceThreshold !== undefined ? { quorumDeviceThreshold } : {}),
    hygiene,
    notify,
  };
}

export const DEFAULT_HYGIENE_REPORT_SCHEDULE = '0 8 * * 1';

/** HYGIENE_*: the report's thresholds and its schedule (croner's syntax: 5 fields, or 6 with seconds first). */
function hygieneSettings(
  read: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): HygieneSettings {
  const expiringDays = integer('HYGIENE_EXPIRING_DAYS', 14, 0, 3650);
  const longLivedDays = integer('HYGIENE_LONG_LIVED_DAYS', 90, 1, 36500);
  const oldTokenDays = integer('HYGIENE_OLD_TOKEN_DAYS', 180, 1, 36500);
  const raw = read('HYGIENE_REPORT_SCHEDULE') ?? DEFAULT_HYGIENE_REPORT_SCHEDULE;
  if (raw.toLowerCase() === 'off') return { expiringDays, longLivedDays, oldTokenDays };
  const problem = cronProblem(raw);
  if (problem) {
    problems.push(`HYGIENE_REPORT_SCHEDULE must be a cron pattern in UTC like "0 8 * * 1" (minute hour day month weekday; six fields with seconds first), or off (got "${raw}": ${problem}).`);
    return { expiringDays, longLivedDays, oldTokenDays };
  }
  return { expiringDays, longLivedDays, oldTokenDays, schedule: raw };
}

/** Why croner refuses a pattern, or undefined when it accepts it and it ever runs. */
function cronProblem(pattern: string): string | undefined {
  const fields = pattern.split(/\s+/).length;
  if (fields < 5 || fields > 6) return `${fields} fields`;
  try {
    const cron = new Cron(pattern, { timezone: 'Etc/UTC', paused: true });
    if (!cron.nextRun()) return 'it never runs';
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** STORAGE and the AZURE_STORAGE_* settings. Never echoes the connection string (it holds a key). */
function storageSettings(read: (name: string) => string | undefined, problems: string[], dataDir: string): StorageSettings {
  const kindRaw = (read('STORAGE') ?? 'sqlite').toLowerCase();
  const kind = (['sqlite', 'azure'] as const).find((k) => k === kindRaw);
  if (!kind) problems.push(`STORAGE must be sqlite or azure (got "${kindRaw}").`);
  const prefix = read('AZURE_STORAGE_PREFIX') ?? 'TokenGuard';
  const azure: StorageSettings['azure'] = {
    connectionString: read('AZURE_STORAGE_CONNECTION_STRING'),
    tableUrl: read('AZURE_STORAGE_TABLE_URL')?.replace(/\/+$/, ''),
    blobUrl: read('AZURE_STORAGE_BLOB_URL')?.replace(/\/+$/, ''),
    prefix,
  };
  if (kind === 'azure') {
    if (!/^[A-Za-z][A-Za-z0-9]{2,39}$/.test(prefix)) problems.push(`AZURE_STORAGE_PREFIX must be 3 to 40 letters and digits, starting with a letter (got "${prefix}").`);
    const urls = [azure.tableUrl, azure.blobUrl].filter(Boolean).length;
    if (azure.connectionString && urls > 0) {
      problems.push('Set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_TABLE_URL + AZURE_STORAGE_BLOB_URL, not both.');
    } else if (!azure.connectionString && urls < 2) {
      problems.push('STORAGE=azure needs AZURE_STORAGE_CONNECTION_STRING, or both AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_BLOB_URL (used with the app\'s Entra credential).');
    }
    for (const [name, value] of [['AZURE_STORAGE_TABLE_URL', azure.tableUrl], ['AZURE_STORAGE_BLOB_URL', azure.blobUrl]] as const) {
      if (value && !isStorageUrl(value)) problems.push(`${name} must be an https:// URL (http:// only for a loopback emulator) (got "${value}").`);
    }
    if (azure.connectionString && !/AccountName=|UseDevelopmentStorage=true|TableEndpoint=/i.test(azure.connectionString)) {
      problems.push('AZURE_STORAGE_CONNECTION_STRING does not look like an Azure Storage connection string (no AccountName or TableEndpoint).');
    }
  }
  return { kind: kind ?? 'sqlite', dataDir, azure };
}

function isStorageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** createToken's tokenValidityInSeconds is an Edm.Int32: days × 86,400 must stay below 2^31. */
export const MAX_ROTATE_TOKEN_DAYS = Math.floor(2_147_483_647 / 86_400);
export const DEFAULT_ROTATE_TOKEN_DAYS = 90;

/** ROTATE_TOKEN_DAYS: a whole number of days ≥ 1 whose seconds fit Graph's Int32; the default when unset. */
export function rotateDays(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULT_ROTATE_TOKEN_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(days) || days < 1 || days > MAX_ROTATE_TOKEN_DAYS) {
    problems.push(
      `ROTATE_TOKEN_DAYS must be a whole number of days from 1 to ${MAX_ROTATE_TOKEN_DAYS} ` +
        `(Graph's tokenValidityInSeconds, days × 86,400, is a 32-bit integer) (got "${raw}").`,
    );
    return DEFAULT_ROTATE_TOKEN_DAYS;
  }
  return days;
}
