import assert from 'node:assert/strict';
import { personalConversationId, SIM_BOT_CLIENT, SIM_GRAPH_CLIENT, Simulator, startSimulator, TOKEN_GUARD_CATALOG_APP_ID } from '../../../tools/simulator';
import { fetchToken, simRequest } from './sim-https';

/** Teams apps in personal scope: Graph's installedApps, the connector's 1:1 chats, and refusing a user. */
const USER = 'b0b00000-0000-4000-8000-000000000002';
const INSTALLED_APPS = `/v1.0/users/${USER}/teamwork/installedApps`;
const BINDING = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${TOKEN_GUARD_CATALOG_APP_ID}` };

describe('simulator: Teams apps in personal scope', () => {
  let sim: Simulator;
  let botToken: string;
  before(async () => {
    sim = await startSimulator();
    botToken = await fetchToken(sim, SIM_BOT_CLIENT, 'https://api.botframework.com/.default');
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const graphToken = async (roles: string[]) => {
    sim.entra.setAppRoles(SIM_GRAPH_CLIENT.id, roles);
    return fetchToken(sim, SIM_GRAPH_CLIENT, 'https://graph.microsoft.com/.default');
  };
  const openChat = (member: string) => simRequest(sim, 'POST', '/connector/v3/conversations', { token: botToken, body: { isGroup: false, bot: { id: `28:${SIM_BOT_CLIENT.id}` }, members: [{ id: member }], tenantId: sim.tenantId } });

  it('installing needs a TeamsAppInstallation role: 403 naming the roles', async () => {
    const token = await graphToken([...SIM_GRAPH_CLIENT.roles]);
    const res = await simRequest(sim, 'POST', INSTALLED_APPS, { token, body: BINDING });
    assert.equal(res.status, 403);
    assert.equal(res.json().error.code, 'Forbidden');
    assert.match(res.json().error.message, /TeamsAppInstallation\.ReadWriteForUser\.All/);
    assert.equal(sim.teams.hasApp(USER), false);
  });

  it('201 installs, 409 when installed, 404 for an app not in the catalog or a user id that is none, 400 for a bad binding', async () => {
    const token = await graphToken(['TeamsAppInstallation.ReadWriteForUser.All']);
    const first = await simRequest(sim, 'POST', INSTALLED_APPS, { token, body: BINDING });
    assert.equal(first.status, 201);
    assert.equal(first.text, '');
    assert.ok(sim.teams.hasApp(USER));
    const again = await simRequest(sim, 'POST', INSTALLED_APPS, { token, body: BINDING });
    assert.equal(again.status, 409);
    assert.equal(again.json().error.code, 'Conflict');
    const unknownApp = await simRequest(sim, 'POST', INSTALLED_APPS, { token, body: { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/other-app' } });
    assert.equal(unknownApp.status, 404);
    assert.equal((await simRequest(sim, 'POST', '/v1.0/users/not-a-guid/teamwork/installedApps', { token, body: BINDING })).status, 404);
    assert.equal((await simRequest(sim, 'POST', INSTALLED_APPS, { token, body: { teamsApp: TOKEN_GUARD_CATALOG_APP_ID } })).status, 400);
  });

  it('a 1:1 chat opens only for a user who has the app, always with the same id', async () => {
    const refused = await openChat(USER);
    assert.equal(refused.status, 403);
    assert.equal(refused.json().error.code, 'BotNotInConversationRoster');
    sim.teams.installForUser(USER);
    const opened = await openChat(USER);
    assert.equal(opened.status, 201);
    assert.equal(opened.json().id, personalConversationId(USER, sim.tenantId));
    assert.equal((await openChat(`29:${USER}`)).json().id, opened.json().id);
  });

  it('refuseMessagesTo: posts in the user\'s 1:1 chat and opening it answer 403 ConversationBlockedByUser (or 404); others are not affected; reset ends it', async () => {
    sim.teams.installForUser(USER);
    const chat = encodeURIComponent(personalConversationId(USER, sim.tenantId));
    const other = encodeURIComponent(personalConversationId('e1140000-0000-4000-8000-000000000005', sim.tenantId));
    sim.connector.refuseMessagesTo(USER);
    const post = await simRequest(sim, 'POST', `/connector/v3/conversations/${chat}/activities`, { token: botToken, body: { type: 'message', text: 'hi' } });
    assert.equal(post.status, 403);
    assert.equal(post.json().error.code, 'ConversationBlockedByUser');
    assert.equal((await openChat(USER)).status, 403);
    assert.equal((await simRequest(sim, 'POST', `/connector/v3/conversations/${other}/activities`, { token: botToken, body: { type: 'message', text: 'hi' } })).status, 201);
    assert.deepEqual(sim.connector.activities.map((a) => a.activity.text), ['hi'], 'a refused message is not recorded');
    sim.connector.refuseMessagesTo(USER, 404);
    assert.equal((await simRequest(sim, 'POST', `/connector/v3/conversations/${chat}/activities`, { token: botToken, body: { type: 'message', text: 'hi' } })).json().error.code, 'ConversationNotFound');
    sim.reset();
    assert.equal(sim.teams.hasApp(USER), false);
    sim.teams.installForUser(USER);
    assert.equal((await simRequest(sim, 'POST', `/connector/v3/conversations/${chat}/activities`, { token: botToken, body: { type: 'message', text: 'hi' } })).status, 201);
  });
});
