/**
 * The doctor: reads the settings exactly as `npm start` does and checks each against the real
 * endpoint it names. Shared by `npm run doctor`, the `doctor` chat command and `/healthz?deep=1`.
 */
import { ConfigError, loadConfig, type Config, type Settings } from '../config';
import { createGraphClient } from '../intune/graph-client';
import { createGraphCredential } from '../intune/graph-credential';
import { openConfiguredStorage } from '../storage/open-configured-storage';
import type { StorageBundle } from '../storage/storage-bundle';
import { silentLogger } from '../support/logger';
import { channelKey } from '../teams/conversation-key';
import { checkBotCredential } from './bot-credential-check';
import { checkApprovalChannel, checkPublicBaseUrl, checkStorage } from './deployment-checks';
import { fail, pass, reportOf, skip, type CheckId, type CheckResult, type DoctorReport } from './doctor-check';
import { errorText } from './entra-answer';
import { checkApproverUsers, checkGraphCredential, checkGraphRoles, checkGroup, checkIntune } from './graph-checks';

export interface DoctorOptions {
  /** Per check. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  /** The running bot's storage (chat command, /healthz); without it the doctor opens its own and closes it. */
  storage?: Pick<StorageBundle, 'botState' | 'conversations'> & { ready?(): Promise<void> };
}

/** Every check after the settings, in the order they are printed. */
const LATER_CHECKS: [CheckId, string][] = [
  ['bot-credential', 'Bot Framework credential'],
  ['graph-credential', 'Graph credential'],
  ['graph-roles', 'Graph permissions'],
  ['intune', 'Intune'],
  ['approver-group', 'APPROVER_GROUP_ID'],
  ['requester-group', 'REQUESTER_GROUP_ID'],
  ['approver-users', 'APPROVER_IDS'],
  ['storage', 'Storage'],
  ['approval-channel', 'APPROVAL_CHANNEL_ID'],
  ['public-base-url', 'PUBLIC_BASE_URL'],
];

/** From raw settings (options over the environment), as loadConfig reads them. */
export async function diagnoseSettings(options: Settings = {}, env: Settings = process.env, doctor: DoctorOptions = {}): Promise<DoctorReport> {
  const now = doctor.now ?? (() => new Date());
  let config: Config;
  try {
    config = loadConfig(options, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const settings = fail('settings', 'Settings', `${error.problems.length} setting problem(s): ${error.problems.join(' ')}`, 'Fix these in App Service → Configuration → Application settings (or in .env); env.sample describes every setting.');
    return reportOf([settings, ...LATER_CHECKS.map(([id, title]) => skip(id, title, 'Not checked: fix the settings first.'))], now());
  }
  return diagnose(config, doctor);
}

export async function diagnose(config: Config, doctor: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = doctor.timeoutMs ?? 15_000;
  const now = doctor.now ?? (() => new Date());
  const checks: CheckResult[] = [pass('settings', 'Settings', settingsSummary(config))];

  const credential = createGraphCredential({ ...config.graph });
  const graph = createGraphClient({ credential, graphBaseUrl: config.graph.baseUrl, timeoutMs, retry: { maxRetries: 1, maxWaitSeconds: 5 } });
  const [bot, graphToken] = await Promise.all([checkBotCredential(config, timeoutMs), checkGraphCredential(config, credential, timeoutMs)]);
  checks.push(bot, graphToken.result, checkGraphRoles(config, graphToken.token));

  const reachable = graphToken.token !== undefined;
  const notReached = (id: CheckId, title: string) => skip(id, title, 'Not checked: no Graph token (see "Graph credential").');
  const graphChecks = await Promise.all([
    reachable ? checkIntune(graph, timeoutMs) : notReached('intune', 'Intune'),
    reachable ? checkGroup(graph, 'approver-group', 'APPROVER_GROUP_ID', config.access.approverGroupId, timeoutMs) : notReached('approver-group', 'APPROVER_GROUP_ID'),
    reachable ? checkGroup(graph, 'requester-group', 'REQUESTER_GROUP_ID', config.access.requesterGroupId, timeoutMs) : notReached('requester-group', 'REQUESTER_GROUP_ID'),
    reachable ? checkApproverUsers(graph, config, graphToken.token, timeoutMs) : notReached('approver-users', 'APPROVER_IDS'),
  ]);
  checks.push(...graphChecks);

  let storage = doctor.storage;
  let close: (() => void) | undefined;
  if (!storage) {
    try {
      const opened = openConfiguredStorage(config.storage, { logger: silentLogger, credential });
      storage = opened;
      close = () => opened.close();
    } catch (error) {
      checks.push(fail('storage', 'Storage', `Storage does not open: ${errorText(error).slice(0, 200)}`, config.storage.kind === 'sqlite' ? `Make DATA_DIR (${config.storage.dataDir}) a writable folder.` : 'Check the AZURE_STORAGE_* settings.'));
    }
  }
  try {
    if (storage) {
      const store = storage;
      checks.push(await checkStorage(config, store, timeoutMs));
      checks.push(await checkApprovalChannel(config, async (id) => (await store.conversations.get(channelKey(id))) !== undefined, timeoutMs));
    } else {
      checks.push(skip('approval-channel', 'APPROVAL_CHANNEL_ID', 'Not checked: storage does not open.'));
    }
  } finally {
    close?.();
  }
  checks.push(await checkPublicBaseUrl(config, doctor.fetch ?? fetch, timeoutMs));
  return reportOf(checks, now());
}

function settingsSummary(config: Config): string {
  const bot = config.authenticationDisabled ? 'no MicrosoftAppId (LOCAL_DEVELOPMENT)' : `${config.bot.appType} bot ${config.bot.appId}`;
  const approvers = [config.access.approverIds.length ? `${config.access.approverIds.length} approver id(s)` : '', config.access.approverGroupId ? 'an approver group' : ''].filter(Boolean).join(' and ');
  return `Valid: ${bot}, tenant ${config.tenantId}, Graph ${config.graph.baseUrl}, STORAGE=${config.storage.kind}, ${approvers}.`;
}
