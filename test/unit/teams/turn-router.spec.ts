import assert from 'node:assert/strict';
import sinon from 'sinon';
import { MemoryStorage, PrivateConversationState, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { Dialog, DialogSet, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AuditEntry, AuditLog } from '../../../src/approvals/audit-log';
import type { ActionName } from '../../../src/approvals/policy';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import type { AccessDecision, AccessFilter, Actor } from '../../../src/authorization/access-filter';
import { readChatText } from '../../../src/commands/parse-command';
import { Texts } from '../../../src/i18n/texts';
import { silentLogger } from '../../../src/support/logger';
import { command, type RequestCommandTurn, type RouteTable } from '../../../src/teams/route';
import { TurnRouter } from '../../../src/teams/turn-router';
import { alice, OUR_TENANT_ID } from '../../support/cast';

const TENANT = OUR_TENANT_ID;
const REQUEST_ID = '0b5c7a2e-1111-4222-8333-444455556666';
const request = { id: REQUEST_ID, tenantId: TENANT, state: 'pending' } as unknown as RevokeRequest;

/** A question that stays open until answered (as the revoke dialog's prompts do). */
class Question extends Dialog {
  answers = 0;
  constructor() {
    super('question');
  }
  override async beginDialog(): Promise<DialogTurnResult> {
    return Dialog.EndOfTurn;
  }
  override async continueDialog(): Promise<DialogTurnResult> {
    this.answers++;
    return Dialog.EndOfTurn;
  }
}

function activity(overrides: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/',
    from: { id: alice.id, name: alice.name, aadObjectId: alice.aadObjectId },
    recipient: { id: '28:bot', name: 'Token Guard' },
    conversation: { id: '19:thread;messageid=1', conversationType: 'channel', tenantId: TENANT, isGroup: true, name: '' },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

function rig(decide: (action: ActionName) => AccessDecision = () => ({ allowed: true, isApprover: true })) {
  const checks: { actor: Actor; action: ActionName; request?: RevokeRequest }[] = [];
  const filter = {
    check: async (actor: Actor, action: ActionName, loaded?: RevokeRequest) => {
      checks.push({ actor, action, request: loaded });
      return decide(action);
    },
  } as unknown as AccessFilter;
  const audited: Omit<AuditEntry, 'seq'>[] = [];
  const audit: AuditLog = { append: async (entry) => void audited.push(entry), list: async () => [] };
  const ran: { route: string; args?: unknown; request?: RevokeRequest; isApprover: boolean; data?: unknown }[] = [];
  const question = new Question();
  const routes: RouteTable = {
    commands: [
      command({ words: ['show', 'mostrar'], action: 'inspect', parse: (rest) => ({ rest }), run: async ({ args, isApprover }) => void ran.push({ route: 'show', args, isApprover }) }),
      command({
        words: ['cancel'],
        action: 'cancel',
        parse: (rest) => (rest ? { requestId: rest } : undefined),
        loads: { requestIdIn: (args) => args.requestId },
        dialog: 'keeps',
        run: async (turn: RequestCommandTurn<{ requestId: string }>) => void ran.push({ route: 'cancel <request>', request: turn.request, isApprover: turn.isApprover }),
      }),
      command({ words: ['cancel'], action: 'anyone-in-tenant', parse: () => ({}), dialog: 'keeps', run: async ({ isApprover }) => void ran.push({ route: 'cancel', isApprover }) }),
      command({
        words: ['history'],
        action: 'export',
        parse: (rest) => (rest === 'export' ? {} : undefined),
        denied: (reason) => (reason === 'not-approver' ? 'approvers only, sorry' : undefined),
        run: async ({ isApprover }) => void ran.push({ route: 'history export', isApprover }),
      }),
      command({ words: ['ask'], action: 'request', parse: () => ({}), run: async ({ dialogs }) => void (await (await dialogs()).beginDialog('question')) }),
    ],
    verbs: [
      { verb: 'approve', action: 'approve', loads: 'request-in-card', answer: async ({ request: r, data, isApprover }) => (ran.push({ route: 'approve', request: r, data, isApprover }), { card: { type: 'AdaptiveCard' } }) },
      { verb: 'list-more', action: 'inspect', answer: async ({ data, isApprover }) => (ran.push({ route: 'list-more', data, isApprover }), { message: 'page 2' }) },
    ],
    otherMessages: {
      empty: { action: 'anyone-in-tenant', run: async ({ isApprover }) => void ran.push({ route: 'empty', isApprover }) },
      tooLong: { action: 'anyone-in-tenant', run: async ({ args, isApprover }) => void ran.push({ route: 'too-long', args, isApprover }) },
      unknown: { action: 'anyone-in-tenant', run: async ({ args, isApprover }) => void ran.push({ route: 'unknown', args, isApprover }) },
      answer: { action: 'request', run: async ({ dialogs, isApprover }) => (ran.push({ route: 'answer', isApprover }), void (await (await dialogs()).continueDialog())) },
    },
  };
  const dialogState = new PrivateConversationState(new MemoryStorage());
  const dialogs = new DialogSet(dialogState.createProperty('dialogState'));
  dialogs.add(question);
  const get = sinon.stub().callsFake(async (id: string) => (id === REQUEST_ID ? request : undefined));
  const router = new TurnRouter({ routes, readText: readChatText, filter, requests: { get }, dialogs, dialogState, audit, texts: new Texts(), clock: { now: () => new Date('2024-05-01T10:00:00Z') }, logger: silentLogger });
  const adapter = new TestAdapter();
  const sent: string[] = [];
  const contextOf = (a: Partial<Activity>) => {
    const context = new TurnContext(adapter, a);
    context.onSendActivities(async (_ctx, activities, next) => {
      sent.push(...activities.map((x) => String(x.text ?? '')));
      return next();
    });
    return context;
  };
  const say = (text: string) => router.message(contextOf(activity({ type: 'message', text })));
  const click = (verb: string, data: Record<string, unknown>) =>
    router.cardAction(contextOf(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } })));
  const isAsking = async () => {
    const context = contextOf(activity({ type: 'message', text: '' }));
    const dc: DialogContext = await dialogs.createContext(context);
    return Boolean(dc.activeDialog);
  };
  return { checks, audited, ran, sent, say, click, get, question, isAsking };
}

describe('TurnRouter', () => {
  it('finds a command by any of its words and asks the filter once, for the route\'s action', async () => {
    const r = rig();
    await r.say('MOSTRAR Kiosk Porto');
    assert.deepEqual(r.checks.map((c) => [c.action, c.request]), [['inspect', undefined]]);
    assert.deepEqual(r.ran, [{ route: 'show', args: { rest: 'Kiosk Porto' }, isApprover: true }]);
  });

  it('loads the request a command names, and the filter judges the action on it', async () => {
    const r = rig();
    await r.say(`cancel ${REQUEST_ID}`);
    assert.deepEqual(r.checks.map((c) => [c.action, c.request?.id]), [['cancel', REQUEST_ID]]);
    assert.deepEqual(r.ran.map((x) => [x.route, x.request?.id]), [['cancel <request>', REQUEST_ID]]);
  });

  it('a sub-route with its own action: bare `cancel` needs no role, `cancel <request>` needs cancel', async () => {
    const r = rig((action) => (action === 'cancel' ? { allowed: false, reason: 'not-your-request' } : { allowed: true, isApprover: false }));
    await r.say('cancel');
    await r.say(`cancel ${REQUEST_ID}`);
    assert.deepEqual(r.checks.map((c) => c.action), ['anyone-in-tenant', 'cancel']);
    assert.deepEqual(r.ran.map((x) => x.route), ['cancel']);
    assert.equal(r.sent[r.sent.length - 1], new Texts().denied('not-your-request'));
  });

  it('a request id that names nothing is answered without asking the filter or running the handler', async () => {
    const r = rig();
    await r.say('cancel 00000000-dead-beef-0000-000000000000');
    await r.say(`cancel ';DROP-TABLE`);
    assert.equal(r.checks.length, 0);
    assert.equal(r.ran.length, 0);
    assert.deepEqual(r.get.getCalls().map((c) => c.args[0]), ['00000000-dead-beef-0000-000000000000'], 'an id of the wrong shape is not looked up');
    assert.equal(r.sent.length, 2);
  });

  it('a denial keeps its own reason; a route may word it its own way', async () => {
    const r = rig(() => ({ allowed: false, reason: 'not-approver' }));
    await r.say('history export');
    await r.say('show x');
    assert.deepEqual(r.checks.map((c) => c.action), ['export', 'inspect']);
    assert.equal(r.ran.length, 0);
    assert.equal(r.sent[0], 'approvers only, sorry');
    assert.equal(r.sent[1], new Texts().denied('not-approver'));
  });

  it('text that is no command gets the other-message routes, each behind the filter', async () => {
    const r = rig();
    await r.say('   ');
    await r.say('frobnicate now');
    await r.say('constructor');
    await r.say('x'.repeat(3000));
    assert.deepEqual(r.ran.map((x) => [x.route, x.args]), [['empty', undefined], ['unknown', { word: 'frobnicate' }], ['unknown', { word: 'constructor' }], ['too-long', { length: 3000 }]]);
    assert.equal(r.checks.length, 4);
  });

  it('while a question is open, other text answers it (action request); a denied answer ends the question', async () => {
    const r = rig();
    await r.say('ask');
    assert.ok(await r.isAsking());
    await r.say('Kiosk Porto');
    assert.equal(r.question.answers, 1);
    assert.deepEqual(r.checks.map((c) => c.action), ['request', 'request']);

    const denied = rig((action) => (action === 'request' && denied.checks.length > 1 ? { allowed: false, reason: 'not-requester' } : { allowed: true, isApprover: false }));
    await denied.say('ask');
    await denied.say('Kiosk Porto');
    assert.equal(denied.question.answers, 0);
    assert.equal(await denied.isAsking(), false);
  });

  it('a command ends an open question, except those that keep it (cancel)', async () => {
    const r = rig();
    await r.say('ask');
    await r.say('cancel');
    assert.ok(await r.isAsking(), 'bare cancel decides itself what to do with the question');
    await r.say('show x');
    assert.equal(await r.isAsking(), false);
  });

  it('a click loads the card\'s request, is judged with the conversation it came from, and is answered with the SDK\'s invoke response', async () => {
    const r = rig();
    const answer = await r.click('approve', { requestId: REQUEST_ID, reason: 'ok' });
    assert.deepEqual(answer, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
    assert.equal(r.checks.length, 1);
    assert.equal(r.checks[0].action, 'approve');
    assert.equal(r.checks[0].request?.id, REQUEST_ID);
    assert.equal(r.checks[0].actor.conversationKey, '19:thread;messageid=1');
    assert.deepEqual(r.ran.map((x) => [x.route, x.request?.id, x.data]), [['approve', REQUEST_ID, { requestId: REQUEST_ID, reason: 'ok' }]]);
  });

  it('a verb about no request is judged without one', async () => {
    const r = rig();
    const answer = await r.click('list-more', { page: 1 });
    assert.deepEqual(answer, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'page 2' });
    assert.deepEqual(r.checks.map((c) => [c.action, c.request, c.actor.conversationKey]), [['inspect', undefined, undefined]]);
  });

  it('refuses and audits clicks no route can take: invented verbs, missing or unknown request ids', async () => {
    const r = rig();
    for (const verb of ['__proto__', 'constructor', 'Approve']) await r.click(verb, { requestId: REQUEST_ID });
    await r.click('approve', {});
    await r.click('approve', { requestId: 42 });
    await r.click('approve', { requestId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(r.checks.length, 0, 'the filter judges only routed clicks');
    assert.equal(r.ran.length, 0);
    assert.deepEqual(
      r.audited.map((e) => [e.action, e.outcome, e.requestId]),
      [
        ['action.refused', 'unknown-verb', REQUEST_ID],
        ['action.refused', 'unknown-verb', REQUEST_ID],
        ['action.refused', 'unknown-verb', REQUEST_ID],
        ['action.refused', 'malformed', undefined],
        ['action.refused', 'malformed', undefined],
        ['action.refused', 'unknown-request', '00000000-0000-4000-8000-000000000000'],
      ],
    );
  });

  it('a denied click is a 200 message with the denial\'s reason', async () => {
    const r = rig(() => ({ allowed: false, reason: 'self-approval' }));
    const answer = await r.click('approve', { requestId: REQUEST_ID });
    assert.deepEqual(answer, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: new Texts().denied('self-approval') });
    assert.equal(r.ran.length, 0);
  });

  it('refuses two routes for one verb', () => {
    const verbs = [
      { verb: 'x', action: 'view' as const, answer: async () => ({ message: '' }) },
      { verb: 'x', action: 'view' as const, answer: async () => ({ message: '' }) },
    ];
    const routes: RouteTable = { commands: [], verbs, otherMessages: {} as RouteTable['otherMessages'] };
    assert.throws(() => new TurnRouter({ routes } as ConstructorParameters<typeof TurnRouter>[0]), /Two routes for the card verb "x"/);
  });
});
