import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../src/config';
import { checkGraphRoles, explainIntuneFailure } from '../../../src/doctor/graph-checks';
import { intuneMessage, jwtPayload, rolesOf, scopesNamed } from '../../../src/doctor/entra-answer';

const TENANT = '11111111-1111-1111-1111-111111111111';
const GROUP = '22222222-2222-4222-8222-222222222222';
const base = { MicrosoftAppId: 'bot', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, APPROVER_IDS: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' };

function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.sig`;
}

describe('doctor: Graph roles and Intune answers', function () {
  it('reads the roles claim from the token payload', function () {
    assert.deepEqual(rolesOf(jwtPayload(unsignedJwt({ roles: ['DeviceManagementConfiguration.Read.All'], tid: TENANT }))), ['DeviceManagementConfiguration.Read.All']);
    assert.deepEqual(rolesOf(jwtPayload('not-a-jwt')), []);
  });

  it('a token without DeviceManagementConfiguration.ReadWrite.All fails, naming the permission and admin consent', function () {
    const result = checkGraphRoles(loadConfig(base, {}), { roles: ['DeviceManagementConfiguration.Read.All'] });
    assert.equal(result.status, 'fail');
    assert.match(result.found, /roles claim is \[DeviceManagementConfiguration\.Read\.All\]; missing DeviceManagementConfiguration\.ReadWrite\.All/);
    assert.match(result.fix ?? '', /API permissions .* Application permissions → DeviceManagementConfiguration\.ReadWrite\.All, then "Grant admin consent/);
  });

  it('GroupMember.Read.All is required only when a group is configured', function () {
    const roles = { roles: ['DeviceManagementConfiguration.ReadWrite.All'] };
    assert.equal(checkGraphRoles(loadConfig(base, {}), roles).status, 'pass');
    const withGroup = checkGraphRoles(loadConfig({ ...base, APPROVER_GROUP_ID: GROUP }, {}), roles);
    assert.equal(withGroup.status, 'fail');
    assert.match(withGroup.found, /missing GroupMember\.Read\.All/);
    assert.equal(checkGraphRoles(loadConfig({ ...base, APPROVER_GROUP_ID: GROUP }, {}), { roles: [...roles.roles, 'GroupMember.Read.All'] }).status, 'pass');
  });

  it('TeamsAppInstallation.ReadWriteForUser.All is required only with NOTIFY_INSTALL=true', function () {
    const roles = { roles: ['DeviceManagementConfiguration.ReadWrite.All'] };
    const install = { ...base, NOTIFY_INSTALL: 'true', TEAMS_APP_CATALOG_ID: 'c47a1090-0000-4000-8000-00000000ca7a' };
    assert.equal(checkGraphRoles(loadConfig(base, {}), roles).status, 'pass');
    const without = checkGraphRoles(loadConfig(install, {}), roles);
    assert.equal(without.status, 'fail');
    assert.match(without.found, /missing TeamsAppInstallation\.ReadWriteForUser\.All/);
    assert.match(without.fix ?? '', /TeamsAppInstallation\.ReadWriteForUser\.All, then "Grant admin consent/);
    assert.equal(checkGraphRoles(loadConfig(install, {}), { roles: [...roles.roles, 'TeamsAppInstallation.ReadWriteForUser.All'] }).status, 'pass');
  });

  it('unwraps Intune messages nested as JSON strings and lists the scopes a 403 names', function () {
    const inner = JSON.stringify({ _version: 3, Message: 'Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All - Operation ID (for customer support): 1 - Activity ID: 2' });
    const outer = JSON.stringify({ ErrorCode: 'Forbidden', Message: inner });
    assert.equal(intuneMessage(outer), 'Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All');
    assert.deepEqual(scopesNamed(intuneMessage(outer)), ['DeviceManagementConfiguration.ReadWrite.All']);
    assert.equal(intuneMessage('plain text'), 'plain text');
  });

  it('maps Intune statuses to their causes (licence, permission, Intune refusing the app, throttling, network)', function () {
    assert.match(explainIntuneFailure({ statusCode: 400, message: 'Request not applicable to target tenant.' })[0], /no Intune licence/);
    assert.match(explainIntuneFailure({ statusCode: 403, message: 'Forbidden' })[0], /lacks DeviceManagementConfiguration\.ReadWrite\.All/);
    assert.match(explainIntuneFailure({ statusCode: 401, code: 'UnknownError', message: '{"ErrorCode":"Forbidden","Message":"x"}' })[0], /not a wrong secret/);
    assert.match(explainIntuneFailure({ statusCode: 401, code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' })[1], /same cloud/);
    assert.match(explainIntuneFailure({ statusCode: 429 })[1], /again in a minute/);
    assert.match(explainIntuneFailure(new Error('fetch failed'))[0], /Could not reach Graph/);
  });
});
