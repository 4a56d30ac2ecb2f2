import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';
import { ALICE, minimal, problemsOf, TENANT } from './config-settings';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal, {});
    assert.equal(config.port, 3978);
    assert.equal(config.requestTtlMinutes, 1440);
    assert.equal(config.graph.baseUrl, 'https://graph.microsoft.com');
    assert.equal(config.graph.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(config.tenantId, TENANT);
    assert.deepEqual(config.access.approverIds, [ALICE]);
    assert.equal(config.authenticationDisabled, false);
    assert.equal(config.bot.endpoints, undefined);
  });

  it('lets options override the environment', () => {
    const config = loadConfig({ ...minimal, PORT: '4000' }, { PORT: '5000' });
    assert.equal(config.port, 4000);
  });

  it('names every problem at once', () => {
    const problems = problemsOf({ PORT: 'abc', REQUEST_TTL_MINUTES: '0', APPROVER_IDS: 'not-a-guid', GRAPH_BASE_URL: 'http://graph.local' });
    const text = problems.join('\n');
    for (const name of ['PORT', 'REQUEST_TTL_MINUTES', 'APPROVER_IDS', 'GRAPH_BASE_URL', 'MicrosoftAppId', 'tenant']) {
      assert.match(text, new RegExp(name), `expected a problem naming ${name}`);
    }
  });

  it('refuses to start with nobody allowed to approve', () => {
    const { APPROVER_IDS: _unused, ...rest } = minimal;
    assert.match(problemsOf(rest).join('\n'), /No approvers/);
  });

  it('allows no MicrosoftAppId only with LOCAL_DEVELOPMENT=true', () => {
    const base = { AZURE_TENANT_ID: TENANT, APPROVER_IDS: ALICE };
    assert.match(problemsOf(base).join('\n'), /MicrosoftAppId is missing/);
    const local = { GRAPH_BASE_URL: 'https://127.0.0.1:9', AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9' };
    const config = loadConfig({ ...base, ...local, LOCAL_DEVELOPMENT: 'true' }, {});
    assert.equal(config.authenticationDisabled, true);
  });

  it('refuses LOCAL_DEVELOPMENT against public Microsoft Graph or Entra hosts (unset is public), in one problem', () => {
    const base = { AZURE_TENANT_ID: TENANT, APPROVER_IDS: ALICE, LOCAL_DEVELOPMENT: 'true' };
    const local = 'https://127.0.0.1:9';
    const cases: Record<string, string>[] = [
      {},
      { AZURE_AUTHORITY_HOST: local },
      { GRAPH_BASE_URL: local },
      { GRAPH_BASE_URL: 'https://GRAPH.microsoft.com/', AZURE_AUTHORITY_HOST: local },
      { GRAPH_BASE_URL: 'https://dod-graph.microsoft.us', AZURE_AUTHORITY_HOST: local },
      { GRAPH_BASE_URL: local, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' },
      { GRAPH_BASE_URL: local, AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn' },
    ];
    for (const settings of cases) {
      const problems = problemsOf({ ...base, ...settings }).filter((p) => p.includes('LOCAL_DEVELOPMENT'));
      assert.equal(problems.length, 1, JSON.stringify(settings));
    }
    // With authentication on, public hosts are what production uses.
    assert.doesNotThrow(() => loadConfig({ ...minimal, LOCAL_DEVELOPMENT: 'true' }, {}));
  });

  it('takes the seven Bot Framework endpoints all together or not at all', () => {
    assert.match(problemsOf({ ...minimal, ToChannelFromBotLoginUrl: 'https://127.0.0.1:9/x' }).join('\n'), /missing: ToChannelFromBotOAuthScope/);
    const endpoints = {
      ToChannelFromBotLoginUrl: 'https://127.0.0.1:9/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: 'https://127.0.0.1:9/oauth',
      ToBotFromChannelOpenIdMetadataUrl: 'https://127.0.0.1:9/openid',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://127.0.0.1:9/emulator',
      CallerId: 'urn:botframework:azure',
    };
    assert.deepEqual(loadConfig({ ...minimal, ...endpoints }, {}).bot.endpoints, endpoints);
  });

  it('rejects tenants that disagree and secrets without a client', () => {
    const text = problemsOf({ ...minimal, AZURE_TENANT_ID: '22222222-2222-2222-2222-222222222222', AZURE_CLIENT_SECRET: 's' }).join('\n');
    assert.match(text, /name different tenants/);
    assert.match(text, /AZURE_CLIENT_ID are required/);
  });
});
