import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * A throw-away CA and a 127.0.0.1/localhost server certificate it signed. Only the CA's public
 * certificate is written to disk (ca.pem): the bot trusts it through NODE_EXTRA_CA_CERTS, exactly
 * as it trusts the real Microsoft CAs, so no TLS check is switched off anywhere.
 */
export interface ServerCertificate {
  key: string;
  cert: string;
  caCertPath: string;
  /** Deletes the temp dir when the simulator chose it; leaves a caller's certDir alone. */
  removeTempFiles(): void;
}

let generated: Promise<{ caCert: string; key: string; cert: string }> | undefined;

/** The CA and server certificate are made once per process (they only name 127.0.0.1/localhost). */
export async function createServerCertificate(certDir?: string): Promise<ServerCertificate> {
  generated ??= generateCertificates();
  const { caCert, key, cert } = await generated;
  const dir = certDir ?? mkdtempSync(join(tmpdir(), 'token-guard-sim-'));
  mkdirSync(dir, { recursive: true });
  const caCertPath = join(dir, 'ca.pem');
  writeFileSync(caCertPath, caCert);
  const removeTempFiles = () => {
    if (certDir === undefined) rmSync(dir, { recursive: true, force: true });
  };
  return { key, cert, caCertPath, removeTempFiles };
}

async function generateCertificates(): Promise<{ caCert: string; key: string; cert: string }> {
  // Start validity a day back so small clock differences between processes never matter.
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Token Guard Simulator CA' }], {
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { caCert: ca.cert, key: server.private, cert: server.cert };
}
