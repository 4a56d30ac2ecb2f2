import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { RevokeFailure } from '../../../src/approvals/revoke-request';
import { startSimulator, TOKEN_GUARD_GRAPH_ROLES } from '../../../tools/simulator';
import type { Simulator } from '../../../tools/simulator/simulator-api';
import type { ChildCommand, ChildSettings } from './graph-child';

/**
 * The real GraphEnrollmentProfiles and GraphGroupMembership, with the real credential and Graph
 * client, over HTTPS against the local simulator (Entra token endpoint + Intune Graph beta).
 */
type ChildResult = { ok: true; value: unknown; elapsedMs: number } | { ok: false; failure: RevokeFailure; elapsedMs: number };
interface Snapshot {
  id: string;
  displayName: string;
  enrollmentMode: string;
  tokenExpirationDateTime: string | null;
  enrolledDeviceCount: number;
}

const APP = { id: 'c0ffee00-0000-4000-8000-00000000a991', secret: 'graph-app-test-secret', roles: [...TOKEN_GUARD_GRAPH_ROLES] };
const GROUP = 'a9a9a9a9-0000-4000-8000-00000000000a';
const MEMBER = 'aaaaaaaa-0000-4000-8000-000000000001';
const OUTSIDER = 'dddddddd-0000-4000-8000-000000000004';
const TIMEOUT_MS = 1500;

class GraphChild {
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: ((result: ChildResult) => void)[] = [];
  private stderr = '';

  constructor(settings: ChildSettings, caCertPath: string) {
    this.process = spawn(process.execPath, [join(__dirname, 'graph-child.js'), JSON.stringify(settings)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
    });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.lines = createInterface({ input: this.process.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(JSON.parse(line) as ChildResult));
  }

  run(command: ChildCommand): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child did not answer ${JSON.stringify(command)}; stderr: ${this.stderr}`)), 15_000);
      this.pending.push((result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.process.stdin.write(JSON.stringify(command) + '\n');
    });
  }

  async value<T>(command: ChildCommand): Promise<T> {
    const result = await this.run(command);
    if (!result.ok) assert.fail(`${command.op} failed: ${JSON.stringify(result.failure)}`);
    return result.value as T;
  }

  async failure(command: ChildCommand): Promise<RevokeFailure & { elapsedMs: number }> {
    const result = await this.run(command);
    if (result.ok) assert.fail(`${command.op} should have failed, got ${JSON.stringify(result.value)}`);
    return { ...result.failure, elapsedMs: result.elapsedMs };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.stdin.end();
      setTimeout(() => this.process.kill(), 5000).unref();
    });
  }
}

describe('GraphEnrollmentProfiles and GraphGroupMembership against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let child: GraphChild;

  before(async () => {
    sim = await startSimulator({ clients: [APP], groups: { [GROUP]: [MEMBER] } });
    child = new GraphChild(
      {
        graphBaseUrl: sim.baseUrl,
        authorityHost: sim.entra.authorityHost,
        tenantId: sim.tenantId,
        clientId: APP.id,
        clientSecret: APP.secret,
        timeoutMs: TIMEOUT_MS,
      },
      sim.caCertPath,
    );
  });

  after(async () => {
    await child?.close();
    await sim?.close();
  });

  afterEach(() => sim.graph.clearFaults());

  const seeded = (name: string) => [...sim.graph.profiles.values()].filter((p) => p.displayName.toLowerCase() === name.toLowerCase());

  it('gets an app token from the simulated Entra for the Graph audience and sends it', async () => {
    const [kiosk] = seeded('Kiosk Porto');
    assert.ok(kiosk, 'the simulator seeds "Kiosk Porto"');
    await child.value<Snapshot[]>({ op: 'find', query: 'Kiosk Porto' });
    assert.ok(sim.entra.tokensIssued.some((t) => t.clientId === APP.id && t.scope === 'https://graph.microsoft.com/.default'));
    assert.ok(sim.graph.calls.length > 0);
    assert.ok(sim.graph.calls.every((call) => call.authorized), 'every Graph call carried a valid token');
  });

  it('finds by name case-insensitively, returning several matches or none, and never the secrets', async () => {
    const expected = seeded('delivery drivers').map((p) => p.id).sort();
    assert.equal(expected.length, 2, 'the seed has "Delivery Drivers" and "delivery drivers"');
    const found = await child.value<Snapshot[]>({ op: 'find', query: '  DELIVERY drivers ' });
    assert.deepEqual(found.map((p) => p.id).sort(), expected);
    for (const profile of found) assert.deepEqual(Object.keys(profile).sort(), ['displayName', 'enrolledDeviceCount', 'enrollmentMode', 'id', 'kind', 'tokenExpirationDateTime']);

    assert.deepEqual(await child.value<Snapshot[]>({ op: 'find', query: 'No Such Profile Anywhere' }), []);
    const listCalls = sim.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/androidDeviceOwnerEnrollmentProfiles'));
    assert.ok(listCalls.length > 0);
    for (const call of listCalls) {
      assert.ok(!/tokenValue|qrCode|wifiPassword/.test(call.query.$select ?? ''), 'secrets are never selected');
    }
  });

  it('finds by id, and gets by id (undefined for an unknown id)', async () => {
    const [porto] = seeded('Kiosk Porto');
    const found = await child.value<Snapshot[]>({ op: 'find', query: porto.id });
    assert.deepEqual(found, [
      { id: porto.id, kind: 'device-owner', displayName: porto.displayName, enrollmentMode: porto.enrollmentMode, tokenExpirationDateTime: porto.tokenExpirationDateTime, enrolledDeviceCount: porto.enrolledDeviceCount },
    ]);
    assert.equal((await child.value<Snapshot>({ op: 'get', id: porto.id })).id, porto.id);
    assert.equal(await child.value<Snapshot | null>({ op: 'get', id: '00000000-0000-4000-8000-000000000000' }), null);
  });

  it('follows @odata.nextLink across pages', async () => {
    sim.graph.setPageSize(3);
    try {
      const before = sim.graph.calls.length;
      const found = await child.value<Snapshot[]>({ op: 'find', query: 'Field Tablets' });
      assert.deepEqual(found.map((p) => p.id).sort(), seeded('Field Tablets').map((p) => p.id).sort());
      const pages = sim.graph.calls.slice(before).filter((c) => c.method === 'GET' && c.path.endsWith('/androidDeviceOwnerEnrollmentProfiles'));
      assert.equal(pages.length, Math.ceil(sim.graph.profiles.size / 3));
    } finally {
      sim.graph.setPageSize(100);
    }
  });

  it('revokes a token: 204 with the request-id Graph answered with', async () => {
    const [porto] = seeded('Kiosk Porto');
    const result = await child.value<{ graphRequestId?: string }>({ op: 'revoke', id: porto.id });
    const calls = sim.graph.revokeCalls(porto.id);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].status, 204);
    assert.equal(result.graphRequestId, calls[0].requestId);
  });

  it('reports an unknown profile as not-found, with Intune\'s wrapped message unwrapped', async () => {
    const failure = await child.failure({ op: 'revoke', id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(failure.kind, 'not-found');
    assert.equal(failure.status, 404);
    assert.ok(failure.graphRequestId);
    assert.doesNotMatch(failure.message, /_version|"Message"|manage\.microsoft\.com/);
    assert.ok(failure.message.length > 0 && failure.message.length <= 300);
  });

  for (const [status, kind] of [
    [403, 'forbidden'],
    [404, 'not-found'],
    [400, 'not-applicable'],
    [503, 'unavailable'],
  ] as const) {
    it(`maps a ${status} from revokeToken to ${kind}, with the request-id`, async () => {
      const [profile] = seeded('Kiosk Lisbon');
      sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', status, ...(status === 503 ? { retryAfterSeconds: 0 } : {}) });
      const before = sim.graph.revokeCalls(profile.id).length;
      const failure = await child.failure({ op: 'revoke', id: profile.id });
      const calls = sim.graph.revokeCalls(profile.id).slice(before);
      assert.equal(failure.kind, kind);
      assert.equal(failure.status, status);
      assert.equal(failure.graphRequestId, calls[calls.length - 1].requestId);
      assert.ok(failure.message.length > 0 && !failure.message.includes('_version'));
      assert.equal(calls.length, status === 503 ? 4 : 1, '503 is retried 3 times, the others not at all');
    });
  }

  it('waits out a 429 with Retry-After 1 and then succeeds', async () => {
    const [profile] = seeded('Warehouse Scanners');
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', status: 429, retryAfterSeconds: 1, times: 1 });
    const result = await child.run({ op: 'revoke', id: profile.id });
    assert.ok(result.ok, JSON.stringify(result));
    const calls = sim.graph.revokeCalls(profile.id);
    assert.deepEqual(calls.map((c) => c.status), [429, 204]);
    assert.ok(calls[1].at - calls[0].at >= 900, 'Retry-After was honoured');
  });

  it('gives up on a Retry-After beyond the bound and reports throttled with it', async () => {
    const [profile] = seeded('COPE Sales');
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', status: 429, retryAfterSeconds: 120 });
    const failure = await child.failure({ op: 'revoke', id: profile.id });
    assert.equal(failure.kind, 'throttled');
    assert.equal(failure.retryAfterSeconds, 120);
    assert.equal(sim.graph.revokeCalls(profile.id).length, 1);
  });

  it('ends a hung Graph as timeout within the configured timeout', async () => {
    const [profile] = seeded('Hospital Carts');
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', hang: true });
    const failure = await child.failure({ op: 'revoke', id: profile.id });
    assert.equal(failure.kind, 'timeout');
    assert.ok(failure.elapsedMs >= TIMEOUT_MS - 50 && failure.elapsedMs < TIMEOUT_MS + 1000, `took ${failure.elapsedMs} ms`);
  });

  it('reports a reset connection as unavailable', async () => {
    const [profile] = seeded('Nurse Phones');
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', reset: true });
    const failure = await child.failure({ op: 'revoke', id: profile.id });
    assert.equal(failure.kind, 'unavailable');
  });

  it('answers group membership: true for a member, false for anyone else, and fails on a Graph error', async () => {
    assert.equal(await child.value<boolean>({ op: 'isMember', groupId: GROUP, objectId: MEMBER }), true);
    assert.equal(await child.value<boolean>({ op: 'isMember', groupId: GROUP, objectId: OUTSIDER }), false);
    sim.graph.setGroupMembers(GROUP, [MEMBER, OUTSIDER]);
    assert.equal(await child.value<boolean>({ op: 'isMember', groupId: GROUP, objectId: OUTSIDER }), true);
    const call = sim.graph.calls[sim.graph.calls.length - 1];
    assert.ok(call.path.startsWith('/v1.0/groups/'), call.path);

    sim.graph.injectFault({ pathIncludes: '/transitiveMembers/', status: 403 });
    const failure = await child.failure({ op: 'isMember', groupId: GROUP, objectId: MEMBER });
    assert.equal(failure.kind, 'forbidden');
  });
});
