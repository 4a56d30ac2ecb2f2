import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { TokenGuardBot } from '../../../src/teams/token-guard-bot';
import type { ConversationReferenceStore } from '../../../src/approvals/request-store';
import type { TurnRouter } from '../../../src/teams/turn-router';
import { Texts } from '../../../src/i18n/texts';
import { silentLogger } from '../../../src/support/logger';
import { alice, OTHER_TENANT_ID, OUR_TENANT_ID } from '../../support/cast';

const TENANT = OUR_TENANT_ID;

function message(id: string, conversationId: string, tenant = TENANT): Partial<Activity> {
  return {
    type: 'message',
    id,
    text: 'help',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/',
    from: { id: alice.id, name: alice.name, aadObjectId: alice.aadObjectId },
    recipient: { id: '28:bot', name: 'Token Guard' },
    conversation: { id: conversationId, name: 'Chat', conversationType: 'groupChat', tenantId: tenant, isGroup: true },
    channelData: { tenant: { id: tenant } },
  };
}

describe('TokenGuardBot', () => {
  function botWith() {
    const references = { save: sinon.stub().resolves(), get: sinon.stub().resolves(undefined) } satisfies ConversationReferenceStore;
    const router = { message: sinon.stub().resolves(), cardAction: sinon.stub().resolves({}) } satisfies Pick<TurnRouter, 'message' | 'cardAction'>;
    const bot = new TokenGuardBot({ router, references, tenantId: TENANT, texts: new Texts(), logger: silentLogger });
    const adapter = new TestAdapter();
    const turn = (activity: Partial<Activity>) => bot.run(new TurnContext(adapter, activity));
    return { references, router, turn };
  }

  it('stores a conversation reference once while it does not change', async () => {
    const { references, router, turn } = botWith();
    await turn(message('m1', 'g:1'));
    await turn(message('m2', 'g:1'));
    await turn(message('m3', 'g:2'));
    assert.equal(router.message.callCount, 3);
    assert.deepEqual(references.save.getCalls().map((c) => c.args[0]), ['g:1', 'g:2']);
  });

  it('does not store references of other tenants', async () => {
    const { references, turn } = botWith();
    await turn(message('m1', 'g:9', OTHER_TENANT_ID));
    assert.equal(references.save.callCount, 0);
  });
});
