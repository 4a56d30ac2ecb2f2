import { createSign, createVerify, generateKeyPair, KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * RS256 JWTs with node:crypto only, so the simulator needs no JWT library and signs exactly
 * what Entra and the Bot Framework would (header alg/kid/typ, base64url segments).
 */

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const generateRsa = promisify(generateKeyPair);
const keyPairs = new Map<number, Promise<{ privateKey: KeyObject; publicKey: KeyObject }>>();

/**
 * A signing key with a fresh kid. The RSA pair in slot `slot` is generated once per process and
 * shared by every simulator started in it: 2048-bit generation dominates start-up time, and
 * botbuilder's jsonwebtoken refuses smaller RSA keys.
 */
export async function createSigningKey(slot: number, kid = randomBytes(16).toString('base64url')): Promise<SigningKey> {
  let pair = keyPairs.get(slot);
  if (!pair) {
    pair = generateRsa('rsa', { modulusLength: 2048 });
    keyPairs.set(slot, pair);
  }
  const { privateKey, publicKey } = await pair;
  return { kid, privateKey, publicKey };
}

export function signJwt(payload: Record<string, unknown>, key: { kid: string; privateKey: KeyObject }): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid };
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a compact JWT without checking anything; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

export type JwtCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

/** Signature (by kid among `keys`), audience and lifetime; the reason is safe to show (no token). */
export function verifyJwt(token: string, keys: SigningKey[], audience: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtCheck {
  const decoded = decodeJwt(token);
  if (!decoded) return { ok: false, reason: 'Access token is not a JWT.' };
  if (decoded.header.alg !== 'RS256') return { ok: false, reason: 'Unsupported token algorithm.' };
  const key = keys.find((k) => k.kid === decoded.header.kid);
  if (!key) return { ok: false, reason: 'Signing key not found.' };
  const valid = createVerify('RSA-SHA256').update(decoded.signingInput).verify(key.publicKey, decoded.signature);
  if (!valid) return { ok: false, reason: 'Signature validation failed.' };
  if (decoded.payload.aud !== audience) return { ok: false, reason: 'Invalid audience.' };
  const exp = decoded.payload.exp;
  if (typeof exp !== 'number' || exp <= nowSeconds) return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
  return { ok: true, payload: decoded.payload };
}

/** The public half as a JWK (kty, n, e) plus kid/use/alg and any extra members (e.g. endorsements). */
export function publicJwk(key: SigningKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid: key.kid, x5t: key.kid, n: jwk.n, e: jwk.e, ...extra };
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
