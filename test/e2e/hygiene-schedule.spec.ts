/**
 * HYGIENE_REPORT_SCHEDULE over two bot processes on one Azure storage (Azurite): the weekly report
 * is posted to the approvals channel once per slot, whichever process looks first and however
 * often both look; after every process was down for weeks, the next start posts the most recent
 * missed slot once (not the earlier ones, and not again from the second process). The bots run on
 * clocks the test moves forward (shifted-clock.ts) instead of waiting for Monday 08:00.
 */
import { strict as assert } from 'node:assert';
import type { RecordedActivity } from '../../tools/simulator/simulator-api';
import { slotId } from '../../src/approvals/scheduled-slots';
import { cardOf, cardText } from '../support/adaptive-card-reading';
import { sleep } from '../support/bot-process';
import { bob, OUR_TENANT_ID } from '../support/cast';
import { describeBots, startMultiInstanceRig, type MultiInstanceRig } from '../support/multi-instance-rig';
import { BOT_APP } from '../support/token-guard-world';

const APPROVALS_CHANNEL = '19:token-guard-approvals@thread.tacv2';
const DAY = 24 * 3600 * 1000;

/** The next Monday 08:00 UTC strictly after `now`. */
function nextMonday8(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8));
  while (at.getUTCDay() !== 1 || at.getTime() <= now.getTime()) at.setTime(at.getTime() + DAY);
  return at;
}

describe('e2e: the scheduled hygiene report on two instances (HYGIENE_REPORT_SCHEDULE)', function () {
  let rig: MultiInstanceRig | undefined;

  before(async function () {
    this.timeout(120_000);
    rig = await startMultiInstanceRig({
      env: { APPROVAL_CHANNEL_ID: APPROVALS_CHANNEL, HYGIENE_REPORT_SCHEDULE: '0 8 * * 1' },
      bot: { shiftableClock: true },
    });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') process.stderr.write(`\n${describeBots(rig)}\n`);
  });

  after(async function () {
    this.timeout(60_000);
    await rig?.stop();
  });

  /** The hygiene reports posted as new threads of the approvals channel. */
  function reportPosts(): RecordedActivity[] {
    return rig!.sim.connector.activities.filter(
      (a) => a.method === 'POST' && a.conversationId.startsWith(`${APPROVALS_CHANNEL};messageid=`) && /Token hygiene report/.test(cardText(cardOf(a.activity) ?? {})),
    );
  }

  async function postedAudit() {
    return (await rig!.storage.audit.list({ actions: ['report.posted'] })).sort((a, b) => (a.at < b.at ? -1 : 1));
  }

  it('is posted once for the slot although both processes look every 1.5 s, and audited with where and counts', async function () {
    this.timeout(90_000);
    const { teams, bots, storage } = rig!;
    // Teams tells the bot about its team when it is installed there: the channel becomes known (shared storage).
    const answer = await teams[0].post({
      type: 'conversationUpdate',
      id: `f:${Date.now()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: rig!.sim.botFramework.serviceUrl,
      channelId: 'msteams',
      from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
      conversation: { id: APPROVALS_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: OUR_TENANT_ID },
      recipient: teams[0].botAccount,
      membersAdded: [{ id: `28:${BOT_APP.id}` }],
      channelData: { tenant: { id: OUR_TENANT_ID }, team: { id: APPROVALS_CHANNEL, name: 'Intune Approvals' }, eventType: 'teamMemberAdded' },
    });
    assert.equal(answer.status, 200);
    await sleep(3_000);
    assert.equal(reportPosts().length, 0, 'nothing is owed for the Monday before the first start');

    const now = new Date();
    const slot = nextMonday8(now);
    await Promise.all(bots.map((bot) => bot.advanceClock(slot.getTime() - now.getTime() + 60_000)));
    await rig!.sim.connector.waitFor((a) => reportPosts().includes(a), 20_000);
    await sleep(6_000); // both processes look about four more times each

    const posts = reportPosts();
    assert.equal(posts.length, 1, 'one post for the slot');
    const text = cardText(cardOf(posts[0].activity)!);
    assert.match(text, /Posted on schedule \(HYGIENE_REPORT_SCHEDULE\)/);
    assert.match(text, /Renew soon \(expire within 14 days\)\n\d+\n/);
    const claim = await storage.slots.get(slotId('hygiene-report', slot));
    assert.equal(claim?.state, 'done');
    assert.equal(claim?.outcome, 'posted');
    assert.equal(claim?.attempts, 1);
    const audit = await postedAudit();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actorId, 'system');
    assert.equal(audit[0].outcome, 'scheduled');
    assert.match(audit[0].detail ?? '', new RegExp(`^\\d+ of \\d+ active tokens listed \\(expiring=\\d+ no-devices=\\d+ old=\\d+ long-lived=\\d+\\) in ${APPROVALS_CHANNEL.replace(/[.]/g, '\\.')};messageid=${posts[0].activityId} for the slot ${slot.toISOString()}$`));
  });

  it('after three Mondays with every process down, the next start posts the most recent one, once', async function () {
    this.timeout(120_000);
    const { bots, storage } = rig!;
    const postsBefore = reportPosts().length;
    await Promise.all(bots.map((bot) => bot.kill()));
    // While they are down, three weeks pass: the next three Mondays 08:00 are missed.
    await Promise.all(bots.map((bot) => bot.advanceClock(21 * DAY)));
    const lastPosted = (await postedAudit()).at(-1)!.detail!.match(/for the slot (\S+)$/)![1];
    const missed = [1, 2, 3].map((weeks) => new Date(Date.parse(lastPosted) + weeks * 7 * DAY));

    await bots[0].restart();
    await rig!.sim.connector.waitFor(() => reportPosts().length > postsBefore, 20_000);
    await bots[1].restart();
    await sleep(6_000);

    assert.equal(reportPosts().length, postsBefore + 1, 'one post for the missed Mondays');
    const audit = await postedAudit();
    assert.match(audit.at(-1)!.detail!, new RegExp(`for the slot ${missed[2].toISOString()}$`), 'the most recent missed slot');
    assert.equal((await storage.slots.get(slotId('hygiene-report', missed[2])))?.state, 'done');
    for (const earlier of missed.slice(0, 2)) assert.equal(await storage.slots.get(slotId('hygiene-report', earlier)), undefined, `${earlier.toISOString()} is not owed`);
  });
});
