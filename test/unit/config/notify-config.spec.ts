import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf } from './config-settings';

const CATALOG_ID = 'c47a1090-0000-4000-8000-00000000ca7a';

describe('loadConfig: NOTIFY_APPROVERS, NOTIFY_REQUESTER, NOTIFY_INSTALL, TEAMS_APP_CATALOG_ID', () => {
  it('default: approvers and requester are told 1:1, nothing is installed', () => {
    assert.deepEqual(loadConfig(minimal, {}).notify, { approvers: true, requester: true, install: false, teamsAppCatalogId: undefined });
  });

  it('each switch turns off on its own (true/false, any case)', () => {
    assert.deepEqual(loadConfig({ ...minimal, NOTIFY_APPROVERS: 'FALSE' }, {}).notify.approvers, false);
    assert.deepEqual(loadConfig({ ...minimal, NOTIFY_APPROVERS: 'FALSE' }, {}).notify.requester, true);
    assert.deepEqual(loadConfig({ ...minimal, NOTIFY_REQUESTER: 'false' }, {}).notify.requester, false);
    assert.deepEqual(loadConfig({ ...minimal, NOTIFY_REQUESTER: 'false' }, {}).notify.approvers, true);
  });

  it('NOTIFY_INSTALL=true needs TEAMS_APP_CATALOG_ID (a GUID), read lower-cased', () => {
    assert.ok(problemsOf({ ...minimal, NOTIFY_INSTALL: 'true' }).some((p) => p.startsWith('TEAMS_APP_CATALOG_ID is required')));
    assert.ok(problemsOf({ ...minimal, NOTIFY_INSTALL: 'true', TEAMS_APP_CATALOG_ID: 'token-guard' }).some((p) => p.startsWith('TEAMS_APP_CATALOG_ID must be a GUID')));
    const config = loadConfig({ ...minimal, NOTIFY_INSTALL: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID.toUpperCase() }, {});
    assert.deepEqual(config.notify, { approvers: true, requester: true, install: true, teamsAppCatalogId: CATALOG_ID });
  });

  it('refuses anything but true or false, naming the setting', () => {
    for (const name of ['NOTIFY_APPROVERS', 'NOTIFY_REQUESTER', 'NOTIFY_INSTALL']) {
      for (const bad of ['yes', '1', 'off']) assert.ok(problemsOf({ ...minimal, [name]: bad }).some((p) => p.startsWith(`${name} must be true or false`)), `${name}=${bad}`);
    }
  });
});
