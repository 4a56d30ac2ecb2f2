import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export interface GraphCredentialSettings {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM file holding both the private key and the certificate. */
  certificatePath?: string;
  /** e.g. https://login.microsoftonline.com, or the simulator's https://127.0.0.1:PORT */
  authorityHost: string;
}

/**
 * Entra authority hosts MSAL knows itself. Any other host (a simulator, a private STS) must skip
 * instance discovery, or MSAL first asks login.microsoftonline.com about it and fails offline.
 */
const PUBLIC_AUTHORITY_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login-us.microsoftonline.com',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
]);

/** True for Entra's own authority hosts. Accepts a bare host name or a URL. */
export function isPublicAuthority(host: string): boolean {
  return PUBLIC_AUTHORITY_HOSTS.has(hostNameOf(host));
}

/**
 * The app-only credential Token Guard uses for Graph:
 * a client secret if one is configured, else a certificate, else the managed identity
 * (user-assigned when a client id is given, system-assigned otherwise).
 */
export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  const authorityHost = settings.authorityHost.replace(/\/+$/, '');
  const options = {
    authorityHost,
    ...(isPublicAuthority(authorityHost) ? {} : { disableInstanceDiscovery: true }),
  };

  if (settings.clientSecret) {
    const { tenantId, clientId } = requireApp(settings, 'a client secret');
    return new ClientSecretCredential(tenantId, clientId, settings.clientSecret, options);
  }
  if (settings.certificatePath) {
    const { tenantId, clientId } = requireApp(settings, 'a certificate');
    return new ClientCertificateCredential(tenantId, clientId, { certificatePath: settings.certificatePath }, options);
  }
  return settings.clientId ? new ManagedIdentityCredential({ clientId: settings.clientId }) : new ManagedIdentityCredential();
}

function requireApp(settings: GraphCredentialSettings, what: string): { tenantId: string; clientId: string } {
  if (!settings.tenantId || !settings.clientId) {
    // Never echo the secret or the certificate path's contents: only say what is missing.
    throw new Error(`Graph credentials with ${what} also need a tenant id and a client id.`);
  }
  return { tenantId: settings.tenantId, clientId: settings.clientId };
}

function hostNameOf(hostOrUrl: string): string {
  const trimmed = hostOrUrl.trim().toLowerCase();
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return trimmed;
  }
}
