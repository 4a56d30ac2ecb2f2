import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

const minimal = {
  MicrosoftAppId: 'bot-app',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
  APPROVER_IDS: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
};

function problemsOf(settings: Record<string, string>): string[] {
  try {
    loadConfig(settings, {});
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig: APPROVAL_CHANNEL_ID and PUBLIC_BASE_URL', () => {
  it('are optional', () => {
    const config = loadConfig(minimal, {});
    assert.equal(config.approvalChannelId, undefined);
    assert.equal(config.publicBaseUrl, undefined);
  });

  it('reads a Teams channel id and an https base URL (trailing slash dropped)', () => {
    const config = loadConfig({ ...minimal, APPROVAL_CHANNEL_ID: '19:abc123@thread.tacv2', PUBLIC_BASE_URL: 'https://bot.contoso.example/' }, {});
    assert.equal(config.approvalChannelId, '19:abc123@thread.tacv2');
    assert.equal(config.publicBaseUrl, 'https://bot.contoso.example');
  });

  it('refuses a thread id, a chat id or an http base URL, naming the setting', () => {
    for (const bad of ['19:abc@thread.tacv2;messageid=123', 'a:1personal', 'General']) {
      assert.ok(problemsOf({ ...minimal, APPROVAL_CHANNEL_ID: bad }).some((p) => p.startsWith('APPROVAL_CHANNEL_ID')), bad);
    }
    assert.ok(problemsOf({ ...minimal, PUBLIC_BASE_URL: 'http://bot.contoso.example' }).some((p) => p.startsWith('PUBLIC_BASE_URL')));
    assert.ok(problemsOf({ ...minimal, PUBLIC_BASE_URL: 'bot.contoso.example' }).some((p) => p.startsWith('PUBLIC_BASE_URL')));
  });
});
