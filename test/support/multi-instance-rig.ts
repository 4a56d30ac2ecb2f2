/**
 * Two Token Guard processes with STORAGE=azure on one Azurite (reached through cuttable proxies)
 * and one simulator, a Teams client per process, and a direct view of the shared Azure storage.
 * Used by test/e2e/multi-instance.spec.ts and test/stress/multi-instance-stress.ts.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../src/approvals/audit-log';
import type { Simulator, SimulatorOptions } from '../../tools/simulator/simulator-api';
import { openAzureStorage, type AzureStorage } from '../../src/storage/open-azure-storage';
import { cardText } from './adaptive-card-reading';
import { azuriteConnectionString, startAzurite, type AzuriteProcess } from './azurite';
import { sleep, startBot, tail, type BotProcess, type StartBotOptions } from './bot-process';
import { alice, bob, erin, OUR_TENANT_ID, type TeamsUser } from './cast';
import { startCutProxy, type CutProxy } from './tcp-cut-proxy';
import { answerText, channelThread, TeamsClient, type SentCard } from './teams-client';
import { BOT_APP, botEnvironment, startTokenGuardSimulator } from './token-guard-world';

/** Three more approvers, so that five different people race on one card. */
export const frank: TeamsUser = { id: '29:1frank-mri', name: 'Frank Approver', aadObjectId: 'f4a00000-0000-4000-8000-000000000006' };
export const grace: TeamsUser = { id: '29:1grace-mri', name: 'Grace Approver', aadObjectId: '94ace000-0000-4000-8000-000000000007' };
export const heidi: TeamsUser = { id: '29:1heidi-mri', name: 'Heidi Approver', aadObjectId: 'ae1d0000-0000-4000-8000-000000000008' };
export const APPROVERS: readonly TeamsUser[] = [bob, erin, frank, grace, heidi];

/** Profiles with an active token and an unambiguous name, used round-robin. */
export const RACE_PROFILES = [
  'Kiosk Porto',
  'Warehouse Scanners',
  'Shared Retail Tablets',
  'COPE Sales',
  'Fully Managed Executives',
  'AOSP Headsets',
  'Hospital Carts',
  'Nurse Phones',
  'Staging Lab',
  'Kiosk Lisbon Airport',
];

export interface MultiInstanceRig {
  azurite: AzuriteProcess;
  /** Between the bots and Azurite: cut() is a storage outage. */
  proxies: { blob: CutProxy; table: CutProxy };
  sim: Simulator;
  bots: BotProcess[];
  /** teams[i] posts to bots[i]. */
  teams: TeamsClient[];
  /** The bots' storage, opened directly (same tables). */
  storage: AzureStorage;
  env: Record<string, string>;
  profileId(displayName: string): string;
  stop(): Promise<void>;
}

export interface RigOptions {
  env?: Record<string, string | undefined>;
  bot?: StartBotOptions;
  /** How many bot processes to start (default 2). */
  instances?: number;
  simulator?: SimulatorOptions;
}

export async function startMultiInstanceRig(options: RigOptions = {}): Promise<MultiInstanceRig> {
  const azurite = await startAzurite();
  const blob = await startCutProxy(azurite.blobPort);
  const table = await startCutProxy(azurite.tablePort);
  const sim = await startTokenGuardSimulator(options.simulator);
  const prefix = `E2e${randomBytes(4).toString('hex')}`;
  const everyone = [alice, ...APPROVERS].map((u) => u.aadObjectId).join(',');
  const env = botEnvironment(sim, {
    STORAGE: 'azure',
    AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(blob.port, table.port),
    AZURE_STORAGE_PREFIX: prefix,
    APPROVER_IDS: everyone,
    REQUESTER_IDS: everyone,
    ...options.env,
  });
  const bots: BotProcess[] = [];
  const rig: MultiInstanceRig = {
    azurite,
    proxies: { blob, table },
    sim,
    bots,
    teams: [],
    storage: openAzureStorage({ connectionString: azurite.connectionString, prefix }),
    env,
    profileId(displayName) {
      const found = [...sim.graph.profiles.values()].find((p) => p.displayName === displayName);
      if (!found) throw new Error(`The simulator has no profile named "${displayName}".`);
      return found.id;
    },
    async stop() {
      await Promise.all(bots.map((b) => b.kill()));
      await sim.close();
      await blob.close();
      await table.close();
      await azurite.stop();
    },
  };
  try {
    // One after the other: both create the tables at start-up, which must be harmless.
    for (let i = 0; i < (options.instances ?? 2); i++) {
      const bot = await startBot(env, { readyTimeoutMs: 60_000, ...options.bot });
      bots.push(bot);
      rig.teams.push(new TeamsClient({ sim, bot, appId: BOT_APP.id }));
    }
  } catch (error) {
    await rig.stop();
    throw error;
  }
  return rig;
}

/** The approver's winning answer, and the refusals a later click may truthfully get. */
const REFUSED = /is already approved and being revoked|is already done: the token was revoked|being changed by someone else/;

export interface RaceResult {
  requestId: string;
  winner: TeamsUser;
  clicks: number;
  /** Milliseconds from the first click to the last answer. */
  clickMs: number;
  /** Milliseconds from the first click to the thread's "revoked" reply. */
  outcomeMs: number;
}

/**
 * One round: a request opened through bots[round % 2], `clicks` concurrent Approve clicks from the
 * five approvers spread over both bots, and every check of "exactly once" on it.
 */
export async function approveRace(rig: MultiInstanceRig, round: number, clicks = 100): Promise<RaceResult> {
  rig.sim.reset();
  const profileName = RACE_PROFILES[round % RACE_PROFILES.length];
  const profileId = rig.profileId(profileName);
  const opener = rig.teams[round % 2];
  const sent: SentCard = await opener.openRequest(alice, profileName, `Round ${round}: token leaked`, channelThread(OUR_TENANT_ID));

  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: clicks }, async (_, i) => {
      const clicker = APPROVERS[i % APPROVERS.length];
      const teams = rig.teams[Math.floor(i / APPROVERS.length) % 2];
      const answer = await teams.click(clicker, 'approve', sent.requestId, { conversation: sent.conversation, replyToId: sent.activityId });
      return { clicker, answer };
    }),
  );
  const clickMs = Date.now() - started;

  const bad = answers.filter(({ answer }) => answer.status !== 200 || answer.body.statusCode !== 200 || typeof answer.body.type !== 'string');
  assert.equal(bad.length, 0, `every click is answered 200 with a well-formed invoke response:\n${bad.map((b) => JSON.stringify(b.answer)).join('\n')}`);
  const cards = answers.filter(({ answer }) => answer.body.type === 'application/vnd.microsoft.card.adaptive');
  const texts = answers.map(({ clicker, answer }) => `${clicker.name}: ${answerText(answer.body)}`);
  assert.equal(cards.length, 1, `exactly one click wins and gets the card:\n${texts.join('\n')}`);
  const winner = cards[0].clicker;
  assert.match(answerText(cards[0].answer.body), new RegExp(`Approved by ${winner.name}`), 'the winner is told it was their approval');
  for (const { clicker, answer } of answers) {
    if (answer === cards[0].answer) continue;
    assert.match(answerText(answer.body), REFUSED, `${clicker.name} is told truthfully that the request was already decided (got: ${answerText(answer.body)})`);
  }

  const reply = await opener.waitForReply(sent.conversation, /revoked at/, 30_000);
  const outcomeMs = Date.now() - started;
  await opener.waitForCardUpdate(sent, (card) => /Token revoked/.test(cardText(card)), 15_000);
  await sleep(500); // let a duplicate executor or notifier show itself

  assert.equal(rig.sim.graph.revokeCalls(profileId).length, 1, 'exactly one revokeToken call');
  assert.equal(rig.sim.graph.revokeCalls().length, 1, 'and no other');
  assert.match(String(reply.activity.text), new RegExp(winner.name), 'the thread names the approver whose click won');
  assert.equal(opener.replies(sent.conversation, /revoked at|failed at/).length, 1, 'one outcome reply in the thread');
  const updates = rig.sim.connector.activities.filter((a) => a.method === 'PUT' && a.activityId === sent.activityId);
  const last = updates[updates.length - 1];
  assert.ok(last && /Token revoked/.test(cardText(opener.currentCard(sent))), 'the card ends revoked');
  for (const update of updates) {
    assert.doesNotMatch(JSON.stringify(update.activity), /Rejected|Cancelled|Expired|Revoke failed/i, 'the card never shows another final state');
  }

  const stored = await rig.storage.requests.get(sent.requestId);
  assert.equal(stored?.state, 'succeeded');
  assert.equal(stored?.executionAttempts, 1);
  assert.equal(stored?.decision?.by.id, winner.aadObjectId);
  const audit = await rig.storage.audit.list({ requestId: sent.requestId });
  const count = (action: AuditEntry['action']) => audit.filter((e) => e.action === action).length;
  assert.equal(count('request.approved'), 1, 'one approval audited');
  assert.equal(count('revoke.started'), 1, 'one revoke started');
  assert.equal(count('revoke.succeeded'), 1, 'one revoke audited');
  assert.equal(count('action.refused'), clicks - 1, 'every other click audited as refused');
  return { requestId: sent.requestId, winner, clicks, clickMs, outcomeMs };
}

export function describeBots(rig: MultiInstanceRig | undefined, lines = 30): string {
  return rig ? rig.bots.map((b, i) => `--- bot ${i} (${b.url}) ---\n${tail(b.output, lines)}`).join('\n') : '(no rig)';
}
