/**
 * revoke-matching over HTTP with three admins: Alice asks, Bob and Erin approve (BULK_APPROVALS=2),
 * the revokes go out in $batch requests and each matched profile is revoked exactly once — also
 * under concurrent clicks, after a SIGKILL mid-run, and with one item throttled by Graph.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedProfiles, seedWorkProfiles, type SimProfile, type SimWorkProfile } from '../../tools/simulator';
import { buildProfile, buildWorkProfile } from '../../tools/simulator/profile-factory';
import { cardText } from '../support/adaptive-card-reading';
import { alice, bob, erin, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type Conversation, type SentCard } from '../support/teams-client';
import { useTokenGuard, type TokenGuardWorld } from '../support/token-guard-world';

const now = new Date();
const harbour = (n: number, name: string): SimProfile =>
  buildProfile({ key: `harbour-${name}-${n}`, displayName: `${name} ${String(n).padStart(2, '0')}`, enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', enrolledDeviceCount: 3 }, now);
const PROFILES: SimProfile[] = [
  ...seedProfiles(),
  ...Array.from({ length: 25 }, (_, i) => harbour(i + 1, 'Harbour Kiosk')),
  ...Array.from({ length: 10 }, (_, i) => harbour(i + 1, 'Harbourside Tablet')),
];
const WORK_PROFILES: SimWorkProfile[] = [
  ...seedWorkProfiles(),
  ...[1, 2].map((n) => buildWorkProfile({ key: `harbour-byod-${n}`, displayName: `Harbour Kiosk BYOD ${n}`, tokenState: 'active', enrolledDeviceCount: 5 }, now)),
];
const SIMULATOR = { profiles: PROFILES, workProfiles: WORK_PROFILES };
const KIOSKS = 27; // 25 Device Owner + 2 work profiles have "Harbour Kiosk" in their name
const BULK_ENV = { BULK_APPROVALS: '2', BULK_MAX_PROFILES: '30' };

function matchingIds(world: TokenGuardWorld, text: string): string[] {
  const all = [...world.sim.graph.profiles.values(), ...world.sim.graph.workProfiles.values()];
  return all.filter((p) => p.displayName.toLowerCase().includes(text.toLowerCase())).map((p) => p.id);
}

function batchCalls(world: TokenGuardWorld) {
  return world.sim.graph.calls.filter((c) => c.method === 'POST' && c.path === '/beta/$batch');
}

async function askBulk(world: TokenGuardWorld, text: string, conversation: Conversation = channelThread(OUR_TENANT_ID)): Promise<SentCard> {
  await world.teams.say(alice, `revoke-matching "${text}" Printed QR codes of the harbour stores were photographed`, conversation);
  return world.teams.approvalCard(conversation);
}

async function waitForFinalTally(world: TokenGuardWorld, conversation: Conversation, timeoutMs = 30_000): Promise<string> {
  const found = await world.teams.waitForActivity(
    (a) => a.conversationId === conversation.id && /Revoke-matching finished/.test(JSON.stringify(a.activity)),
    timeoutMs,
    'the final tally',
  );
  return JSON.stringify(found.activity);
}

function assertEachRevokedOnce(world: TokenGuardWorld, ids: string[]): void {
  for (const id of ids) {
    const calls = world.sim.graph.revokeCalls(id).filter((c) => c.status === 204);
    assert.equal(calls.length, 1, `profile ${id} revoked ${calls.length} times`);
  }
}

describe('e2e: revoke-matching', function () {
  describe('the whole flow with three admins', function () {
    const world = useTokenGuard({ simulator: SIMULATOR, env: BULK_ENV });

    it('one card for the set, two distinct approvers (never the requester), $batch revokes, a progress card and one audit line per profile', async function () {
      this.timeout(60_000);
      const { teams, sim } = world;
      const sent = await askBulk(world, 'Harbour Kiosk');
      const card = cardText(sent.card);
      assert.match(card, /Revoke every matching enrollment token/);
      assert.match(card, new RegExp(`Profiles\\s*${KIOSKS}`));
      assert.match(card, new RegExp(`Enrolled devices \\(total\\)\\s*${25 * 3 + 2 * 5}`));
      assert.match(card, /Harbour Kiosk 01/);
      assert.match(card, new RegExp(`and ${KIOSKS - 20} more`));
      assert.match(card, /0 of 2 approvals/);
      assert.match(card, /Printed QR codes/);
      assert.match(card, /Alice Admin/);

      const own = await teams.click(alice, 'approve', sent.requestId);
      assert.match(answerText(own.body), /own request|you asked/i);
      const first = await teams.click(bob, 'approve', sent.requestId);
      assert.equal(first.status, 200);
      await teams.waitForCardUpdate(sent, (c) => /1 of 2 approvals/.test(cardText(c)) && /Bob Approver/.test(cardText(c)));
      const again = await teams.click(bob, 'approve', sent.requestId);
      assert.doesNotMatch(answerText(again.body), /2 of 2/);
      assert.equal(sim.graph.revokeCalls().length, 0, 'nothing is revoked before the second approval');

      const second = await teams.click(erin, 'approve', sent.requestId);
      assert.equal(second.status, 200);
      const tally = await waitForFinalTally(world, sent.conversation);
      assert.match(tally, new RegExp(`"Revoked","value":"${KIOSKS}"`));
      const ids = matchingIds(world, 'Harbour Kiosk');
      assert.equal(ids.length, KIOSKS);
      assertEachRevokedOnce(world, ids);
      assert.equal(sim.graph.revokeCalls().length, KIOSKS, 'nothing else was revoked');
      assert.equal(batchCalls(world).length, Math.ceil(KIOSKS / 20), 'ceil(n/20) $batch calls');
      for (const id of matchingIds(world, 'Harbour Kiosk BYOD')) {
        assert.match(sim.graph.revokeCalls(id)[0].path, /androidForWorkEnrollmentProfiles/, 'a work profile is revoked on its own collection');
      }
      await teams.waitForCardUpdate(sent, (c) => /Token revoked|Revoked|succeeded/i.test(cardText(c)) && !/approvals\s*$/.test(cardText(c)), 10_000);
      const audit = readAudit(world.bot.dataDir, sent.requestId);
      const lines = audit.filter((e) => e.action === 'bulk.item.revoked');
      assert.equal(lines.length, KIOSKS);
      assert.deepEqual(new Set(lines.map((l) => l.profileId)), new Set(ids));
      assert.ok(lines.every((l) => l.graphRequestId), 'each line carries its Graph request-id');
      assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'succeeded');
    });

    it('answers the cap, a short text, no justification, no match, and the Portuguese word', async function () {
      const { teams } = world;
      const ask = async (text: string) => (await teams.say(alice, text, channelThread(OUR_TENANT_ID))).replies.map((r) => String(r.activity.text ?? '')).join('\n');
      assert.match(await ask('revoke-matching "Harbour" leaked'), /37 profiles have "Harbour".*more than the 30/);
      assert.match(await ask('revoke-matching "Ha" leaked'), /too short.*at least 3 characters/);
      assert.match(await ask('revoke-matching "Harbourside"'), /Send it again with a justification/);
      assert.match(await ask('revoke-matching "Atlantis" leaked'), /No enrollment profile has "Atlantis"/);
      assert.match(await ask('revoke-matching Harbour leaked'), /double quotes/);
      const pt = await teams.say(alice, 'revogar-varios “Harbour Kiosk 1” QR vazado', channelThread(OUR_TENANT_ID));
      assert.ok(pt.replies.some((r) => JSON.stringify(r.activity).includes('Harbour Kiosk 10')), 'typographic quotes and the Portuguese word open a request');
      const again = await ask('revoke-matching "HARBOUR KIOSK 1" leaked again');
      assert.match(again, /already open/, 'the same text while open gets the open request');
      assert.equal(world.sim.graph.revokeCalls().length, 0);
    });

    it('revokes each profile exactly once under concurrent approvals and Teams retries', async function () {
      this.timeout(60_000);
      const { teams } = world;
      const sent = await askBulk(world, 'Harbourside');
      await teams.click(bob, 'approve', sent.requestId);
      const clicks = await Promise.all(Array.from({ length: 12 }, (_, i) => teams.click(i % 3 === 0 ? bob : erin, 'approve', sent.requestId)));
      assert.ok(clicks.every((c) => c.status === 200));
      await waitForFinalTally(world, sent.conversation);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = matchingIds(world, 'Harbourside');
      assertEachRevokedOnce(world, ids);
      assert.equal(world.sim.graph.revokeCalls().length, ids.length);
      assert.equal(readAudit(world.bot.dataDir, sent.requestId).filter((e) => e.action === 'request.approved').length, 1);
    });

    it('retries an item Graph throttled inside a batch, alone, after its Retry-After', async function () {
      this.timeout(60_000);
      const { teams, sim } = world;
      const throttledId = world.profileId('Harbourside Tablet 04');
      sim.graph.injectFault({ method: 'POST', pathIncludes: `${throttledId}/revokeToken`, status: 429, retryAfterSeconds: 1, times: 1 });
      const sent = await askBulk(world, 'Harbourside');
      await teams.click(bob, 'approve', sent.requestId);
      await teams.click(erin, 'approve', sent.requestId);
      await waitForFinalTally(world, sent.conversation);
      const batches = batchCalls(world);
      assert.equal(batches.length, 2, 'the batch, then the throttled item again');
      const items = sim.graph.calls.filter((c) => c.inBatch);
      const second = items.filter((c) => c.at >= batches[1].at);
      assert.deepEqual(second.map((c) => c.path.split('/')[4]), [throttledId], 'only the throttled item is sent again');
      assert.ok(batches[1].at - batches[0].at >= 1000, 'after its Retry-After');
      assert.deepEqual(sim.graph.revokeCalls(throttledId).map((c) => c.status), [429, 204]);
      assertEachRevokedOnce(world, matchingIds(world, 'Harbourside'));
      assert.equal(readRequest(world.bot.dataDir, sent.requestId)?.state, 'succeeded');
    });

    it('leaves out profiles with an open request of their own, and says so on the card', async function () {
      const { teams } = world;
      const single = await teams.openRequest(alice, 'Harbourside Tablet 02', 'Its own leak', channelThread(OUR_TENANT_ID));
      const sent = await askBulk(world, 'Harbourside');
      assert.notEqual(single.requestId, sent.requestId);
      const card = cardText(sent.card);
      assert.match(card, /Profiles\s*9/);
      assert.match(card, /Left out: 1 matching profile has an open revoke request of its own \(Harbourside Tablet 02\)/);
      assert.doesNotMatch(card.split('Left out')[0], /Harbourside Tablet 02/);
    });
  });

  describe('within the write limit (GRAPH_WRITES_PER_20S=5, Intune throttling at 5 too)', function () {
    const world = useTokenGuard({ simulator: SIMULATOR, env: { ...BULK_ENV, GRAPH_WRITES_PER_20S: '5' } });

    it('sends no more than the limit per 20 s and gets no 429 at all', async function () {
      this.timeout(90_000);
      const { teams, sim } = world;
      sim.graph.setWriteLimits({ perAppPer20s: 5 });
      const sent = await askBulk(world, 'Harbourside');
      await teams.click(bob, 'approve', sent.requestId);
      await teams.click(erin, 'approve', sent.requestId);
      await waitForFinalTally(world, sent.conversation, 60_000);
      const batches = batchCalls(world);
      const items = sim.graph.calls.filter((c) => c.inBatch);
      assert.equal(batches.length, 2, 'two batches of 5');
      assert.ok(batches[1].at - batches[0].at >= 20_000, `the second batch waited for the window (${batches[1].at - batches[0].at} ms)`);
      assert.equal(items.filter((c) => c.status === 429).length, 0, 'no 429');
      assert.equal(sim.graph.throttledWrites(), 0);
      assertEachRevokedOnce(world, matchingIds(world, 'Harbourside'));
    });
  });

  describe('crash mid-run', function () {
    const CRASH_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-bulk-crash-')), 'crash-at');
    writeFileSync(CRASH_FILE, '');
    const CRASH_AT = path.resolve(__dirname, '../support/crash-at.js');
    const world = useTokenGuard({ simulator: SIMULATOR, env: { ...BULK_ENV, NODE_OPTIONS: `--require ${CRASH_AT}`, TOKEN_GUARD_E2E_CRASH_FILE: CRASH_FILE } });

    it('SIGKILL after the first batch, restart: only the unfinished profiles are revoked, each exactly once', async function () {
      this.timeout(90_000);
      const { teams, bot, sim } = world;
      const sent = await askBulk(world, 'Harbour Kiosk');
      await teams.click(bob, 'approve', sent.requestId);
      writeFileSync(CRASH_FILE, 'bulk batch 1 stored');
      const from = bot.output.length;
      await teams.click(erin, 'approve', sent.requestId).catch(() => undefined);
      await bot.waitForLog(/\[bot-process\] exited code=null signal=SIGKILL/, 20_000, from);
      assert.equal(sim.graph.revokeCalls().length, 20, 'the first batch went out before the crash');
      await bot.restart();
      await waitForFinalTally(world, sent.conversation, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assertEachRevokedOnce(world, matchingIds(world, 'Harbour Kiosk'));
      assert.equal(sim.graph.revokeCalls().length, KIOSKS, 'no profile twice, none lost');
      assert.equal(batchCalls(world).length, 2);
      const audit = readAudit(bot.dataDir, sent.requestId);
      assert.equal(audit.filter((e) => e.action === 'bulk.item.revoked').length, KIOSKS);
      assert.equal(readRequest(bot.dataDir, sent.requestId)?.state, 'succeeded');
    });
  });
});
