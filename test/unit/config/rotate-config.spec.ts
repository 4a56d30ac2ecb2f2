import assert from 'node:assert/strict';
import { loadConfig, MAX_ROTATE_TOKEN_DAYS } from '../../../src/config';
import { minimal, problemsOf } from './config-settings';

describe('ROTATE_TOKEN_DAYS', () => {
  it('defaults to 90 days', () => {
    assert.equal(loadConfig(minimal, {}).rotateTokenDays, 90);
  });

  it('takes a whole number of days from 1 up to the last whose seconds fit an Int32', () => {
    assert.equal(MAX_ROTATE_TOKEN_DAYS, 24855);
    assert.ok(MAX_ROTATE_TOKEN_DAYS * 86_400 <= 2_147_483_647 && (MAX_ROTATE_TOKEN_DAYS + 1) * 86_400 > 2_147_483_647);
    for (const days of ['1', '30', ' 365 ', String(MAX_ROTATE_TOKEN_DAYS)]) {
      assert.equal(loadConfig({ ...minimal, ROTATE_TOKEN_DAYS: days }, {}).rotateTokenDays, Number(days), days);
    }
  });

  it('refuses anything else, naming the setting and the range', () => {
    for (const bad of ['0', '-1', '1.5', 'ninety', '90d', '1e2', String(MAX_ROTATE_TOKEN_DAYS + 1), '99999999999999999999']) {
      const problems = problemsOf({ ...minimal, ROTATE_TOKEN_DAYS: bad });
      assert.equal(problems.length, 1, `${bad}: ${problems.join(' | ')}`);
      assert.match(problems[0], new RegExp(`^ROTATE_TOKEN_DAYS must be a whole number of days from 1 to ${MAX_ROTATE_TOKEN_DAYS} .*\\(got "${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\)\\.$`));
    }
  });
});
