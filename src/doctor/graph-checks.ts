/**
 * The Graph side of a deployment: the app-only token and its roles, Intune answering for this
 * tenant, the configured groups and approvers.
 */
import type { TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import { graphScopeFor } from '../intune/graph-client';
import { aadstsCode, errorText, intuneMessage, jwtPayload, rolesOf, scopesNamed } from './entra-answer';
import { fail, pass, skip, withTimeout, type CheckResult } from './doctor-check';

export const REVOKE_ROLE = 'DeviceManagementConfiguration.ReadWrite.All';
export const GROUP_ROLES = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];
/** Roles that may install an app in a user's personal scope: the one we document first. */
export const INSTALL_ROLES = [
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
];
const USER_ROLES = ['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All'];
const PERMISSIONS_BLADE = 'Entra admin center → App registrations → (AZURE_CLIENT_ID) → API permissions → Add a permission → Microsoft Graph → Application permissions';
const CONSENT = 'then "Grant admin consent for <your tenant>"';

export interface GraphToken {
  roles: string[];
  tenantId?: string;
  appId?: string;
}

/** Gets a fresh app-only token (a permission change shows only in a new token) and reads its claims. */
export async function checkGraphCredential(config: Config, credential: TokenCredential, timeoutMs: number): Promise<{ result: CheckResult; token?: GraphToken }> {
  const title = 'Graph credential';
  const via = config.graph.clientSecret ? 'client secret' : config.graph.certificatePath ? 'certificate' : 'managed identity';
  try {
    const scope = graphScopeFor(config.graph.baseUrl);
    const accessToken = await withTimeout(credential.getToken(scope), timeoutMs, 'Entra');
    if (!accessToken?.token) throw new Error('Entra answered without a token.');
    const claims = jwtPayload(accessToken.token);
    const token: GraphToken = { roles: rolesOf(claims), tenantId: typeof claims?.tid === 'string' ? claims.tid : undefined, appId: typeof claims?.appid === 'string' ? claims.appid : undefined };
    if (token.tenantId && token.tenantId.toLowerCase() !== config.tenantId) {
      return {
        result: fail('graph-credential', title, `The Graph token is for tenant ${token.tenantId}, not ${config.tenantId}.`, 'Set AZURE_TENANT_ID to the tenant whose Intune the bot manages (the app registration must live there or be consented there).'),
        token,
      };
    }
    return { result: pass('graph-credential', title, `App ${token.appId ?? config.graph.clientId ?? '(managed identity)'} got an app-only token for tenant ${token.tenantId ?? config.tenantId} (${via}).`), token };
  } catch (error) {
    return { result: fail('graph-credential', title, ...explainGraphTokenFailure(error, config, via)) };
  }
}

function explainGraphTokenFailure(error: unknown, config: Config, via: string): [string, string] {
  const code = aadstsCode(error);
  const app = config.graph.clientId ?? '(managed identity)';
  const text = errorText(error).replace(/Trace ID:.*$/s, '').slice(0, 300);
  if (code === 7000215 || code === 7000222) {
    return [`Entra refused AZURE_CLIENT_SECRET for app ${app} (AADSTS${code}: ${code === 7000222 ? 'expired secret' : 'invalid client secret'}).`, 'Entra admin center → App registrations → (AZURE_CLIENT_ID) → Certificates & secrets → New client secret; set AZURE_CLIENT_SECRET to its Value (not its Secret ID).'];
  }
  if (code === 700016) return [`Entra does not know app ${app} in tenant ${config.graph.tenantId} (AADSTS700016).`, 'Set AZURE_CLIENT_ID to the Application (client) ID of an app registration in AZURE_TENANT_ID.'];
  if (code === 90002 || code === 900023) return [`Tenant ${config.graph.tenantId} does not exist (AADSTS${code}).`, 'Set AZURE_TENANT_ID to your Directory (tenant) ID: Entra admin center → Overview.'];
  if (code === 700027 || code === 700024) return [`Entra refused the certificate assertion (AADSTS${code}).`, 'Upload the certificate in AZURE_CLIENT_CERTIFICATE_PATH under App registrations → Certificates & secrets, or renew it.'];
  if (via === 'managed identity' && /ManagedIdentity|IDENTITY_ENDPOINT|CredentialUnavailable/i.test(text)) {
    return [`No managed identity is available here: ${text}`, 'App Service → Identity → System assigned: On (or set AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH).'];
  }
  if (/ENOTFOUND|ECONNREFUSED|fetch failed|did not answer|ETIMEDOUT/i.test(text)) {
    return [`Could not reach the authority ${config.graph.authorityHost}: ${text}`, 'Allow outbound HTTPS to AZURE_AUTHORITY_HOST (login.microsoftonline.com), or fix AZURE_AUTHORITY_HOST.'];
  }
  return [`Getting a Graph token failed: ${text}`, 'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH).'];
}

export function checkGraphRoles(config: Config, token: GraphToken | undefined): CheckResult {
  const title = 'Graph permissions';
  if (!token) return skip('graph-roles', title, 'Not checked: no Graph token (see "Graph credential").');
  const needed = [REVOKE_ROLE];
  const groupConfigured = Boolean(config.access.approverGroupId || config.access.requesterGroupId);
  const missing = token.roles.includes(REVOKE_ROLE) ? [] : [REVOKE_ROLE];
  if (groupConfigured) {
    needed.push('GroupMember.Read.All');
    if (!GROUP_ROLES.some((r) => token.roles.includes(r))) missing.push('GroupMember.Read.All');
  }
  // NOTIFY_INSTALL=true installs the app for approvers without a personal chat (Graph installedApps).
  if (config.notify.install) {
    needed.push(INSTALL_ROLES[0]);
    if (!INSTALL_ROLES.some((r) => token.roles.includes(r))) missing.push(INSTALL_ROLES[0]);
  }
  const held = token.roles.length ? token.roles.join(', ') : 'none';
  if (missing.length) {
    return fail('graph-roles', title, `The token's roles claim is [${held}]; missing ${missing.join(' and ')}.`, `${PERMISSIONS_BLADE} → ${missing.join(', ')}, ${CONSENT}.`);
  }
  return pass('graph-roles', title, `The token holds ${needed.join(' and ')} (roles: ${held}).`);
}

/** GET …/androidDeviceOwnerEnrollmentProfiles?$top=1, then counts the profiles page by page. */
export async function checkIntune(graph: Client, timeoutMs: number): Promise<CheckResult> {
  const title = 'Intune';
  const collection = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';
  try {
    let page = (await withTimeout(graph.api(collection).version('beta').top(1).select('id').get(), timeoutMs, 'Intune')) as ODataPage;
    let count = page.value?.length ?? 0;
    if (page['@odata.nextLink']) {
      page = (await withTimeout(graph.api(collection).version('beta').select('id').get(), timeoutMs, 'Intune')) as ODataPage;
      count = page.value?.length ?? 0;
      for (let pages = 1; page['@odata.nextLink'] && pages < 50; pages += 1) {
        page = (await withTimeout(graph.api(page['@odata.nextLink']).get(), timeoutMs, 'Intune')) as ODataPage;
        count += page.value?.length ?? 0;
      }
    }
    return pass('intune', title, `Intune answers for this tenant (licensed): ${count} Android Device Owner enrollment profile${count === 1 ? '' : 's'}.`);
  } catch (error) {
    return fail('intune', title, ...explainIntuneFailure(error));
  }
}

interface ODataPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
}

interface GraphErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  requestId?: string;
}

export function explainIntuneFailure(error: unknown): [string, string] {
  const e = (error ?? {}) as GraphErrorLike;
  const status = e.statusCode ?? 0;
  const said = intuneMessage(e.message);
  const ids = e.requestId ? ` (request-id ${e.requestId})` : '';
  if (status === 400 && /not applicable to target tenant/i.test(said)) {
    return [
      `Intune answered 400 "Request not applicable to target tenant.": this tenant has no Intune licence or no MDM authority${ids}.`,
      'Assign an Intune licence (Microsoft 365 admin center → Billing → Licenses, e.g. Microsoft Intune Plan 1), then Intune admin center → Tenant administration → Tenant status must show the MDM authority "Microsoft Intune".',
    ];
  }
  if (status === 403) {
    const scopes = scopesNamed(said);
    const permission = scopes.length ? scopes.join(' or ') : REVOKE_ROLE;
    return [`Intune answered 403: the app lacks ${permission}${ids}.`, `${PERMISSIONS_BLADE} → ${REVOKE_ROLE}, ${CONSENT}.`];
  }
  if (status === 401 && (e.code === 'UnknownError' || /Forbidden/.test(e.message ?? ''))) {
    return [
      `Intune refused the app (401 UnknownError: "${said.slice(0, 120)}")${ids}. This is Intune's permission check, not a wrong secret.`,
      `${PERMISSIONS_BLADE} → ${REVOKE_ROLE}, ${CONSENT}; a new grant takes a few minutes to reach Intune. Then run the doctor again.`,
    ];
  }
  if (status === 401) {
    return [`Graph refused the token (401 ${e.code ?? ''})${ids}.`, 'GRAPH_BASE_URL and AZURE_AUTHORITY_HOST must be the same cloud (https://graph.microsoft.com with https://login.microsoftonline.com).'];
  }
  if (status === 429 || status === 503) return [`Intune is throttling or unavailable (${status})${ids}.`, 'Nothing to change: run the doctor again in a minute.'];
  if (status === 0) return [`Could not reach Graph: ${errorText(error).slice(0, 200)}`, 'Allow outbound HTTPS to GRAPH_BASE_URL (graph.microsoft.com) from the host, or fix GRAPH_BASE_URL.'];
  return [`Intune answered ${status} ${e.code ?? ''}: ${said.slice(0, 200)}${ids}`, 'See the Graph answer above; if it persists, open a Microsoft support case with the request-id.'];
}

/** The group exists and the app can read its members (the product asks transitiveMembers). */
export async function checkGroup(graph: Client, id: 'approver-group' | 'requester-group', setting: string, groupId: string | undefined, timeoutMs: number): Promise<CheckResult> {
  const title = setting;
  if (!groupId) return skip(id, title, `${setting} is not set.`);
  try {
    await withTimeout(graph.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).version('v1.0').top(1).select('id').get(), timeoutMs, 'Graph');
    return pass(id, title, `Group ${groupId} exists and its members are readable.`);
  } catch (error) {
    const e = (error ?? {}) as GraphErrorLike;
    if (e.statusCode === 404) {
      return fail(id, title, `Graph knows no group ${groupId} in this tenant (404 ${e.code ?? ''}).`, `Set ${setting} to the Object ID of an Entra security group: Entra admin center → Groups → All groups → (your group) → Overview → Object ID.`);
    }
    if (e.statusCode === 403) {
      return fail(id, title, `Graph refused to read group ${groupId} (403 ${e.code ?? ''}).`, `${PERMISSIONS_BLADE} → GroupMember.Read.All, ${CONSENT} (a group with hidden membership also needs Member.Read.Hidden).`);
    }
    return fail(id, title, `Reading group ${groupId} failed: ${e.statusCode ?? ''} ${intuneMessage(e.message).slice(0, 200)}`, 'Run the doctor again; if it persists, check GRAPH_BASE_URL and the network.');
  }
}

/** APPROVER_IDS name users of this tenant (needs a user-read permission the bot itself does not need). */
export async function checkApproverUsers(graph: Client, config: Config, token: GraphToken | undefined, timeoutMs: number): Promise<CheckResult> {
  const title = 'APPROVER_IDS';
  const ids = config.access.approverIds;
  if (ids.length === 0) return skip('approver-users', title, 'APPROVER_IDS is not set (approvers come from APPROVER_GROUP_ID).');
  if (!token || !USER_ROLES.some((r) => token.roles.includes(r))) {
    return skip('approver-users', title, `${ids.length} approver id(s) configured; not verified: checking that they are users needs User.Read.All, which the bot itself does not need (add it to let the doctor check).`);
  }
  const unknown: string[] = [];
  const names: string[] = [];
  for (const id of ids.slice(0, 50)) {
    try {
      const user = (await withTimeout(graph.api(`/users/${encodeURIComponent(id)}`).version('v1.0').select('id,displayName').get(), timeoutMs, 'Graph')) as { displayName?: string };
      names.push(user.displayName ?? id);
    } catch (error) {
      if ((error as GraphErrorLike)?.statusCode === 404) unknown.push(id);
      else return fail('approver-users', title, `Looking up approver ${id} failed: ${(error as GraphErrorLike)?.statusCode ?? ''} ${intuneMessage((error as GraphErrorLike)?.message).slice(0, 150)}`, 'Run the doctor again; if Graph answers 403, grant User.Read.All with admin consent.');
    }
  }
  if (unknown.length) {
    return fail('approver-users', title, `Not users of this tenant: ${unknown.join(', ')}.`, 'Put Entra user Object IDs in APPROVER_IDS: Entra admin center → Users → (user) → Overview → Object ID.');
  }
  return pass('approver-users', title, `${names.length} approver(s) are users of this tenant: ${names.join(', ')}.`);
}
