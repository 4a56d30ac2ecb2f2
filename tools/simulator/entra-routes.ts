import { randomUUID } from 'node:crypto';
import { Exchange, sendJson } from './http-exchange';
import { decodeJwt, JwtCheck, publicJwk, signJwt, SigningKey, verifyJwt } from './jwt';
import { guidFrom } from './stable-ids';

/**
 * Entra ID as MSAL (node 2.x and 5.x) and @azure/identity use it for app-only tokens:
 * OIDC discovery for any tenant path segment, the signing keys, and the v2 token endpoint with
 * client_credentials (secret or certificate assertion).
 */
export interface EntraState {
  baseUrl: string;
  tenantId: string;
  /** client id -> the app registration (secret, and the Graph application permissions granted to it). */
  clients: Map<string, SimAppRegistration>;
  key: SigningKey;
  tokensIssued: { clientId: string; scope: string }[];
  /** `uti` of every access token issued so far, and of those revoked (Graph then answers 401). */
  issuedTokenIds: string[];
  revokedTokenIds: Set<string>;
}

export interface SimAppRegistration {
  secret: string;
  /** Graph application permissions with admin consent: the `roles` claim of its Graph tokens. */
  roles: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const TOKEN_LIFETIME_SECONDS = 3599;

/** Answers the request when it is an Entra route; false lets the next service try. */
export function handleEntra(ex: Exchange, state: EntraState): boolean {
  const s = ex.segments;
  const tenant = s[0];
  if (ex.method === 'GET' && s.length === 3 && s[0] === 'common' && s[1] === 'discovery' && s[2] === 'instance') {
    sendJson(ex.res, 200, instanceDiscovery(ex, state));
    return true;
  }
  if (ex.method === 'GET' && isPath(s, ['v2.0', '.well-known', 'openid-configuration'])) {
    sendJson(ex.res, 200, openIdConfiguration(state, tenant));
    return true;
  }
  if (ex.method === 'GET' && isPath(s, ['.well-known', 'openid-configuration'])) {
    sendJson(ex.res, 200, openIdConfiguration(state, tenant));
    return true;
  }
  if (ex.method === 'GET' && (isPath(s, ['discovery', 'v2.0', 'keys']) || isPath(s, ['discovery', 'keys']))) {
    sendJson(ex.res, 200, { keys: [publicJwk(state.key)] });
    return true;
  }
  if (isPath(s, ['oauth2', 'v2.0', 'token']) || isPath(s, ['oauth2', 'token'])) {
    if (ex.method !== 'POST') {
      sendAadError(ex, state, 405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    } else {
      issueToken(ex, state, tenant);
    }
    return true;
  }
  return false;
}

/** Checks a Bearer token this simulator issued for `audience` (signature, aud, exp). */
export function checkIssuedToken(state: EntraState, token: string | undefined, audience: string): JwtCheck {
  if (!token) return { ok: false, reason: 'Access token is empty.' };
  const check = verifyJwt(token, [state.key], audience);
  if (check.ok && state.revokedTokenIds.has(String(check.payload.uti))) {
    return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
  }
  return check;
}

function isPath(segments: string[], tail: string[]): boolean {
  return segments.length === tail.length + 1 && tail.every((part, i) => segments[i + 1].toLowerCase() === part.toLowerCase());
}

function tenantGuid(state: EntraState, tenant: string): string {
  return GUID.test(tenant) ? tenant.toLowerCase() : state.tenantId;
}

function openIdConfiguration(state: EntraState, tenant: string): Record<string, unknown> {
  const base = `${state.baseUrl}/${encodeURIComponent(tenant)}`;
  const host = new URL(state.baseUrl).host;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // MSAL rejects an issuer whose origin differs from the authority's, so it lives under baseUrl.
    issuer: `${state.baseUrl}/${tenantGuid(state, tenant)}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${state.baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'appid', 'azp', 'roles'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: state.baseUrl,
  };
}

function instanceDiscovery(ex: Exchange, state: EntraState): Record<string, unknown> {
  const host = new URL(state.baseUrl).host;
  const authorizationEndpoint = ex.query.authorization_endpoint ?? `${state.baseUrl}/common/oauth2/v2.0/authorize`;
  const tenant = safeTenantFrom(authorizationEndpoint) ?? 'common';
  return {
    tenant_discovery_endpoint: `${state.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

function safeTenantFrom(url: string): string | undefined {
  try {
    return new URL(url).pathname.split('/').filter(Boolean)[0];
  } catch {
    return undefined;
  }
}

function issueToken(ex: Exchange, state: EntraState, tenant: string): void {
  const form = new URLSearchParams(ex.body);
  const basic = basicCredentials(ex);
  const clientId = form.get('client_id') ?? basic?.id;
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials') {
    sendAadError(ex, state, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
    return;
  }
  if (!clientId) {
    sendAadError(ex, state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    return;
  }
  const app = state.clients.get(clientId);
  if (app === undefined) {
    sendAadError(ex, state, 401, 'unauthorized_client', 700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
    return;
  }
  const credentialProblem = checkClientCredential(form, clientId, app.secret, basic?.secret);
  if (credentialProblem) {
    sendAadError(ex, state, 401, 'invalid_client', credentialProblem.code, credentialProblem.message);
    return;
  }
  // The v1 endpoint names the audience with `resource` instead of a /.default scope.
  const resource = form.get('resource');
  const requested = form.get('scope') ?? (resource ? `${resource.replace(/\/$/, '')}/.default` : '');
  const scopes = requested.split(/\s+/).filter((s) => s.length > 0 && !OIDC_SCOPES.has(s));
  const resourceScope = scopes.find((s) => s.endsWith('/.default'));
  if (!resourceScope || scopes.length !== 1) {
    sendAadError(ex, state, 400, 'invalid_scope', 1002012,
      `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    return;
  }
  const audience = resourceScope.slice(0, -'/.default'.length);
  const tid = tenantGuid(state, tenant);
  const now = Math.floor(Date.now() / 1000);
  const objectId = guidFrom(`service-principal:${clientId}`);
  const tokenId = randomUUID().replace(/-/g, '');
  state.issuedTokenIds.push(tokenId);
  const accessToken = signJwt(
    {
      aud: audience,
      iss: `https://sts.windows.net/${tid}/`,
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      appid: clientId,
      azp: clientId,
      appidacr: form.get('client_assertion') ? '2' : '1',
      idp: `https://sts.windows.net/${tid}/`,
      idtyp: 'app',
      oid: objectId,
      sub: objectId,
      tid,
      uti: tokenId,
      ver: '1.0',
      // Entra omits the claim when nothing is granted; roles are read when the token is issued, so a
      // permission taken away (or granted) shows only in the next token.
      ...(audience === 'https://graph.microsoft.com' && app.roles.length > 0 ? { roles: [...app.roles] } : {}),
    },
    state.key,
  );
  state.tokensIssued.push({ clientId, scope: resourceScope });
  sendJson(ex.res, 200, {
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  }, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
}

function basicCredentials(ex: Exchange): { id: string; secret: string } | undefined {
  const header = ex.req.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * A secret must match; a certificate assertion is only decoded and its iss/sub/exp checked
 * (the simulator does not know the app's certificate, and the bot's signing is MSAL's job).
 */
function checkClientCredential(form: URLSearchParams, clientId: string, secret: string, basicSecret: string | undefined): { code: number; message: string } | undefined {
  const sentSecret = form.get('client_secret') ?? basicSecret;
  const assertion = form.get('client_assertion');
  if (sentSecret !== undefined && sentSecret !== null) {
    if (sentSecret === secret) return undefined;
    return {
      code: 7000215,
      message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    };
  }
  if (assertion) {
    if (form.get('client_assertion_type') !== JWT_BEARER) {
      return { code: 700022, message: `The provided value for the input parameter 'client_assertion_type' is not valid. Expected '${JWT_BEARER}'.` };
    }
    const decoded = decodeJwt(assertion);
    const exp = decoded?.payload.exp;
    if (!decoded || decoded.payload.iss !== clientId || decoded.payload.sub !== clientId) {
      return { code: 700021, message: 'Client assertion application identifier doesn\'t match \'client_id\' parameter.' };
    }
    if (typeof exp === 'number' && exp * 1000 < Date.now()) {
      return { code: 700024, message: 'Client assertion is not within its valid time range.' };
    }
    return undefined;
  }
  return { code: 7000218, message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." };
}

function sendAadError(ex: Exchange, state: EntraState, status: number, error: string, code: number, message: string): void {
  const traceId = randomUUID();
  const correlationId = headerValue(ex, 'client-request-id') ?? randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  sendJson(ex.res, status, {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${state.baseUrl}/error?code=${code}`,
  });
}

function headerValue(ex: Exchange, name: string): string | undefined {
  const value = ex.req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
