import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { transportTimeout } from './attempt-deadline-handler';

/**
 * A credential whose getToken gives up after timeoutMs. The Graph request deadline starts only after
 * the token is attached, and @azure/identity retries a silent token endpoint for a long time; without
 * this a hung Entra would hang the revoke just like a hung Graph.
 */
export function withTokenDeadline(credential: TokenCredential, timeoutMs: number): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(transportTimeout(timeoutMs, 'The Entra token endpoint'));
        }, timeoutMs);
      });
      try {
        return await Promise.race([credential.getToken(scopes, { ...options, abortSignal: abort.signal }), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
