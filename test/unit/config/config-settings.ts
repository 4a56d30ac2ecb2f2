import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

export const TENANT = '11111111-1111-1111-1111-111111111111';
export const ALICE = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';

/** The fewest settings with which Token Guard starts. */
export const minimal = {
  MicrosoftAppId: 'bot-app',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
  APPROVER_IDS: ALICE,
};

/** The problems loadConfig names for exactly these settings (the environment left out). */
export function problemsOf(settings: Record<string, string>): string[] {
  try {
    loadConfig(settings, {});
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}
