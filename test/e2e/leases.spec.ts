/**
 * Exactly once through rolling restarts and kills (leases). Three Token Guard processes share one
 * Azurite; Graph answers each revoke in 5 s. 50 approved requests are in flight while each instance
 * in turn is stopped (SIGTERM: it finishes what it runs and leaves the rest unclaimed) and started
 * again: exactly 50 revokeToken calls, 50 results posted once each, each card updated to its final
 * state once, 50 revoke.succeeded audit lines. Then the instance holding a revoke is SIGKILLed and
 * not restarted: a survivor takes over only once the lease expired, within about LEASE_SECONDS, and
 * posts once. A frozen owner (SIGSTOP) is treated the same, and when it wakes it writes nothing.
 */
import { strict as assert } from 'node:assert';
import type { AuditEntry } from '../../src/approvals/audit-log';
import type { RevokeRequest } from '../../src/approvals/revoke-request';
import { generateProfiles, seedProfiles } from '../../tools/simulator';
import { cardText } from '../support/adaptive-card-reading';
import { sleep } from '../support/bot-process';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { describeBots, startMultiInstanceRig, type MultiInstanceRig } from '../support/multi-instance-rig';
import { answerText, channelThread, type SentCard } from '../support/teams-client';

const LEASE_SECONDS = 3;
const GRAPH_DELAY_MS = 5_000;
const REQUESTS = 50;
const RESULT = /revoked at|failed at/;

describe('e2e: leases — rolling restart and kills with three instances on one Azure storage', function () {
  let rig: MultiInstanceRig | undefined;
  const names: string[] = [];

  before(async function () {
    this.timeout(180_000);
    const now = new Date();
    const extra = generateProfiles(120, now).filter((p) => p.tokenValue && Date.parse(p.tokenExpirationDateTime) > now.getTime());
    names.push(...extra.slice(0, REQUESTS + 5).map((p) => p.displayName));
    assert.ok(names.length >= REQUESTS + 2, 'enough profiles with a live token');
    rig = await startMultiInstanceRig({
      instances: 3,
      // Two revokes at a time per instance: a SIGTERM drains within the harness's 10 s even on a busy machine.
      env: { LEASE_SECONDS: String(LEASE_SECONDS), REVOKE_CONCURRENCY: '2' },
      simulator: { profiles: [...seedProfiles(now), ...extra] },
    });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') process.stderr.write(`\n${describeBots(rig, 40)}\n`);
  });

  after(async function () {
    this.timeout(60_000);
    await rig?.stop();
  });

  function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return (async () => {
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
        await sleep(100);
      }
    })();
  }

  async function approve(sent: SentCard, via: number): Promise<void> {
    const click = await rig!.teams[via].click(bob, 'approve', sent.requestId, { conversation: sent.conversation, replyToId: sent.activityId });
    assert.match(answerText(click.body), /Approved by Bob Approver/);
  }

  function finalCardUpdates(sent: SentCard): number {
    return rig!.sim.connector.activities.filter((a) => a.method === 'PUT' && a.activityId === sent.activityId && /Token revoked|Revoke failed/.test(JSON.stringify(a.activity))).length;
  }

  async function auditOf(requestIds: Set<string>): Promise<AuditEntry[]> {
    return (await rig!.storage.audit.list()).filter((e) => e.requestId && requestIds.has(e.requestId));
  }

  it(`rolling restart (SIGTERM, start) of all three with ${REQUESTS} revokes in flight: exactly ${REQUESTS} calls, results and audit lines`, async function () {
    this.timeout(300_000);
    const { sim, teams, bots, storage } = rig!;
    sim.reset();
    sim.graph.injectFault({ method: 'POST', pathIncludes: '/revokeToken', delayMs: GRAPH_DELAY_MS });

    const sent: SentCard[] = [];
    for (let i = 0; i < REQUESTS; i += 10) {
      sent.push(...(await Promise.all(names.slice(i, i + 10).map((name, j) => teams[(i + j) % 3].openRequest(alice, name, 'Rolling restart drill', channelThread(OUR_TENANT_ID))))));
    }
    await Promise.all(sent.map((card, i) => approve(card, i % 3)));
    const started = Date.now();

    for (const [i, bot] of bots.entries()) {
      await waitUntil(() => sim.graph.revokeCalls().length > i * 6, 60_000, 'revokes are running');
      const code = await bot.stop('SIGTERM');
      assert.equal(code, 0, `instance ${i} drained and exited 0`);
      await bot.restart();
    }

    const ids = new Set(sent.map((s) => s.requestId));
    await waitUntil(async () => (await auditOf(ids)).filter((e) => e.action === 'revoke.succeeded').length >= REQUESTS, 180_000, 'every revoke succeeded');
    await waitUntil(() => sent.every((card) => teams[0].replies(card.conversation, RESULT).length >= 1), 30_000, 'every result was posted');
    await sleep(2 * LEASE_SECONDS * 1000); // a duplicate executor or poster would show itself now
    process.stderr.write(`      (${REQUESTS} revokes through a rolling restart of 3 instances in ${Date.now() - started} ms)\n`);

    const calls = sim.graph.revokeCalls();
    assert.equal(calls.length, REQUESTS, `exactly ${REQUESTS} revokeToken calls`);
    assert.equal(new Set(calls.map((c) => c.path)).size, REQUESTS, 'one per profile');
    for (const card of sent) {
      assert.equal(teams[0].replies(card.conversation, RESULT).length, 1, `one result in the thread of ${card.requestId}`);
      assert.equal(finalCardUpdates(card), 1, `the card of ${card.requestId} is updated to its final state once`);
      assert.match(cardText(teams[0].currentCard(card)), /Token revoked/);
      const stored = (await storage.requests.get(card.requestId)) as RevokeRequest;
      assert.deepEqual([stored.state, stored.executionAttempts, stored.resultToPost, stored.lease], ['succeeded', 1, undefined, undefined]);
    }
    const audit = await auditOf(ids);
    const count = (action: AuditEntry['action']) => audit.filter((e) => e.action === action).length;
    assert.deepEqual(
      [count('request.created'), count('request.approved'), count('revoke.started'), count('revoke.retried'), count('revoke.succeeded')],
      [REQUESTS, REQUESTS, REQUESTS, 0, REQUESTS],
    );
    const seqs = (await storage.audit.list()).map((e) => e.seq!).sort((a, b) => a - b);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'audit seq gapless');
  });

  it('SIGKILL of the instance holding a revoke, no restart: a survivor takes over after the lease expired and posts once', async function () {
    this.timeout(90_000);
    const { sim, teams, bots, storage } = rig!;
    sim.reset();
    const profileId = rig!.profileId(names[REQUESTS]);
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, hang: true, times: 1 });
    const sent = await teams[1].openRequest(alice, names[REQUESTS], 'Kill drill', channelThread(OUR_TENANT_ID));
    await approve(sent, 0); // bots[0] claims it
    await waitUntil(() => sim.graph.revokeCalls(profileId).length === 1, 15_000, 'revokeToken reached Graph');
    const held = (await storage.requests.get(sent.requestId))!;
    assert.equal(held.state, 'executing');
    assert.ok(held.lease, 'the owner holds a lease');

    await bots[0].kill();
    const killedAt = Date.now();
    const reply = await teams[1].waitForReply(sent.conversation, /revoked at/, 30_000);
    const tookMs = Date.now() - killedAt;
    process.stderr.write(`      (a survivor finished the dead instance's revoke ${tookMs} ms after the kill; LEASE_SECONDS=${LEASE_SECONDS})\n`);
    await sleep(2 * LEASE_SECONDS * 1000);

    const audit = await storage.audit.list({ requestId: sent.requestId });
    const retried = audit.find((e) => e.action === 'revoke.retried')!;
    assert.ok(retried, 'the takeover is audited as a retry');
    assert.ok(Date.parse(retried.at) >= Date.parse(held.lease!.expiresAt) - 1_000, `taken over only once the lease expired (${retried.at} vs ${held.lease!.expiresAt})`);
    assert.ok(tookMs < LEASE_SECONDS * 1000 * 4, `within about one lease period (${tookMs} ms)`);
    assert.equal(sim.graph.revokeCalls(profileId).length, 2, 'one more call, by the survivor');
    assert.ok(String(reply.activity.text).includes(sim.graph.revokeCalls(profileId)[1].requestId));
    assert.equal(teams[1].replies(sent.conversation, RESULT).length, 1, 'posted once');
    assert.equal(finalCardUpdates(sent), 1);
    assert.equal(audit.filter((e) => e.action === 'revoke.succeeded').length, 1);
    await bots[0].restart();
  });

  it('a frozen owner (SIGSTOP) keeps no live lease: the others finish after expiry, and the woken owner writes nothing', async function () {
    this.timeout(90_000);
    const { sim, teams, bots, storage } = rig!;
    sim.reset();
    const profileId = rig!.profileId(names[REQUESTS + 1]);
    sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, delayMs: 2 * LEASE_SECONDS * 1000, times: 1 });
    const sent = await teams[2].openRequest(alice, names[REQUESTS + 1], 'Freeze drill', channelThread(OUR_TENANT_ID));
    await approve(sent, 2);
    await waitUntil(() => sim.graph.revokeCalls(profileId).length === 1, 15_000, 'revokeToken reached Graph');
    process.kill(bots[2].pid!, 'SIGSTOP');
    try {
      // While it is frozen and within its lease, nobody takes over.
      await sleep(LEASE_SECONDS * 500);
      assert.equal(sim.graph.revokeCalls(profileId).length, 1, 'a live lease is never taken over');
      await teams[0].waitForReply(sent.conversation, /revoked at/, 30_000);
    } finally {
      process.kill(bots[2].pid!, 'SIGCONT');
    }
    await sleep(2 * LEASE_SECONDS * 1000 + GRAPH_DELAY_MS); // the woken owner's call returns; it must not store or post
    assert.equal(sim.graph.revokeCalls(profileId).length, 2);
    assert.equal(teams[0].replies(sent.conversation, RESULT).length, 1, 'posted once');
    assert.equal(finalCardUpdates(sent), 1);
    const stored = (await storage.requests.get(sent.requestId))!;
    assert.deepEqual([stored.state, stored.executionAttempts], ['succeeded', 2]);
    const audit = await storage.audit.list({ requestId: sent.requestId });
    assert.equal(audit.filter((e) => e.action === 'revoke.succeeded').length, 1, 'one outcome audited');
    assert.ok(bots[2].output.some((l) => /revoke result not stored/.test(l)), 'the woken owner saw it had lost the request');
  });
});
