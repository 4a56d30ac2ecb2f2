/** Storage takes a write, the approvals channel is known, the public address is https and answers. */
import type { Config } from '../config';
import type { StorageBundle } from '../storage/storage-bundle';
import { errorText } from './entra-answer';
import { fail, pass, skip, withTimeout, type CheckResult } from './doctor-check';

const PROBE_KEY = 'token-guard-doctor-probe';

export async function checkStorage(config: Config, storage: Pick<StorageBundle, 'botState'> & { ready?(): Promise<void> }, timeoutMs: number): Promise<CheckResult> {
  const title = 'Storage';
  const where = config.storage.kind === 'sqlite' ? `SQLite in ${config.storage.dataDir}` : `Azure Storage (${config.storage.azure.connectionString ? 'connection string' : 'table and blob URLs'}, prefix ${config.storage.azure.prefix})`;
  try {
    if (storage.ready) await withTimeout(storage.ready(), timeoutMs, 'Storage');
    const written = new Date().toISOString();
    await withTimeout(storage.botState.write({ [PROBE_KEY]: { written } }), timeoutMs, 'Storage');
    const read = (await withTimeout(storage.botState.read([PROBE_KEY]), timeoutMs, 'Storage'))[PROBE_KEY] as { written?: string } | undefined;
    await withTimeout(storage.botState.delete([PROBE_KEY]), timeoutMs, 'Storage');
    if (read?.written !== written) throw new Error('a value written was not read back');
    return pass('storage', title, `${where} opens and takes a write.`);
  } catch (error) {
    const text = errorText(error).slice(0, 200);
    const fix =
      config.storage.kind === 'sqlite'
        ? `Make DATA_DIR (${config.storage.dataDir}) a writable folder on persistent disk (App Service: under /home).`
        : /AuthorizationPermissionMismatch|AuthorizationFailure|403/.test(text)
          ? 'Storage account → Access control (IAM) → grant the app\'s identity "Storage Table Data Contributor" and "Storage Blob Data Contributor".'
          : 'Check AZURE_STORAGE_CONNECTION_STRING (Storage account → Access keys) or AZURE_STORAGE_TABLE_URL / AZURE_STORAGE_BLOB_URL, and the account\'s network rules.';
    return fail('storage', title, `${where} failed: ${text}`, fix);
  }
}

/** Known = the bot has been added to the channel's team (it keeps a reference once it sees the channel). */
export async function checkApprovalChannel(config: Config, isKnown: (channelId: string) => Promise<boolean>, timeoutMs: number): Promise<CheckResult> {
  const title = 'APPROVAL_CHANNEL_ID';
  const channelId = config.approvalChannelId;
  if (!channelId) return skip('approval-channel', title, 'APPROVAL_CHANNEL_ID is not set: requests typed in personal chat get their approval card in that chat.');
  try {
    if (await withTimeout(isKnown(channelId), timeoutMs, 'Storage')) return pass('approval-channel', title, `The bot knows channel ${channelId}.`);
    return fail('approval-channel', title, `The bot has no conversation for channel ${channelId}: it was never added to that team, or nobody has @mentioned it there yet.`, 'In Teams: add Token Guard to the team of that channel (Apps → Manage your apps → Add to a team), then @mention it once in the channel ("@Token Guard help").');
  } catch (error) {
    return fail('approval-channel', title, `Could not look the channel up: ${errorText(error).slice(0, 200)}`, 'Fix storage first (see "Storage").');
  }
}

export async function checkPublicBaseUrl(config: Config, fetchImpl: typeof fetch, timeoutMs: number): Promise<CheckResult> {
  const title = 'PUBLIC_BASE_URL';
  const url = config.publicBaseUrl;
  if (!url) return skip('public-base-url', title, 'PUBLIC_BASE_URL is not set: `history export` links are off.');
  if (!url.startsWith('https://')) return fail('public-base-url', title, `${url} is not https.`, 'Set PUBLIC_BASE_URL to the https address of the App Service (https://<app>.azurewebsites.net).');
  try {
    const response = await withTimeout(fetchImpl(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) }), timeoutMs, url);
    if (response.status === 200 || response.status === 503) return pass('public-base-url', title, `${url} is https and Token Guard answers there (/healthz ${response.status}).`);
    return fail('public-base-url', title, `${url}/healthz answered ${response.status}: that address is not this bot.`, 'Set PUBLIC_BASE_URL to the address the Azure Bot\'s messaging endpoint uses, without /api/messages.');
  } catch (error) {
    return fail('public-base-url', title, `${url} did not answer: ${errorText(error).slice(0, 150)}`, 'Deploy the bot first, or set PUBLIC_BASE_URL to its public https address (App Service → Overview → Default domain).');
  }
}
