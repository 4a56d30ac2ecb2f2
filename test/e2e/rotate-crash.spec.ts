/**
 * A rotation's bot process is SIGKILLed at each step (crash-at.ts: it kills itself on the step's log
 * line) and started again on the same DATA_DIR. Whatever step the crash hit, the request ends
 * rotated, no Graph call happens twice (revokeToken once, createToken once, one GET), the audit has
 * each step once, and the conversation gets exactly one result. A crash after the revoke was stored
 * leaves a request that says (card + audit) the old token is revoked and the new one not created
 * yet; the restarted bot creates it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { channelThread, type SentCard } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';
import { sleep } from '../support/bot-process';
import { executorCalls } from '../support/rotation-calls';

const CRASH_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'token-guard-e2e-rotate-crash-')), 'crash-at');
writeFileSync(CRASH_FILE, '');
const CRASH_AT = path.resolve(__dirname, '../support/crash-at.js');
const RESULT = /rotated at|failed at/;

describe('e2e: rotation crash safety (SIGKILL at every step, then restart)', function () {
  const world = useTokenGuard({ env: { NODE_OPTIONS: `--require ${CRASH_AT}`, TOKEN_GUARD_E2E_CRASH_FILE: CRASH_FILE } });

  beforeEach(() => writeFileSync(CRASH_FILE, ''));

  function crashAtLogLine(msg: string): void {
    writeFileSync(CRASH_FILE, `"msg":"${msg}"`);
  }

  async function rotateAndApprove(profileName: string): Promise<SentCard> {
    const thread = channelThread(OUR_TENANT_ID);
    await world.teams.say(alice, `rotate "${profileName}" QR code printed on a public poster`, thread);
    const sent = world.teams.approvalCard(thread);
    assert.match(cardText(sent.card), /^Rotate an enrollment token/);
    await world.teams.click(bob, 'approve', sent.requestId).catch(() => undefined);
    return sent;
  }

  async function waitForSelfKill(fromLine: number): Promise<void> {
    await world.bot.waitForLog(/\[bot-process\] exited code=null signal=SIGKILL/, 15_000, fromLine);
  }

  const stored = (sent: SentCard) =>
    readRequest(world.bot.dataDir, sent.requestId) as
      | (ReturnType<typeof readRequest> & { rotation?: { revoked?: object; created?: object; newTokenExpiresAt?: string | null } })
      | undefined;

  /** Restart, wait for the result, and check: rotated, each Graph call once, each step audited once, one result. */
  async function restartAndCheck(sent: SentCard, profileName: string, expected: { retried: boolean }): Promise<void> {
    const { teams, sim, bot } = world;
    const profileId = world.profileId(profileName);
    await bot.restart();
    await teams.waitForReply(sent.conversation, RESULT, 20_000);
    await teams.waitForCardUpdate(sent, (card) => /Token rotated/.test(cardText(card)), 10_000);
    await sleep(300); // anything (wrongly) repeated would show now

    const request = stored(sent);
    assert.equal(request?.state, 'succeeded');
    assert.equal(request?.resultToPost, undefined, 'the result is recorded as posted');
    const calls = executorCalls(sim, profileId).map((c) => [c.method, c.path.split('/').pop(), c.status]);
    assert.deepEqual(calls, [['POST', 'revokeToken', 204], ['POST', 'createToken', 204], ['GET', profileId, 200]], 'no Graph call twice');
    const after = world.profile(profileName);
    assert.equal(request?.rotation?.newTokenExpiresAt, after.tokenExpirationDateTime);

    const audit = readAudit(bot.dataDir, sent.requestId).map((e) => e.action);
    const steps = ['request.created', 'request.approved', 'revoke.started', 'rotate.revoked', 'rotate.created', 'revoke.succeeded'];
    if (expected.retried) steps.splice(steps.indexOf('revoke.started') + 1, 0, 'revoke.retried');
    // The retried line comes where the takeover happened: compare as a multiset plus the order of the steps.
    assert.deepEqual([...audit].sort(), [...steps].sort(), `each step audited once: ${audit.join(', ')}`);
    assert.deepEqual(audit.filter((a) => a !== 'revoke.retried'), steps.filter((a) => a !== 'revoke.retried'));

    const results = teams.replies(sent.conversation, RESULT);
    assert.equal(results.length, 1, `exactly one result in the thread:\n${teams.transcript(sent.conversation)}`);
    const text = String(results[0].activity.text);
    assert.match(text, /The old token is dead/);
    assert.ok(after.tokenValue && !text.includes(after.tokenValue), 'no token value in the result');
  }

  it('after the approval is stored, before the rotation is claimed', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('revoke scheduled');
    const sent = await rotateAndApprove('Kiosk Porto');
    await waitForSelfKill(from);
    assert.equal(stored(sent)?.state, 'approved');
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    await restartAndCheck(sent, 'Kiosk Porto', { retried: false });
  });

  it('after the rotation is claimed, before revokeToken', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('revoke claimed');
    const sent = await rotateAndApprove('Kiosk Faro');
    await waitForSelfKill(from);
    assert.equal(stored(sent)?.state, 'executing');
    assert.equal(world.sim.graph.revokeCalls().length, 0);
    await restartAndCheck(sent, 'Kiosk Faro', { retried: true });
  });

  it('after the revoke is stored, before createToken: the request says so, and the restart creates without revoking again', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('rotation revoke stored');
    const sent = await rotateAndApprove('Staging Lab');
    await waitForSelfKill(from);
    const halfway = stored(sent);
    assert.equal(halfway?.state, 'executing');
    assert.ok(halfway?.rotation?.revoked, 'the revoke is stored');
    assert.equal(halfway?.rotation?.created, undefined);
    assert.equal(world.sim.graph.revokeCalls().length, 1);
    assert.equal(world.sim.graph.createTokenCalls().length, 0);
    assert.deepEqual(readAudit(world.bot.dataDir, sent.requestId).map((e) => e.action).slice(-1), ['rotate.revoked'], 'the audit says the old token is revoked');
    await restartAndCheck(sent, 'Staging Lab', { retried: true });
    // On the way, the card said the old token is revoked and the new one was being created.
    assert.ok(
      world.sim.connector.activities.some((a) => a.method === 'PUT' && a.activityId === sent.activityId && /Old token revoked — creating the new token…/.test(JSON.stringify(a.activity))),
      'the card said the old token was revoked and the new one not yet created',
    );
  });

  it('after createToken is stored, before the GET', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('rotation create stored');
    const sent = await rotateAndApprove('Meeting Room Panels');
    await waitForSelfKill(from);
    const halfway = stored(sent);
    assert.ok(halfway?.rotation?.revoked && halfway.rotation.created);
    assert.equal(world.sim.graph.createTokenCalls().length, 1);
    await restartAndCheck(sent, 'Meeting Room Panels', { retried: true });
  });

  it('after the outcome is stored, before the result is posted', async function () {
    const from = world.bot.output.length;
    crashAtLogLine('outcome stored');
    const sent = await rotateAndApprove('HR Tablets');
    await waitForSelfKill(from);
    assert.equal(stored(sent)?.state, 'succeeded');
    assert.equal(world.teams.replies(sent.conversation, RESULT).length, 0, 'nothing told yet');
    await restartAndCheck(sent, 'HR Tablets', { retried: false });
  });
});
