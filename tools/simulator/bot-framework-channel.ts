import { Exchange, sendJson } from './http-exchange';
import { publicJwk, signJwt, SigningKey } from './jwt';
import type { BotFrameworkSettings, ChannelTokenOptions } from './simulator-api';

/**
 * The Bot Framework channel's side of inbound authentication: the OpenID metadata and signing
 * keys botbuilder fetches, and tokens signed the way the channel signs its calls to the bot.
 */
export interface ChannelState {
  baseUrl: string;
  serviceUrl: string;
  settings: BotFrameworkSettings;
  channelKey: SigningKey;
  emulatorKey: SigningKey;
  /** Same kid as channelKey, different key pair: a token signed with it must be rejected. */
  forgeryKey: SigningKey;
  /** Published by the channel too, but endorsed for another channel than msteams. */
  otherChannelKey: SigningKey;
}

export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const CONNECTOR_AUDIENCE = 'https://api.botframework.com';
const CHANNEL_PATH = ['botframework', 'v1', '.well-known'];
const EMULATOR_PATH = ['botframework-emulator', 'v1', '.well-known'];

export function botFrameworkSettings(baseUrl: string): BotFrameworkSettings {
  return {
    ToChannelFromBotLoginUrl: `${baseUrl}/botframework.com`,
    ToChannelFromBotOAuthScope: CONNECTOR_AUDIENCE,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    OAuthUrl: `${baseUrl}/botframework-token-service`,
    ToBotFromChannelOpenIdMetadataUrl: `${baseUrl}/${CHANNEL_PATH.join('/')}/openidconfiguration`,
    ToBotFromEmulatorOpenIdMetadataUrl: `${baseUrl}/${EMULATOR_PATH.join('/')}/openidconfiguration`,
    CallerId: 'urn:botframework:azure',
  };
}

export function handleChannelMetadata(ex: Exchange, state: ChannelState): boolean {
  if (ex.method !== 'GET' || ex.segments.length !== 4) return false;
  const [root, version, wellKnown, document] = ex.segments;
  const area = [root, version, wellKnown].join('/');
  const isChannel = area === CHANNEL_PATH.join('/');
  const isEmulator = area === EMULATOR_PATH.join('/');
  if (!isChannel && !isEmulator) return false;
  if (document === 'openidconfiguration') {
    sendJson(ex.res, 200, {
      issuer: isChannel ? CHANNEL_ISSUER : `${state.baseUrl}/botframework-emulator`,
      authorization_endpoint: `${state.baseUrl}/${root}/v1/authorize`,
      jwks_uri: `${state.baseUrl}/${area}/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
    return true;
  }
  if (document === 'keys') {
    const keys = isChannel
      ? [publicJwk(state.channelKey, { endorsements: ['msteams'] }), publicJwk(state.otherChannelKey, { endorsements: ['webchat', 'directline'] })]
      : [publicJwk(state.emulatorKey)];
    sendJson(ex.res, 200, { keys });
    return true;
  }
  return false;
}

export function signChannelToken(state: ChannelState, opts: ChannelTokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const key = opts.forgeSignature ? state.forgeryKey : opts.keyEndorsedForOtherChannel ? state.otherChannelKey : state.channelKey;
  return signJwt(
    {
      serviceurl: opts.serviceUrl ?? state.serviceUrl,
      nbf: now + (opts.notBeforeOffsetSeconds ?? 0),
      exp: now + (opts.expiresInSeconds ?? 3600),
      iat: now,
      iss: opts.issuer ?? CHANNEL_ISSUER,
      aud: opts.audience ?? opts.appId,
    },
    { kid: opts.kid ?? key.kid, privateKey: key.privateKey },
  );
}
