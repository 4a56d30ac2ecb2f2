import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf } from './config-settings';

describe('loadConfig: the token hygiene report (HYGIENE_*)', () => {
  it('defaults: 14, 90 and 180 days, Mondays 08:00 UTC', () => {
    assert.deepEqual(loadConfig(minimal, {}).hygiene, { expiringDays: 14, longLivedDays: 90, oldTokenDays: 180, schedule: '0 8 * * 1' });
  });

  it('reads the thresholds, a five- or six-field cron pattern, and off', () => {
    const config = loadConfig({ ...minimal, HYGIENE_EXPIRING_DAYS: '7', HYGIENE_LONG_LIVED_DAYS: '30', HYGIENE_OLD_TOKEN_DAYS: '365', HYGIENE_REPORT_SCHEDULE: '30 6 * * 1-5' }, {});
    assert.deepEqual(config.hygiene, { expiringDays: 7, longLivedDays: 30, oldTokenDays: 365, schedule: '30 6 * * 1-5' });
    assert.equal(loadConfig({ ...minimal, HYGIENE_REPORT_SCHEDULE: '*/5 * * * * *' }, {}).hygiene.schedule, '*/5 * * * * *');
    assert.equal(loadConfig({ ...minimal, HYGIENE_REPORT_SCHEDULE: 'OFF' }, {}).hygiene.schedule, undefined);
  });

  it('refuses a pattern croner does not accept, or one that never runs, naming the setting and the value', () => {
    for (const bad of ['every monday', '0 8 * *', '0 8 * * 1 * 2026', '61 8 * * 1', '0 25 * * *', '0 0 31 2 *']) {
      const problems = problemsOf({ ...minimal, HYGIENE_REPORT_SCHEDULE: bad });
      assert.equal(problems.length, 1, `${bad}: ${problems.join('; ')}`);
      assert.ok(problems[0].startsWith('HYGIENE_REPORT_SCHEDULE must be a cron pattern in UTC') && problems[0].includes(`"${bad}`), problems[0]);
    }
  });

  it('refuses thresholds that are not whole days in range', () => {
    for (const [name, bad] of [['HYGIENE_EXPIRING_DAYS', '-1'], ['HYGIENE_LONG_LIVED_DAYS', '0'], ['HYGIENE_OLD_TOKEN_DAYS', '1.5']]) {
      assert.ok(problemsOf({ ...minimal, [name]: bad }).some((p) => p.startsWith(`${name} must be a whole number`)), name);
    }
  });
});
