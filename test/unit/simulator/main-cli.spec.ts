import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:https';
import { join } from 'node:path';

/** `node main.js`: starts, prints its settings as one JSON line, writes .simulator/ca.pem, stops on SIGTERM. */
const MAIN = join(__dirname, '..', '..', '..', 'tools', 'simulator', 'main.js');

describe('simulator', () => {
  describe('command line', () => {
    it('prints one JSON line of settings, serves HTTPS with .simulator/ca.pem, and exits 0 on SIGTERM', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'sim-cli-'));
      try {
        const child = spawn(process.execPath, [MAIN], { cwd, env: { ...process.env, SIMULATOR_PORT: '0', SIM_CLIENTS: 'app-one:secret-one,app-two:secret-two' }, stdio: ['ignore', 'pipe', 'pipe'] });
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('\n')) resolve(out.split('\n')[0]);
          });
          child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
        });
        const printed = JSON.parse(line);
        assert.match(printed.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(printed.caCertPath, join(cwd, '.simulator', 'ca.pem'));
        assert.ok(readFileSync(printed.caCertPath, 'utf8').startsWith('-----BEGIN CERTIFICATE-----'));
        assert.deepEqual(printed.clientIds, ['app-one', 'app-two']);
        assert.equal(printed.botFramework.ToBotFromChannelTokenIssuer, 'https://api.botframework.com');
        assert.ok(!line.includes('secret-one'), 'secrets are not printed');
        const status = await new Promise<number | undefined>((resolve, reject) => {
          request(`${printed.baseUrl}/`, { ca: readFileSync(printed.caCertPath), agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode);
          }).on('error', reject).end();
        });
        assert.equal(status, 200);
        const exitCode = await new Promise<number | null>((resolve) => {
          child.removeAllListeners('exit');
          child.on('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        });
        assert.equal(exitCode, 0);
        assert.ok(existsSync(printed.caCertPath), 'a caller-chosen certDir is left in place');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });
});
