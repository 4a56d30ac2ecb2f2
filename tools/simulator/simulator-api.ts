/**
 * The public shape of the local Microsoft simulator (Entra ID + Intune Graph beta + Bot Framework
 * channel). Tests and the dev launcher code against these names; keep them stable.
 */

/** An Android Device Owner enrollment profile exactly as Graph beta returns it (secrets included). */
export interface SimProfile {
  id: string;
  accountId: string;
  displayName: string;
  description: string | null;
  enrollmentMode:
    | 'corporateOwnedDedicatedDevice'
    | 'corporateOwnedFullyManaged'
    | 'corporateOwnedWorkProfile'
    | 'corporateOwnedAOSPUserlessDevice'
    | 'corporateOwnedAOSPUserAssociatedDevice';
  enrollmentTokenType: 'default' | 'corporateOwnedDedicatedDeviceWithAzureADSharedMode' | 'deviceStaging';
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Secret: the enrollment token itself. null after revokeToken. */
  tokenValue: string | null;
  tokenCreationDateTime: string;
  tokenExpirationDateTime: string;
  enrolledDeviceCount: number;
  enrollmentTokenUsageCount: number;
  /** Secret: the provisioning JSON embedding the token. null after revokeToken. */
  qrCodeContent: string | null;
  /** Secret: the QR code picture of qrCodeContent. */
  qrCodeImage: { type: string; value: string } | null;
  roleScopeTagIds: string[];
  wifiSsid: string | null;
  /** Secret. */
  wifiPassword: string | null;
  wifiSecurityType: 'none' | 'wpa' | 'wep';
  wifiHidden: boolean;
  configureWifi: boolean;
  deviceNameTemplate: string | null;
  isTeamsDeviceProfile: boolean;
}

/**
 * An Android work-profile enrollment profile (androidForWorkEnrollmentProfile) exactly as Graph beta
 * returns it: fewer properties than the Device Owner type (no enrollmentMode, tokenCreationDateTime,
 * enrollmentTokenUsageCount, Wi-Fi, scope tags).
 */
export interface SimWorkProfile {
  id: string;
  accountId: string;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Secret: the enrollment token itself. null after revokeToken. */
  tokenValue: string | null;
  tokenExpirationDateTime: string;
  enrolledDeviceCount: number;
  /** Secret. */
  qrCodeContent: string | null;
  /** Secret. */
  qrCodeImage: { type: string; value: string } | null;
}

/** An app registration the token endpoint accepts. */
export interface SimAppClient {
  id: string;
  secret: string;
  /**
   * Graph application permissions granted (with admin consent) to the app: the `roles` of its
   * app-only Graph tokens, checked by every Graph endpoint. Default: none, as for a new registration.
   */
  roles?: string[];
}

export interface SimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Where to write ca.pem (default: a fresh temp dir). */
  certDir?: string;
  /** Default '11111111-1111-1111-1111-111111111111'. */
  tenantId?: string;
  /** Confidential clients accepted by the token endpoint (Graph app, bot app). Default: DEFAULT_CLIENTS. */
  clients?: SimAppClient[];
  /** Whether the tenant has an Intune licence; without one every Intune call answers 400 (default true). */
  intuneLicensed?: boolean;
  /** Default: seedProfiles(). */
  profiles?: SimProfile[];
  /**
   * The androidForWorkEnrollmentProfiles. Default: seedWorkProfiles() when `profiles` is not given
   * either (the standard tenant), none otherwise (a test that brings its own profiles gets only those).
   */
  workProfiles?: SimWorkProfile[];
  /** groupId -> member object ids (transitive = already flattened). Default: seedGroups(). */
  groups?: Record<string, string[]>;
  /** Graph list page size, default 100 ($top wins when smaller). */
  pageSize?: number;
}

export interface RecordedActivity {
  method: 'POST' | 'PUT' | 'DELETE';
  conversationId: string;
  activityId: string;
  replyToId?: string;
  /** The activity body as the bot sent it (undefined for DELETE). */
  activity: Record<string, unknown>;
  /** True when the call carried a Bearer token this simulator issued for https://api.botframework.com. */
  authorized: boolean;
  at: number;
}

export interface RecordedGraphCall {
  method: string;
  /** Decoded path without the query string, e.g. /beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles. */
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** HTTP status answered; 0 when a fault hung or reset the connection. */
  status: number;
  at: number;
  authorized: boolean;
  /** The request-id header this simulator answered with. */
  requestId: string;
  clientRequestId?: string;
  /** Set when an injected fault decided the answer. */
  fault?: 'status' | 'hang' | 'reset';
  /** An item of a $batch (the $batch itself is recorded too, as the one HTTP call). */
  inBatch?: boolean;
  /** A POST's JSON body as sent (parsed; the raw text when it is not JSON; absent when empty). */
  body?: unknown;
}

export type IntuneErrorKind = 'forbidden' | 'unknown-error' | 'not-applicable' | 'throttled' | 'internal-error' | 'unavailable';

export interface GraphFault {
  method?: string;
  pathIncludes?: string;
  /**
   * Answer as Intune does, body byte for byte (status, code and message follow from the kind; a
   * `status` given too overrides the kind's). With 'throttled', `retryAfterSeconds` sets the header
   * and `bodyRetryAfterSeconds` Intune's RetryAfter member.
   */
  intune?: IntuneErrorKind;
  bodyRetryAfterSeconds?: number;
  status?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Destroy the socket. */
  reset?: boolean;
  /** How many matching requests it applies to; default: forever. */
  times?: number;
}

export interface BotFrameworkSettings {
  ToChannelFromBotLoginUrl: string;
  ToChannelFromBotOAuthScope: string;
  ToBotFromChannelTokenIssuer: string;
  OAuthUrl: string;
  ToBotFromChannelOpenIdMetadataUrl: string;
  ToBotFromEmulatorOpenIdMetadataUrl: string;
  CallerId: string;
}

export interface ChannelTokenOptions {
  appId: string;
  serviceUrl?: string;
  expiresInSeconds?: number;
  notBeforeOffsetSeconds?: number;
  issuer?: string;
  audience?: string;
  kid?: string;
  forgeSignature?: boolean;
  /** Sign with a published channel key whose endorsements do not include msteams. */
  keyEndorsedForOtherChannel?: boolean;
}

export interface Simulator {
  /** https://127.0.0.1:PORT */
  baseUrl: string;
  /** PEM of the CA that signed the server cert: run the bot with NODE_EXTRA_CA_CERTS=caCertPath. */
  caCertPath: string;
  tenantId: string;
  entra: {
    authorityHost: string;
    tokensIssued: { clientId: string; scope: string }[];
    /** Every access token issued so far stops working: Graph answers 401 InvalidAuthenticationToken (as after expiry). */
    revokeIssuedTokens(): void;
    /** Grant exactly these Graph application permissions to the app (effective in its next token). */
    setAppRoles(clientId: string, roles: string[]): void;
    appRoles(clientId: string): string[];
  };
  botFramework: {
    settings: BotFrameworkSettings;
    /** The connector base URL to put in activity.serviceUrl. */
    serviceUrl: string;
    /** A channel->bot JWT as the Bot Framework would send it. */
    signToken(opts: ChannelTokenOptions): string;
  };
  connector: {
    activities: RecordedActivity[];
    waitFor(predicate: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
    clear(): void;
    /**
     * Teams refuses every message to this user from now on (until reset): 403 ConversationBlockedByUser
     * (the user blocked the bot) or 404 ConversationNotFound, for posts in their 1:1 chat and for
     * opening one.
     */
    refuseMessagesTo(objectId: string, status?: 403 | 404): void;
  };
  /** Teams apps in personal scope (Graph /users/{id}/teamwork/installedApps, the connector's 1:1 chats). */
  teams: {
    /** Token Guard's id in the tenant's app catalog: what TEAMS_APP_CATALOG_ID names. */
    catalogAppId: string;
    /** As if the user had added the app themselves. */
    installForUser(objectId: string): void;
    hasApp(objectId: string): boolean;
  };
  graph: {
    profiles: Map<string, SimProfile>;
    /** androidForWorkEnrollmentProfiles by id. */
    workProfiles: Map<string, SimWorkProfile>;
    calls: RecordedGraphCall[];
    /** POST …/revokeToken calls of either kind of profile. */
    revokeCalls(profileId?: string): RecordedGraphCall[];
    /** POST …/createToken calls of either kind of profile (with their bodies). */
    createTokenCalls(profileId?: string): RecordedGraphCall[];
    injectFault(fault: GraphFault): void;
    clearFaults(): void;
    setGroupMembers(groupId: string, members: string[]): void;
    setPageSize(n: number): void;
    /** Give the tenant an Intune licence or take it away (without one Intune answers 400 "not applicable"). */
    setIntuneLicensed(licensed: boolean): void;
    /** Intune's write limits (default 100 per 20 s per app per tenant, 200 per tenant). */
    setWriteLimits(limits: { perAppPer20s?: number; perTenantPer20s?: number }): void;
    /** How many writes were answered 429 by the write throttle. */
    throttledWrites(): number;
  };
  /** Clear recorded calls/activities/faults, restore the starting profiles, groups, page size, app roles, licence and personal-scope installs. */
  reset(): void;
  close(): Promise<void>;
}
