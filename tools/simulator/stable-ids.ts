import { createHash } from 'node:crypto';

/**
 * Deterministic ids and secrets derived from a seed string, so seeded data is identical on every
 * run (tests can hard-code a profile id) without being a hand-written list of constants.
 */
export function guidFrom(seed: string): string {
  const h = digest(seed);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Upper-case letters, like an Intune enrollment token (e.g. "QWERTYUIOPASDFGHJKLZ"). */
export function lettersFrom(seed: string, length: number): string {
  const bytes = Buffer.from(digest(seed) + digest(`${seed}#2`), 'hex');
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(65 + (bytes[i % bytes.length] % 26));
  return out;
}

/** A number in [0, modulo) derived from the seed. */
export function numberFrom(seed: string, modulo: number): number {
  return parseInt(digest(seed).slice(0, 8), 16) % modulo;
}

function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}
