import assert from 'node:assert/strict';
import { SIM_GRAPH_CLIENT, Simulator, startSimulator } from '../../../tools/simulator';
import { fetchToken, simRequest } from './sim-https';

/** Graph JSON batching and Intune's write throttle in the simulator, over HTTPS. */
const COLLECTION = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

describe('simulator: $batch and Intune write throttle', () => {
  let sim: Simulator;
  let token: string;
  before(async () => {
    sim = await startSimulator();
    token = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const ids = () => [...sim.graph.profiles.keys()];
  const revokeItem = (id: string, n: number | string) => ({ id: String(n), method: 'POST', url: `${COLLECTION}/${id}/revokeToken` });
  const batch = (requests: unknown) => simRequest(sim, 'POST', '/beta/$batch', { token, body: { requests } });

  it('answers each item on its own: 204 for a revoke, 404 with Intune\'s body for an unknown profile, in a 200 batch', async () => {
    const [a, b] = ids();
    const res = await batch([revokeItem(a, 1), revokeItem(b, 2), revokeItem('00000000-0000-4000-8000-000000000000', 3)]);
    assert.equal(res.status, 200);
    const answers = res.json().responses as { id: string; status: number; headers: Record<string, string>; body?: { error: { code: string } } }[];
    assert.deepEqual(answers.map((r) => [r.id, r.status]), [['1', 204], ['2', 204], ['3', 404]]);
    assert.equal(answers[2].headers['Content-Type'], 'application/json');
    assert.equal(answers[2].body?.error.code, 'ResourceNotFound');
    assert.ok(answers[0].headers['request-id']);
    assert.equal(sim.graph.profiles.get(a)?.tokenValue, null);
    // The $batch is one HTTP call; its items are recorded as inBatch.
    assert.equal(sim.graph.calls.filter((c) => !c.inBatch).length, 1);
    assert.equal(sim.graph.revokeCalls(a).length, 1);
  });

  it('refuses more than 20 requests, duplicate ids, absolute or versioned URLs and a body without Content-Type with Graph\'s 400', async () => {
    const [a] = ids();
    const cases: [unknown, RegExp][] = [
      [Array.from({ length: 21 }, (_, i) => revokeItem(a, i + 1)), /Number of requests inside batch exceeds the limit/],
      [[revokeItem(a, 1), revokeItem(a, 1)], /not unique/],
      [[{ id: '1', method: 'POST', url: `https://graph.microsoft.com/beta${COLLECTION}/${a}/revokeToken` }], /must be relative/],
      [[{ id: '1', method: 'POST', url: `/beta${COLLECTION}/${a}/revokeToken` }], /relative to the batch's version/],
      [[{ id: '1', method: 'POST', url: `${COLLECTION}/${a}/createToken`, body: { tokenValidityInSeconds: 60 } }], /Content-Type/],
      [[], /Invalid batch payload/],
    ];
    for (const [requests, message] of cases) {
      const res = await batch(requests);
      assert.equal(res.status, 400, JSON.stringify(requests).slice(0, 80));
      assert.equal(res.json().error.code, 'BadRequest');
      assert.match(res.json().error.message, message);
    }
    assert.equal(sim.graph.revokeCalls().length, 0);
  });

  it('throttles writes past 100 per 20 s per app: the 101st item gets its own 429 with Retry-After, the others 204', async () => {
    const all = ids();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let round = 0; round < 6; round++) {
      const res = await batch(Array.from({ length: 20 }, (_, i) => revokeItem(all[(round * 20 + i) % all.length], i + 1)));
      for (const r of res.json().responses as { status: number; headers: Record<string, string> }[]) {
        statuses.push(r.status);
        if (r.status === 429) retryAfter ??= r.headers['Retry-After'];
      }
    }
    assert.equal(statuses.filter((s) => s === 204).length, 100);
    assert.equal(statuses.filter((s) => s === 429).length, 20);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 20, `Retry-After ${retryAfter}`);
    assert.equal(sim.graph.throttledWrites(), 20);
    // A direct write is throttled too.
    const direct = await simRequest(sim, 'POST', `/beta${COLLECTION}/${all[0]}/revokeToken`, { token });
    assert.equal(direct.status, 429);
    assert.ok(direct.headers['retry-after']);
  });

  it('applies a fault to the chosen item only', async () => {
    const [a, b] = ids();
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${b}/revokeToken`, status: 429, retryAfterSeconds: 2, times: 1 });
    const answers = (await batch([revokeItem(a, 1), revokeItem(b, 2)])).json().responses as { status: number; headers: Record<string, string> }[];
    assert.deepEqual(answers.map((r) => r.status), [204, 429]);
    assert.equal(answers[1].headers['Retry-After'], '2');
  });

  it('checks roles per item, as Graph does', async () => {
    const [a] = ids();
    sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, []);
    const weak = await fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
    const res = await simRequest(sim, 'POST', '/beta/$batch', { token: weak, body: { requests: [revokeItem(a, 1)] } });
    assert.equal(res.status, 200);
    assert.equal(res.json().responses[0].status, 403);
  });
});
