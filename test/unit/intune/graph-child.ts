/**
 * Runs the real Graph pieces (credential → client → GraphEnrollmentProfiles / GraphGroupMembership)
 * in a child process, because the simulator's self-signed CA is trusted only through
 * NODE_EXTRA_CA_CERTS, which Node reads at start-up. Spawned by graph-enrollment-profiles.spec.ts.
 *
 * Protocol: argv[2] is JSON settings; then one JSON command per stdin line, one JSON result per
 * stdout line: {"ok":true,"value":…,"elapsedMs":n} or {"ok":false,"failure":RevokeFailure,"elapsedMs":n}.
 */
import { createInterface } from 'node:readline';
import { GraphGroupMembership } from '../../../src/directory/graph-group-membership';
import { createGraphClient } from '../../../src/intune/graph-client';
import { createGraphCredential } from '../../../src/intune/graph-credential';
import { GraphEnrollmentProfiles } from '../../../src/intune/graph-enrollment-profiles';
import { toRevokeFailure } from '../../../src/intune/graph-failure';

export interface ChildSettings {
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

export type ChildCommand =
  | { op: 'find'; query: string }
  | { op: 'get'; id: string }
  | { op: 'revoke'; id: string }
  | { op: 'isMember'; groupId: string; objectId: string };

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
const credential = createGraphCredential({
  tenantId: settings.tenantId,
  clientId: settings.clientId,
  clientSecret: settings.clientSecret,
  authorityHost: settings.authorityHost,
});
const client = createGraphClient({ credential, graphBaseUrl: settings.graphBaseUrl, timeoutMs: settings.timeoutMs });
const profiles = new GraphEnrollmentProfiles(client);
const membership = new GraphGroupMembership(client);

function run(command: ChildCommand): Promise<unknown> {
  switch (command.op) {
    case 'find':
      return profiles.find(command.query);
    case 'get':
      return profiles.get(command.id);
    case 'revoke':
      return profiles.revokeToken(command.id);
    case 'isMember':
      return membership.isMember(command.groupId, command.objectId);
  }
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const started = Date.now();
    try {
      const value = await run(JSON.parse(line) as ChildCommand);
      process.stdout.write(JSON.stringify({ ok: true, value: value ?? null, elapsedMs: Date.now() - started }) + '\n');
    } catch (error) {
      process.stdout.write(JSON.stringify({ ok: false, failure: toRevokeFailure(error), elapsedMs: Date.now() - started }) + '\n');
    }
  });
});
lines.on('close', () => {
  void queue.then(() => process.exit(0));
});
