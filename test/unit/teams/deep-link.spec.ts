import { strict as assert } from 'node:assert';
import { encodePart, messageDeepLink } from '../../../src/teams/deep-link';

/** The link taken apart the way Teams reads it. */
function parts(link: string | undefined) {
  assert.ok(link);
  const url = new URL(link);
  const [, l, message, conversation, messageId, ...rest] = url.pathname.split('/');
  return { origin: url.origin, l, message, conversation: decodeURIComponent(conversation), messageId: decodeURIComponent(messageId), rest, query: Object.fromEntries(url.searchParams), raw: link };
}

describe('Teams deep links to a card message', function () {
  it('a reply in a channel thread: channel, message, root, tenant, group, names', function () {
    const link = messageDeepLink({
      conversationId: '19:abc@thread.tacv2;messageid=1700000000001',
      conversationType: 'channel',
      messageId: '1700000000555',
      tenantId: '11111111-1111-1111-1111-111111111111',
      team: { groupId: '0e1d2c3b-4a59-4687-8776-655443322110', teamName: 'Ops', channelName: 'Approvals' },
    });
    const p = parts(link);
    assert.equal(p.origin, 'https://teams.microsoft.com');
    assert.deepEqual([p.l, p.message, p.conversation, p.messageId, p.rest], ['l', 'message', '19:abc@thread.tacv2', '1700000000555', []]);
    assert.deepEqual(p.query, {
      tenantId: '11111111-1111-1111-1111-111111111111',
      groupId: '0e1d2c3b-4a59-4687-8776-655443322110',
      parentMessageId: '1700000000001',
      teamName: 'Ops',
      channelName: 'Approvals',
      createdTime: '1700000000555',
    });
  });

  it('the root of a thread (the approvals channel): parentMessageId is the card itself', function () {
    const p = parts(messageDeepLink({ conversationId: '19:abc@thread.tacv2;messageid=42', conversationType: 'channel', messageId: '42', tenantId: 't' }));
    assert.equal(p.messageId, '42');
    assert.equal(p.query.parentMessageId, '42');
    assert.equal(p.query.groupId, undefined, 'unknown facts are left out, not sent empty');
  });

  it('every part is encoded: names cannot add parameters, end a markdown link or change the path', function () {
    const hostile = 'A&B=(c) #d/e?f \'g\' *h* ! 100% [x](y)';
    const link = messageDeepLink({
      conversationId: '19:a/b?c#d@thread.tacv2;messageid=7',
      conversationType: 'channel',
      messageId: '7',
      tenantId: 'x&y=z',
      team: { groupId: 'g)(', teamName: hostile, channelName: hostile },
    })!;
    assert.doesNotMatch(link.slice('https://'.length), /[()'!*#\[\] @:]/, link);
    assert.equal(link.split('?').length, 2, 'one query');
    const p = parts(link);
    assert.equal(p.conversation, '19:a/b?c#d@thread.tacv2');
    assert.deepEqual(p.rest, []);
    assert.equal(p.query.teamName, hostile);
    assert.equal(p.query.channelName, hostile);
    assert.equal(p.query.tenantId, 'x&y=z');
    assert.equal(p.query.groupId, 'g)(');
    assert.deepEqual(Object.keys(p.query).sort(), ['channelName', 'createdTime', 'groupId', 'parentMessageId', 'teamName', 'tenantId']);
  });

  it('a group chat or personal chat: the chat form with context {"contextType":"chat"}', function () {
    for (const conversationType of ['groupChat', 'personal']) {
      const p = parts(messageDeepLink({ conversationId: '19:7f00aa@thread.v2', conversationType, messageId: '1700000000999', tenantId: 't' }));
      assert.equal(p.conversation, '19:7f00aa@thread.v2');
      assert.equal(p.messageId, '1700000000999');
      assert.deepEqual(Object.keys(p.query), ['context']);
      assert.deepEqual(JSON.parse(p.query.context), { contextType: 'chat' });
      assert.ok(p.raw.includes('context=%7B%22contextType%22%3A%22chat%22%7D'), p.raw);
    }
  });

  it('no message id, no link; a non-numeric message id has no createdTime', function () {
    assert.equal(messageDeepLink({ conversationId: '19:a@thread.v2', conversationType: 'groupChat', messageId: '' }), undefined);
    const p = parts(messageDeepLink({ conversationId: '19:a@thread.tacv2;messageid=1', conversationType: 'channel', messageId: 'f:abc', tenantId: 't' }));
    assert.equal(p.query.createdTime, undefined);
  });

  it('encodePart encodes what encodeURIComponent leaves', function () {
    assert.equal(encodePart("a(b)c!d'e*f g"), 'a%28b%29c%21d%27e%2Af%20g');
    assert.equal(encodePart('19:x@thread.tacv2'), '19%3Ax%40thread.tacv2');
  });
});
