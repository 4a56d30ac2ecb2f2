import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Graph answers 401 when it no longer accepts the app's cached token (expired early, revoked,
 * keys rolled over), while @azure/identity keeps handing out that token until its own expiry.
 * So after a 401 the call is tried once more with a token fetched past the cache: a claims
 * request (as for a continuous-access-evaluation challenge) for a token issued from now on,
 * which MSAL never answers from its cache. A second 401 is Graph's real answer (consent, credentials).
 */
export class RefreshableCredential implements TokenCredential {
  private freshTokenRequested = false;

  constructor(private readonly inner: TokenCredential) {}

  /** The next getToken skips the token cache. */
  requestFreshToken(): void {
    this.freshTokenRequested = true;
  }

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    if (!this.freshTokenRequested) return this.inner.getToken(scopes, options);
    this.freshTokenRequested = false;
    const issuedFrom = String(Math.floor(Date.now() / 1000));
    const claims = JSON.stringify({ access_token: { nbf: { essential: true, value: issuedFrom } } });
    return this.inner.getToken(scopes, { ...options, claims });
  }
}

/** Graph client middleware, placed before the AuthenticationHandler: one retry with a fresh token after a 401. */
export class FreshTokenOnUnauthorizedHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly credential: RefreshableCredential) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('FreshTokenOnUnauthorizedHandler must not be the last middleware.');
    await this.next.execute(context);
    if (context.response?.status !== 401) return;
    this.credential.requestFreshToken();
    // The AuthenticationHandler appends its header: drop the rejected one first.
    dropAuthorization(context);
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function dropAuthorization(context: Context): void {
  if (typeof context.request !== 'string') context.request.headers.delete('Authorization');
  const options = context.options;
  const headers = options?.headers;
  if (!options || !headers) return;
  if (headers instanceof Headers) headers.delete('Authorization');
  else if (Array.isArray(headers)) options.headers = headers.filter(([name]) => name.toLowerCase() !== 'authorization');
  else {
    const record = headers as Record<string, string>;
    for (const name of Object.keys(record)) if (name.toLowerCase() === 'authorization') delete record[name];
  }
}
