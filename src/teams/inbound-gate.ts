/**
 * Every check an inbound activity passes before botbuilder routes it, in one place (called once,
 * from TokenGuardAdapter.handle). Only Teams vouches for `from.aadObjectId` and the tenant, so:
 * - before authentication, what any caller may learn without a token: the activity has a serviceUrl
 *   (botbuilder checks the token's serviceurl claim only when there is one) that is https when
 *   authentication is on (the bot sends its own token there), and it claims to come from Teams;
 * - after authentication, what only the channel vouches for: the activity is of our tenant. Other
 *   tenants (or none) are dropped: not stored, not audited, not answered, one log line a minute.
 * The token's key being endorsed for msteams is botbuilder's check (see bot-authentication.ts).
 */
import type { Activity } from 'botbuilder';
import type { Logger } from '../support/logger';
import { RateLimitedLog } from '../support/rate-limited-log';

/** The only channel whose activities carry identities we may trust. */
export const TEAMS_CHANNEL_ID = 'msteams';
/** Display names are at most 256 characters in Entra; anything longer is not a real name. */
export const MAX_DISPLAY_NAME_LENGTH = 256;

/** A refused activity: its HTTP status and a body that says why (no internals). */
export class InboundRefusal extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: 'BadRequest' | 'Forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'InboundRefusal';
  }

  get body(): { error: string; message: string } {
    return { error: this.code, message: this.message };
  }
}

export interface InboundGateOptions {
  /** The one tenant whose activities are handled. */
  tenantId: string;
  /** False only for local development (no MicrosoftAppId): then a plain-http serviceUrl is allowed. */
  authenticationOn: boolean;
  logger: Logger;
}

export class InboundGate {
  private readonly tenantId: string;
  private readonly log: RateLimitedLog;

  constructor(private readonly options: InboundGateOptions) {
    this.tenantId = options.tenantId.toLowerCase();
    this.log = new RateLimitedLog(options.logger);
  }

  /** Throws InboundRefusal for an activity that no token could make acceptable. */
  beforeAuthentication(activity: Activity): void {
    const problem = serviceUrlProblem(activity.serviceUrl, this.options.authenticationOn);
    if (problem) throw new InboundRefusal(400, 'BadRequest', problem);
    if (activity.channelId !== TEAMS_CHANNEL_ID) {
      throw new InboundRefusal(403, 'Forbidden', `Token Guard answers Microsoft Teams only (channelId "${TEAMS_CHANNEL_ID}").`);
    }
  }

  /** Throws InboundRefusal for an authenticated activity that is not ours to handle; caps free text in place. */
  afterAuthentication(activity: Activity): void {
    const tenants = tenantsOf(activity);
    if (tenants.length === 0 || tenants.some((tenant) => tenant !== this.tenantId)) {
      this.log.warn('dropped an activity from another tenant', { activityType: String(activity.type).slice(0, 40), tenant: tenants[0]?.slice(0, 40) ?? 'none' });
      throw new InboundRefusal(403, 'Forbidden', 'Token Guard serves one organization only.');
    }
    for (const account of [activity.from, activity.recipient, activity.conversation] as ({ name?: unknown } | undefined)[]) {
      if (account && typeof account.name === 'string' && account.name.length > MAX_DISPLAY_NAME_LENGTH) {
        account.name = account.name.slice(0, MAX_DISPLAY_NAME_LENGTH);
      }
    }
  }
}

function serviceUrlProblem(serviceUrl: unknown, authenticationOn: boolean): string | undefined {
  if (typeof serviceUrl !== 'string' || !serviceUrl) return 'The activity has no serviceUrl.';
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'The activity\'s serviceUrl is not a URL.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && !authenticationOn) return undefined; // the Playground's local connector
  return 'The activity\'s serviceUrl must be an https:// URL.';
}

/** Every tenant the activity names (Teams sends both, and they agree), lower-cased. */
function tenantsOf(activity: Activity): string[] {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const named = [channelData.tenant?.id, activity.conversation?.tenantId];
  return named.filter((id): id is string => typeof id === 'string' && id !== '').map((id) => id.toLowerCase());
}
