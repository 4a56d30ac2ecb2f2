import assert from 'node:assert/strict';
import { Texts } from '../../src/i18n/texts';
import { routeTable, type RouteDeps } from '../../src/routes';

/** The table needs its pieces only when a handler runs: reading it needs none. */
const table = routeTable({} as RouteDeps);

describe('the route table (src/routes.ts)', () => {
  it('gives every chat command, in English and Portuguese, its permission and what it loads', () => {
    const rows = table.commands.map((route) => [route.words.join(' | '), route.action, route.loads ? 'request named in text' : '-']);
    assert.deepEqual(rows, [
      ['help | ? | ajuda', 'anyone-in-tenant', '-'],
      ['revoke | revogar', 'request', '-'],
      ['rotate | rotacionar', 'request', '-'],
      ['revoke-matching | revogar-varios | revogar-vários', 'request', '-'],
      ['cancel | cancelar', 'cancel', 'request named in text'],
      ['cancel | cancelar', 'anyone-in-tenant', '-'],
      ['list | listar', 'inspect', '-'],
      ['show | mostrar', 'inspect', '-'],
      ['pending | pendentes', 'inspect', '-'],
      ['history | historico | histórico', 'export', '-'],
      ['history | historico | histórico', 'inspect', '-'],
      ['whoami | quemsoueu', 'anyone-in-tenant', '-'],
      ['doctor | diagnostico | diagnóstico', 'diagnose', '-'],
      ['report | relatorio | relatório', 'report', '-'],
    ]);
  });

  it('gives every card verb its permission and what it loads', () => {
    const rows = table.verbs.map((route) => [route.verb, route.action, route.loads ?? '-']);
    assert.deepEqual(rows, [
      ['approve', 'approve', 'request-in-card'],
      ['reject', 'reject', 'request-in-card'],
      ['cancel', 'cancel', 'request-in-card'],
      ['refresh', 'view', 'request-in-card'],
      ['list-more', 'inspect', '-'],
      ['request-revoke', 'request', '-'],
      ['history-more', 'inspect', '-'],
      ['report-more', 'report', '-'],
    ]);
  });

  it('routes sub-commands by their arguments: `history export` before `history`, `cancel <request>` before `cancel`', () => {
    const [exportRoute, historyRoute] = table.commands.filter((route) => route.words.includes('history'));
    assert.deepEqual(exportRoute.parse('exportar'), {});
    assert.equal(exportRoute.parse('Kiosk Porto 5'), undefined, 'anything else is plain history');
    assert.deepEqual(historyRoute.parse('Kiosk Porto 5'), { profileQuery: 'Kiosk Porto', limit: 5 });
    const [cancelRequest, stopQuestion] = table.commands.filter((route) => route.words.includes('cancel'));
    assert.deepEqual(cancelRequest.parse('0b5c-11'), { requestId: '0b5c-11' });
    assert.equal(cancelRequest.parse(''), undefined);
    assert.deepEqual(stopQuestion.parse(''), {});
    assert.equal(cancelRequest.dialog, 'keeps');
    assert.equal(stopQuestion.dialog, 'keeps');
  });

  it('words an export refused to a non-approver its own way, and leaves other denials to the general sentence', () => {
    const exportRoute = table.commands.find((route) => route.action === 'export')!;
    const texts = new Texts();
    assert.equal(exportRoute.denied?.('not-approver', texts), texts.exportApproversOnly());
    assert.equal(exportRoute.denied?.('wrong-tenant', texts), undefined);
  });

  it('has no word or verb twice except where sub-routes share a word', () => {
    const verbs = table.verbs.map((route) => route.verb);
    assert.equal(new Set(verbs).size, verbs.length);
    const firstWords = table.commands.map((route) => route.words[0]);
    assert.deepEqual([...new Set(firstWords)].filter((word) => firstWords.filter((w) => w === word).length > 1), ['cancel', 'history']);
  });

  it('answers the other messages behind the filter: the revoke dialog\'s questions as much as asking', () => {
    const other = table.otherMessages;
    assert.deepEqual([other.empty.action, other.tooLong.action, other.unknown.action, other.answer.action], ['anyone-in-tenant', 'anyone-in-tenant', 'anyone-in-tenant', 'request']);
  });
});
