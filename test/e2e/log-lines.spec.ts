/**
 * Every line the bot process writes, on stdout and stderr, is one JSON object from the logger —
 * including what botframework-connector prints to the console for forged tokens — and none shows a
 * PEM block, a JWT or a secret.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { BOT_ENTRY, linesLeakingSecrets } from '../support/bot-process';
import { alice, OUR_TENANT_ID } from '../support/cast';
import { channelThread } from '../support/teams-client';
import { BOT_APP, GRAPH_APP, useTokenGuard } from '../support/token-guard-world';

describe('e2e: the bot writes only JSON log lines', function () {
  const world = useTokenGuard();

  it('a session with forged, foreign and valid tokens leaves only scrubbed JSON lines on stdout and stderr', async function () {
    const { teams, sim } = world;
    const bearer = (options: Record<string, unknown>) => `Bearer ${sim.botFramework.signToken({ appId: BOT_APP.id, serviceUrl: sim.botFramework.serviceUrl, ...options })}`;
    const thread = channelThread(OUR_TENANT_ID);
    // [token, status]: a key endorsed only for another channel is authenticated but not Teams (403).
    const forged: [string, number][] = [
      [bearer({ forgeSignature: true }), 401],
      [bearer({ forgeSignature: true }), 401],
      [bearer({ forgeSignature: true }), 401],
      [bearer({ kid: 'kid-nobody-published' }), 401],
      [bearer({ keyEndorsedForOtherChannel: true }), 403],
      ['Bearer not-a-jwt', 401],
    ];
    for (const [authorization, status] of forged) {
      const answer = await teams.post(teams.messageActivity(alice, 'help', thread), { authorization });
      assert.equal(answer.status, status);
    }
    const ok = await teams.post(teams.messageActivity(alice, 'help', thread));
    assert.equal(ok.status, 200);
    await teams.waitForReply(thread, /./);

    const lines = world.bot.output.filter((line) => !line.startsWith('[bot-process]') && line.trim() !== '');
    assert.ok(lines.length >= 3, `the bot logged something (${lines.length} lines)`);
    const notJson = lines.filter((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
      } catch {
        return true;
      }
    });
    assert.deepEqual(notJson, [], 'every line is one JSON object');
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      assert.ok(['debug', 'info', 'warn', 'error'].includes(String(parsed.level)) && typeof parsed.msg === 'string' && typeof parsed.time === 'string', line);
    }
    assert.deepEqual(lines.filter((line) => /BEGIN [A-Z ]*KEY|MII[A-Za-z0-9+/]{40}/.test(line)), [], 'no PEM or raw key material');
    assert.deepEqual(linesLeakingSecrets(lines, [BOT_APP.secret, GRAPH_APP.secret, 'not-a-jwt', ...forged.map(([f]) => f.slice('Bearer '.length))]), []);
  });

  it('a start-up refused for bad settings is one JSON line on stderr naming every problem (exit 2)', function () {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', MicrosoftAppPassword: 'startup-secret-value', APPROVER_IDS: 'not-a-guid' };
    const run = spawnSync(process.execPath, [BOT_ENTRY], { env, encoding: 'utf8', timeout: 20_000, cwd: world.bot.dataDir });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    const line = JSON.parse(lines[0]) as { level: string; msg: string; problems: string[] };
    assert.equal(line.level, 'error');
    assert.ok(line.problems.some((p) => p.includes('MicrosoftAppId')), line.msg);
    assert.ok(line.problems.some((p) => p.includes('APPROVER_IDS')), line.msg);
    assert.ok(!run.stderr.includes('startup-secret-value'));
  });
});
