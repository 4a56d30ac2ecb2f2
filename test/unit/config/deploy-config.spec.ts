import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf, TENANT } from './config-settings';

describe('config: deployment defaults', function () {
  it('MicrosoftAppType defaults to SingleTenant, in the Graph tenant when MicrosoftAppTenantId is not set', function () {
    const { MicrosoftAppType: _type, MicrosoftAppTenantId: _tenant, ...rest } = minimal;
    const config = loadConfig({ ...rest, AZURE_TENANT_ID: TENANT }, {});
    assert.equal(config.bot.appType, 'SingleTenant');
    assert.equal(config.bot.appTenantId, TENANT);
    assert.equal(config.tenantId, TENANT);
  });

  it('a single-tenant bot without any tenant is refused, naming both settings', function () {
    const { MicrosoftAppType: _type, MicrosoftAppTenantId: _tenant, ...rest } = minimal;
    assert.ok(problemsOf(rest).some((p) => /MicrosoftAppTenantId \(or AZURE_TENANT_ID\)/.test(p)));
  });

  it('MultiTenant stays available when asked for', function () {
    assert.equal(loadConfig({ ...minimal, MicrosoftAppType: 'MultiTenant' }, {}).bot.appType, 'MultiTenant');
  });

  it('APPLICATIONINSIGHTS_CONNECTION_STRING: unset = telemetry off; set = kept; not a connection string = refused', function () {
    assert.equal(loadConfig(minimal, {}).applicationInsightsConnectionString, undefined);
    const cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    assert.equal(loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: cs }, {}).applicationInsightsConnectionString, cs);
    assert.ok(problemsOf({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.com' }).some((p) => p.startsWith('APPLICATIONINSIGHTS_CONNECTION_STRING')));
  });
});
