import assert from 'node:assert/strict';
import { SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { fetchToken, simRequest } from './sim-https';

/** Fault injection, programmatic and over /_sim/faults for another process. */
const COLLECTION = '/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

describe('simulator', () => {
  describe('fault injection', () => {
    let sim: Simulator;
    let token: string;
    let revokePath: string;
    before(async () => {
      sim = await startSimulator();
      token = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
    });
    after(() => sim.close());
    beforeEach(() => {
      sim.reset();
      revokePath = `${COLLECTION}/${[...sim.graph.profiles.keys()][0]}/revokeToken`;
    });

    const revoke = (timeoutMs?: number) => simRequest(sim, 'POST', revokePath, { token, timeoutMs });

    it('applies a 429 with Retry-After the given number of times, then answers normally', async () => {
      sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', status: 429, retryAfterSeconds: 7, times: 2 });
      const first = await revoke();
      assert.equal(first.status, 429);
      assert.equal(first.headers['retry-after'], '7');
      assert.equal(first.json().error.code, 'TooManyRequests');
      assert.equal((await revoke()).status, 429);
      assert.equal((await revoke()).status, 204);
      assert.deepEqual(sim.graph.calls.map((c) => [c.status, c.fault]), [[429, 'status'], [429, 'status'], [204, undefined]]);
    });

    it('uses the default code and message for each status unless given', async () => {
      const expected: [number, string, RegExp][] = [
        [400, 'BadRequest', /^Request not applicable to target tenant\.$/],
        [403, 'Forbidden', /DeviceManagementConfiguration\.ReadWrite\.All/],
        [404, 'ResourceNotFound', /./],
        [503, 'ServiceUnavailable', /./],
        [504, 'GatewayTimeout', /./],
      ];
      for (const [status, code, message] of expected) {
        sim.graph.injectFault({ pathIncludes: '/revokeToken', status, times: 1 });
        const res = await revoke();
        assert.equal(res.status, status);
        assert.equal(res.json().error.code, code);
        assert.match(res.json().error.message, message);
      }
      sim.graph.injectFault({ pathIncludes: '/revokeToken', status: 400, code: 'Custom', message: 'custom text', times: 1 });
      assert.deepEqual([(await revoke()).json().error.code, sim.graph.calls.at(-1)?.status], ['Custom', 400]);
    });

    it('matches on method and path fragment only', async () => {
      sim.graph.injectFault({ method: 'GET', pathIncludes: '/revokeToken', status: 503 });
      sim.graph.injectFault({ method: 'POST', pathIncludes: '/createToken', status: 503 });
      assert.equal((await revoke()).status, 204);
      assert.equal((await simRequest(sim, 'GET', COLLECTION, { token })).status, 200);
      sim.graph.clearFaults();
    });

    it('delays and then answers normally', async () => {
      sim.graph.injectFault({ pathIncludes: '/revokeToken', delayMs: 300, times: 1 });
      const started = Date.now();
      assert.equal((await revoke()).status, 204);
      assert.ok(Date.now() - started >= 280);
    });

    it('hangs (the client times out, the call is recorded with status 0) and resets connections', async () => {
      sim.graph.injectFault({ pathIncludes: '/revokeToken', hang: true, times: 1 });
      await assert.rejects(revoke(300), /client timeout/);
      assert.deepEqual([sim.graph.calls[0].status, sim.graph.calls[0].fault], [0, 'hang']);
      sim.graph.injectFault({ pathIncludes: '/revokeToken', reset: true, times: 1 });
      await assert.rejects(revoke(), (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET' || /socket hang up/.test(error.message));
      assert.equal(sim.graph.calls[1].fault, 'reset');
      assert.equal((await revoke()).status, 204);
    });

    it('takes faults over HTTP from another process, validates them, and clears them', async () => {
      const added = await simRequest(sim, 'POST', '/_sim/faults', { body: [{ pathIncludes: '/revokeToken', status: 503, times: 1 }, { pathIncludes: '/revokeToken', status: 504, times: 1 }] });
      assert.equal(added.status, 201);
      assert.equal((await revoke()).status, 503);
      assert.equal((await revoke()).status, 504);
      const invalid = await simRequest(sim, 'POST', '/_sim/faults', { body: { status: 'soon' } });
      assert.equal(invalid.status, 400);
      assert.match(invalid.json().error.message, /status must be a number/);
      assert.equal((await simRequest(sim, 'POST', '/_sim/faults', { body: { pathIncludes: '/revokeToken' } })).status, 400);
      await simRequest(sim, 'POST', '/_sim/faults', { body: { pathIncludes: '/revokeToken', status: 503 } });
      assert.equal((await simRequest(sim, 'DELETE', '/_sim/faults')).status, 204);
      assert.equal((await revoke()).status, 204);
      const calls = (await simRequest(sim, 'GET', '/_sim/graph/calls')).json().value;
      assert.deepEqual(calls.map((c: { status: number }) => c.status), [503, 504, 204]);
    });

    it('refuses an invalid fault passed programmatically', () => {
      assert.throws(() => sim.graph.injectFault({ pathIncludes: '/x', times: 0, status: 500 }), /times must be a positive integer/);
    });

    it('applies to the connector and to Entra as well', async () => {
      sim.graph.injectFault({ pathIncludes: '/connector/', status: 404, code: 'ActivityNotFoundInConversation', message: 'The activity was not found.', times: 1 });
      const update = await simRequest(sim, 'PUT', '/connector/v3/conversations/c1/activities/123', { body: { type: 'message' } });
      assert.equal(update.status, 404);
      assert.equal(update.json().error.code, 'ActivityNotFoundInConversation');
      assert.equal(sim.connector.activities.length, 0);
      sim.graph.injectFault({ pathIncludes: '/oauth2/v2.0/token', status: 503, times: 1 });
      await assert.rejects(fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default'), /503/);
    });
  });
});
