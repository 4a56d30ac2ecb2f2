import assert from 'node:assert/strict';
import { buildApprovalCard } from '../../../src/cards/approval-card-view';
import { en } from '../../../src/i18n/en';
import { ptBr } from '../../../src/i18n/pt-br';
import { CardRenderCache } from '../../../src/teams/card-render-cache';
import { CardViews } from '../../../src/teams/card-views';
import { cardButtons, cardText, type Card } from '../../support/adaptive-card-reading';
import { APPROVER, EXPIRES_AT, NOW, REQUESTER, pendingRequest, requestIn } from '../cards/revoke-request-fixture';

const fixedClock = (at: Date) => ({ now: () => at });
const approverActor = { objectId: APPROVER.id, name: APPROVER.name, tenantId: 'tenant-1' };
const requesterActor = { objectId: REQUESTER.id, name: REQUESTER.name, tenantId: 'tenant-1' };
const buttons = (card: object) => cardButtons(card as Card).map((b) => b.title);

/** A cache whose renders are counted. */
function counted(maxCards?: number) {
  const cache = new CardRenderCache(maxCards);
  let renders = 0;
  const card = (request = pendingRequest(), viewer: 'approver' | 'requester' | 'shared' = 'approver', messages = en, now = NOW, refreshUserIds?: string[]) =>
    cache.card({ request, viewer, messages, now, refreshUserIds }, () => {
      renders++;
      return buildApprovalCard(request, viewer, { now, messages, refreshUserIds });
    });
  return { cache, card, renders: () => renders };
}

describe('card render cache', () => {
  it('renders a version of a request once per viewer and language, and hands out that card again', () => {
    const { card, renders, cache } = counted();
    const first = card();
    assert.equal(card(), first);
    assert.equal(renders(), 1);
    assert.notEqual(card(pendingRequest(), 'requester'), first);
    assert.notEqual(card(pendingRequest(), 'approver', ptBr), first);
    assert.equal(renders(), 3);
    assert.deepEqual(cache.stats(), { hits: 1, misses: 3, size: 3 });
  });

  it('renders again for a new version, a new state, a new refresh list, or once the clock passes the expiry', () => {
    const { card, renders } = counted();
    const pending = card();
    const decided = card(requestIn('approved'));
    assert.ok(cardText(decided as Card).includes(APPROVER.name), 'the approved card names the approver');
    assert.notDeepEqual(decided, pending);
    card(pendingRequest({ version: 7 }));
    card(pendingRequest(), 'approver', en, NOW, ['29:someone']);
    const expired = card(pendingRequest(), 'approver', en, new Date(Date.parse(EXPIRES_AT) + 1));
    assert.deepEqual(buttons(expired), [], 'an overdue pending request offers no buttons');
    assert.ok(buttons(pending).length > 0);
    assert.equal(renders(), 5);
    card(pendingRequest(), 'approver', en, new Date(Date.parse(EXPIRES_AT) - 1));
    assert.equal(renders(), 5, 'before the expiry the clock does not change the card');
  });

  it('keeps at most its size, dropping the card read least recently', () => {
    const { card, renders } = counted(2);
    const version = (v: number) => pendingRequest({ version: v });
    card(version(1));
    card(version(2));
    card(version(1)); // read: now the most recent
    card(version(3)); // drops version 2
    assert.equal(renders(), 3);
    card(version(1));
    assert.equal(renders(), 3);
    card(version(2));
    assert.equal(renders(), 4);
  });

  it('hands out frozen cards, so no caller can change the card everyone else gets', () => {
    const { card } = counted();
    const shared = card() as { body: unknown[]; actions?: unknown[] };
    assert.throws(() => shared.body.push({ type: 'TextBlock', text: 'changed' }), TypeError);
    assert.throws(() => ((shared as Record<string, unknown>).version = '9'), TypeError);
    assert.equal((card() as { body: unknown[] }).body.length, shared.body.length);
  });

  it('is what the card views pass through: a reader\'s card is the same object until the request changes', async () => {
    const renders = new CardRenderCache();
    const views = new CardViews({ clock: fixedClock(NOW), isApprover: async (id) => id === APPROVER.id, renders });
    const request = pendingRequest();
    const approverCard = await views.forReader(request, approverActor);
    assert.equal(await views.forReader(request, approverActor), approverCard);
    assert.deepEqual(buttons(approverCard), buttons(buildApprovalCard(request, 'approver', { now: NOW })));
    const requesterCard = await views.forReader(request, requesterActor);
    assert.notDeepEqual(buttons(requesterCard), buttons(approverCard));
    assert.equal(views.shared(request), views.shared(request));
    assert.deepEqual(renders.stats(), { hits: 2, misses: 3, size: 3 });
    const approved = requestIn('approved');
    assert.deepEqual(views.shared(approved), buildApprovalCard(approved, 'shared', { now: NOW, refreshUserIds: [] }));
  });
});
