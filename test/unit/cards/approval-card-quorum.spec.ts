/** The approval card of a request that needs several approvers: "1 of 2 approvals", who gave them, and who may still approve. */
import { strict as assert } from 'node:assert';
import { applyEvent, type RevokeRequest } from '../../../src/approvals/revoke-request';
import { buildApprovalCard, type CardViewer } from '../../../src/cards/approval-card-view';
import { pendingCardData } from '../../../src/cards/pending-card-view';
import { ptBr } from '../../../src/i18n/pt-br';
import { erin, personOf } from '../../support/cast';
import { cardFacts, cardText, textRuns, topLevelActions, visibleTexts, type Card } from '../../support/adaptive-card-reading';
import { checkAdaptiveCard } from './parse-adaptive-card';
import { APPROVER, DECIDED_AT, NOW, pendingRequest } from './revoke-request-fixture';

const SECOND = personOf(erin);
const needsTwo = () => pendingRequest({ approvalsRequired: 2, approvals: [] });
const approvedOnce = () => applyEvent(needsTwo(), { type: 'approve', by: APPROVER, at: DECIDED_AT });
const render = (request: RevokeRequest, viewer: CardViewer, messages?: typeof ptBr) =>
  buildApprovalCard(request, viewer, { now: NOW, ...(messages ? { messages } : {}) }) as Card;
const buttonTitles = (card: Card) => topLevelActions(card).map((b) => b.title);

describe('approval card with several approvers', () => {
  it('before any approval says 0 of 2 and how many approvers it needs', () => {
    const card = render(needsTwo(), 'shared');
    assert.ok(visibleTexts(card).includes('Waiting for approvals: 0 of 2'));
    assert.ok(visibleTexts(card).includes('0 of 2 approvals'));
    assert.match(cardText(card), /needs 2 different approvers \(never the person who asked\)/);
    assert.deepEqual(buttonTitles(card), ['Approve', 'Reject', 'Cancel request']);
  });

  it('after the first approval shows 1 of 2 and who gave it, to everyone', () => {
    for (const viewer of ['shared', 'approver', 'requester', 'observer', 'earlier-approver'] as const) {
      const card = render(approvedOnce(), viewer);
      assert.ok(visibleTexts(card).includes('1 of 2 approvals'), viewer);
      assert.ok(textRuns(card).includes(`Approved by ${APPROVER.name}`), viewer);
      assert.ok(visibleTexts(card).includes('Waiting for approvals: 1 of 2'), viewer);
      assert.deepEqual(checkAdaptiveCard(card).parseEvents, [], viewer);
      assert.deepEqual(checkAdaptiveCard(card).validationEvents, [], viewer);
    }
  });

  it('gives an approver who already approved no Approve button, and says they wait for another approver', () => {
    const card = render(approvedOnce(), 'earlier-approver');
    assert.deepEqual(buttonTitles(card), ['Reject']);
    assert.match(cardText(card), /You approved this request\. It waits for another approver/);
    assert.deepEqual(buttonTitles(render(approvedOnce(), 'approver')), ['Approve', 'Reject']);
    assert.deepEqual(buttonTitles(render(approvedOnce(), 'requester')), ['Cancel request']);
  });

  it('once approved by both names both as approvers and no longer counts', () => {
    const approved = applyEvent(approvedOnce(), { type: 'approve', by: SECOND, at: DECIDED_AT });
    const card = render(approved, 'observer');
    const both = `${APPROVER.name} and ${SECOND.name}`;
    assert.equal(cardFacts(card)['Approved by'], both);
    assert.ok(visibleTexts(card).includes(`Approved by ${both} — revoking…`));
    assert.ok(!cardText(card).includes('of 2 approvals'));
    assert.deepEqual(buttonTitles(card), []);
  });

  it('rejected after one approval shows the approval given and who rejected', () => {
    const rejected = applyEvent(approvedOnce(), { type: 'reject', by: SECOND, at: DECIDED_AT, reason: 'wrong profile' });
    const card = render(rejected, 'observer');
    assert.equal(cardFacts(card)['Rejected by'], SECOND.name);
    assert.ok(visibleTexts(card).includes('1 of 2 approvals'));
  });

  it('shows approvers’ names as plain text (TextRun), never as markdown or a template', () => {
    const tricky = { id: APPROVER.id, name: '[Bob](https://evil.example) **B** ${labels.approve}' };
    const card = render(applyEvent(needsTwo(), { type: 'approve', by: tricky, at: DECIDED_AT }), 'shared');
    const line = `Approved by ${tricky.name}`;
    assert.ok(textRuns(card).includes(line));
    assert.ok(!visibleTexts(card).some((t) => t !== line && t.includes('evil.example')));
    assert.deepEqual(checkAdaptiveCard(card).parseEvents, []);
  });

  it('speaks Portuguese too', () => {
    const card = render(approvedOnce(), 'earlier-approver', ptBr);
    assert.ok(visibleTexts(card).includes('1 de 2 aprovações'));
    assert.ok(visibleTexts(card).includes('Aguardando aprovações: 1 de 2'));
    assert.match(cardText(card), /Você aprovou esta solicitação/);
  });

  it('looks exactly as before for a single-approver request', () => {
    const single = render(pendingRequest(), 'shared');
    assert.ok(visibleTexts(single).includes('Waiting for approval'));
    assert.ok(!cardText(single).includes('approvals'));
  });

  it('the pending list says how far each such request is', () => {
    const rows = pendingCardData([approvedOnce(), pendingRequest({ id: 'req-0002' })], NOW).rows;
    assert.match(rows[0].summary, /^Android Device Owner · waiting for approval · 1 of 2 approvals · Asked by /);
    assert.doesNotMatch(rows[1].summary, /approvals/);
  });
});
