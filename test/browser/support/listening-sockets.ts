/**
 * Which local addresses TCP ports are listening on, read from Linux's /proc/net/tcp{,6} (what
 * `ss -ltn` shows), to prove that nothing `npm run dev` starts is reachable from the network.
 */
import { existsSync, readFileSync } from 'node:fs';

const LISTEN = '0A';

/** "0100007F:0F8A" (tcp) or a 32-hex-digit IPv6 address: to a printable address. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => [3, 2, 1, 0].map((i) => w.slice(i * 2, i * 2 + 2)));
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(`${bytes[i]}${bytes[i + 1]}`.replace(/^0+(?=.)/, ''));
  return groups.join(':').toLowerCase();
}

/** Local addresses listening on `port`, e.g. ["127.0.0.1"], or ["0.0.0.0", "0:0:0:0:0:0:0:0"]. */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== LISTEN) continue;
      const [address, portHex] = fields[1].split(':');
      if (parseInt(portHex, 16) === port) found.push(decodeAddress(address));
    }
  }
  return found;
}
