/**
 * Intune's real answers, through the simulator, reaching people as plain explanations: each error
 * shape Intune sends on revokeToken ends the request failed with its own explanation and both ids
 * (Graph's request-id and the client-request-id the bot sent), never raw JSON; a Graph app missing
 * a permission fails the revoke naming that permission; a tenant without Intune is told so on lookup.
 */
import { strict as assert } from 'node:assert';
import { cardText } from '../support/adaptive-card-reading';
import { alice, bob, OUR_TENANT_ID } from '../support/cast';
import { readAudit, readRequest } from '../support/stored-records';
import { answerText, channelThread, type SentCard } from '../support/teams-client';
import { GRAPH_APP, useTokenGuard } from '../support/token-guard-world';
import type { GraphFault, RecordedGraphCall } from '../../tools/simulator';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('e2e: Intune answers as people read them', function () {
  const world = useTokenGuard();

  afterEach(() => {
    // Roles live in the tokens the bot caches: make it fetch new ones with the restored grants.
    world.sim.entra.revokeIssuedTokens();
  });

  interface Outcome {
    sent: SentCard;
    replyText: string;
    calls: RecordedGraphCall[];
    cardText: string;
  }

  async function approve(profileName: string, before: (profileId: string) => void): Promise<Outcome> {
    const { teams, sim } = world;
    const profileId = world.profileId(profileName);
    const sent = await teams.openRequest(alice, profileName, 'Token leaked in a vendor chat', channelThread(OUR_TENANT_ID));
    before(profileId);
    const click = await teams.click(bob, 'approve', sent.requestId);
    assert.match(answerText(click.body), /Approved by Bob Approver — revoking/);
    const reply = await teams.waitForReply(sent.conversation, /revoked at|failed at/, 25_000);
    const card = await teams.waitForCardUpdate(sent, (c) => /Token revoked|Revoke failed/.test(cardText(c)));
    return { sent, replyText: String(reply.activity.text), calls: sim.graph.revokeCalls(profileId), cardText: cardText(card) };
  }

  const withFault = (profileName: string, fault: Omit<GraphFault, 'method' | 'pathIncludes'>) =>
    approve(profileName, (profileId) => world.sim.graph.injectFault({ method: 'POST', pathIncludes: `${profileId}/revokeToken`, ...fault }));

  function assertFailed(outcome: Outcome, kind: string, explanation: RegExp): void {
    const last = outcome.calls[outcome.calls.length - 1];
    assert.ok(last, 'revokeToken was called');
    assert.match(String(last.clientRequestId), GUID, 'the bot sent a client-request-id');
    assert.match(outcome.replyText, /Revoking the token of profile ".+" failed at/);
    assert.match(outcome.replyText, explanation);
    assert.ok(outcome.replyText.includes(`Graph request-id: \`${last.requestId}\``), outcome.replyText);
    assert.ok(outcome.replyText.includes(`client-request-id: \`${last.clientRequestId}\``), outcome.replyText);
    assert.doesNotMatch(outcome.replyText, /[{}]|_version|ErrorCode|manage\.microsoft\.com|Operation ID/, 'no raw Intune JSON reaches the thread');
    assert.match(outcome.cardText, explanation);
    assert.ok(outcome.cardText.includes(String(last.clientRequestId)), 'the card keeps the client-request-id too');
    assert.doesNotMatch(outcome.cardText, /_version|ErrorCode|manage\.microsoft\.com/);
    const stored = readRequest(world.bot.dataDir, outcome.sent.requestId);
    assert.equal(stored?.state, 'failed');
    assert.equal(stored?.outcome?.failure?.kind, kind);
    const [audit] = readAudit(world.bot.dataDir, outcome.sent.requestId).filter((e) => e.action === 'revoke.failed');
    assert.equal(audit?.graphRequestId, last.requestId, 'the audit keeps Graph’s request-id');
    assert.equal(audit?.clientRequestId, last.clientRequestId, 'and the client-request-id');
  }

  it('a Graph app without DeviceManagementConfiguration.ReadWrite.All: the revoke fails naming that permission', async function () {
    this.timeout(60_000);
    const outcome = await approve('Kiosk Porto', () => {
      // Reading is still allowed; the write permission is taken away, effective in the next token.
      world.sim.entra.setAppRoles(GRAPH_APP.id, ['DeviceManagementConfiguration.Read.All', 'GroupMember.Read.All']);
      world.sim.entra.revokeIssuedTokens();
    });
    assert.equal(outcome.calls[outcome.calls.length - 1].status, 403);
    assertFailed(outcome, 'forbidden', /lacks the Graph application permission DeviceManagementConfiguration\.ReadWrite\.All, or an administrator has not granted admin consent/);
    assert.ok(world.profile('Kiosk Porto').tokenValue, 'the token was not revoked');
  });

  it('401 UnknownError: Intune refused the app, explained as permission or role assignment, not a wrong secret', async function () {
    this.timeout(60_000);
    const outcome = await withFault('Kiosk Faro', { intune: 'unknown-error' });
    assert.ok(outcome.calls.every((c) => c.status === 401));
    assertFailed(outcome, 'intune-refused', /Intune refused Token Guard's app .*This is not a wrong client secret/);
    assert.doesNotMatch(outcome.replyText, /secret or certificate may be wrong/);
  });

  it('400 "Request not applicable to target tenant.": the tenant has no Intune licence', async function () {
    this.timeout(60_000);
    const outcome = await approve('COPE Sales', () => world.sim.graph.setIntuneLicensed(false));
    assertFailed(outcome, 'not-applicable', /no Intune MDM authority/);
  });

  it('429 without Retry-After but with RetryAfter in Intune’s body: retried, then says how long to wait', async function () {
    this.timeout(60_000);
    const outcome = await withFault('Point of Sale Coimbra', { intune: 'throttled', bodyRetryAfterSeconds: 120 });
    assert.ok(outcome.calls.length >= 2, `retried (${outcome.calls.length} calls)`);
    assertFailed(outcome, 'throttled', /Intune throttled the request even after retries\. Wait 120 s, then ask again/);
  });

  it('500 with the Operation ID text: unavailable, explained without Intune’s text', async function () {
    this.timeout(60_000);
    const outcome = await withFault('New Hires Onboarding', { intune: 'internal-error' });
    assertFailed(outcome, 'unavailable', /Microsoft Graph or Intune was unavailable/);
  });

  it('503 with the Operation ID text, retried with Retry-After, then unavailable', async function () {
    this.timeout(60_000);
    const outcome = await withFault('Quiosque Recife', { intune: 'unavailable', retryAfterSeconds: 1 });
    assert.ok(outcome.calls.length >= 2, `503 is retried (${outcome.calls.length} calls)`);
    assertFailed(outcome, 'unavailable', /Microsoft Graph or Intune was unavailable, even after retries/);
  });

  it('lookups: a tenant without Intune, and an app without any Intune permission, are each told plainly with both ids', async function () {
    this.timeout(60_000);
    const conversation = channelThread(OUR_TENANT_ID);
    const profileId = world.profileId('Warehouse Scanners');
    const show = async () => {
      const { replies } = await world.teams.say(alice, `show ${profileId}`, conversation);
      const text = replies.map((r) => String(r.activity.text ?? '')).join('\n');
      const call = world.sim.graph.calls.filter((c) => c.path.endsWith(profileId)).pop();
      assert.ok(call, 'the profile was asked of Graph');
      assert.ok(text.includes(call.requestId) && text.includes(String(call.clientRequestId)), `both ids:\n${text}`);
      assert.doesNotMatch(text, /[{}]|_version|manage\.microsoft\.com/);
      return text;
    };
    world.sim.graph.setIntuneLicensed(false);
    assert.match(await show(), /I could not look up the enrollment profiles\. This tenant has no Intune MDM authority/);
    world.sim.graph.setIntuneLicensed(true);
    world.sim.entra.setAppRoles(GRAPH_APP.id, ['GroupMember.Read.All']);
    world.sim.entra.revokeIssuedTokens();
    assert.match(await show(), /lacks the Graph application permission DeviceManagementConfiguration\.Read\.All or DeviceManagementConfiguration\.ReadWrite\.All/);
  });
});
