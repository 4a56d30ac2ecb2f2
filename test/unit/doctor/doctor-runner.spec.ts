import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../src/config';
import { reportOf } from '../../../src/doctor/doctor-check';
import { createDoctorRunner } from '../../../src/doctor/doctor-runner';

describe('doctor runner (in the bot)', function () {
  const config = loadConfig({ MicrosoftAppId: 'bot', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111', APPROVER_IDS: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' }, {});

  it('runs once for concurrent callers and reuses the result for cacheMs, then runs again', async function () {
    let now = 0;
    let runs = 0;
    const runner = createDoctorRunner(config, {
      clock: { now: () => new Date(now) },
      cacheMs: 60_000,
      run: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return reportOf([], new Date(now));
      },
    });
    const [a, b] = await Promise.all([runner.diagnose(), runner.diagnose()]);
    assert.equal(runs, 1);
    assert.equal(a, b);
    now += 59_000;
    await runner.diagnose();
    assert.equal(runs, 1, 'cached');
    now += 2_000;
    await runner.diagnose();
    assert.equal(runs, 2, 'expired: checked again');
  });

  it('a run that throws is not cached', async function () {
    let runs = 0;
    const runner = createDoctorRunner(config, { clock: { now: () => new Date(0) }, run: async () => (runs += 1) === 1 ? Promise.reject(new Error('boom')) : reportOf([], new Date(0)) });
    await assert.rejects(runner.diagnose(), /boom/);
    assert.equal((await runner.diagnose()).ok, true);
  });
});
