import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf } from './config-settings';


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
