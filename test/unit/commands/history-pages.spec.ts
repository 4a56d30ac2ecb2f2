/** history pages: HISTORY_PAGE_SIZE per card, Show more until n entries were shown, on the real SQLite audit log. */
import assert from 'node:assert/strict';
import type { ApprovalService } from '../../../src/approvals/approval-service';
import type { AuditAction } from '../../../src/approvals/audit-log';
import { historyMoreHandler } from '../../../src/card-actions/history-more';
import { HISTORY_PAGE_SIZE } from '../../../src/cards/history-card-view';
import { historyPageAnswer, type HistoryDeps } from '../../../src/commands/history-command';
import { Texts } from '../../../src/i18n/texts';
import type { ProfileCatalog } from '../../../src/intune/profile-catalog';
import { openInMemorySqliteStorage } from '../../../src/storage/open-sqlite-storage';
import type { ClickTurn } from '../../../src/teams/route';
import { cardButtons, cardText, type Card } from '../../support/adaptive-card-reading';

async function depsWith(count: number, profileOf: (i: number) => string = () => 'p1'): Promise<HistoryDeps> {
  const { audit } = openInMemorySqliteStorage();
  for (let i = 0; i < count; i++) {
    const action: AuditAction = i % 4 === 3 ? 'access.denied' : 'request.created'; // denials are not history
    await audit.append({ at: '2024-05-01T09:00:00.000Z', action, actorId: 'a', actorName: 'Alice', profileId: profileOf(i), detail: `E${i}` });
  }
  return { audit, catalog: {} as ProfileCatalog, service: { get: async () => undefined } as unknown as ApprovalService };
}

const texts = new Texts();
const tags = (card: Card) => [...cardText(card).matchAll(/\bE(\d+)\b/g)].map((m) => Number(m[1]));

/** Pages through with the Show more handler, as a click would; returns the tags seen and the pages. */
async function pageThrough(deps: HistoryDeps, first: Card): Promise<{ seen: number[]; pages: number }> {
  const more = historyMoreHandler(deps);
  const seen = tags(first);
  let card = first;
  let pages = 1;
  for (let button = cardButtons(card).find((b) => b.verb === 'history-more'); button; button = cardButtons(card).find((b) => b.verb === 'history-more')) {
    const answer = await more({ data: button.data ?? {}, texts } as unknown as ClickTurn);
    assert.ok('card' in answer, JSON.stringify(answer));
    card = answer.card as Card;
    seen.push(...tags(card));
    pages++;
  }
  return { seen, pages };
}

describe('history pages (commands/history-command.ts, card-actions/history-more.ts)', () => {
  it('shows the newest n entries over pages of HISTORY_PAGE_SIZE, each once, newest first', async () => {
    const deps = await depsWith(80);
    const history = Array.from({ length: 80 }, (_, i) => 79 - i).filter((i) => i % 4 !== 3);
    const answer = await historyPageAnswer(deps, texts, { shown: 0, limit: 50 });
    assert.ok('card' in answer);
    assert.equal(tags(answer.card as Card).length, HISTORY_PAGE_SIZE);
    assert.deepEqual(cardButtons(answer.card as Card).find((b) => b.verb === 'history-more')?.title, 'Show more');
    const { seen, pages } = await pageThrough(deps, answer.card as Card);
    assert.deepEqual(seen, history.slice(0, 50));
    assert.equal(pages, Math.ceil(50 / HISTORY_PAGE_SIZE));
  });

  it('stops when the log ends before n, and shows no Show more on a page that is all there is', async () => {
    const deps = await depsWith(15);
    const answer = await historyPageAnswer(deps, texts, { shown: 0, limit: 50 });
    assert.ok('card' in answer);
    const { seen } = await pageThrough(deps, answer.card as Card);
    assert.deepEqual(seen, [14, 13, 12, 10, 9, 8, 6, 5, 4, 2, 1, 0]);
    const small = await historyPageAnswer(await depsWith(3), texts, { shown: 0, limit: 20 });
    assert.ok('card' in small);
    assert.equal(cardButtons(small.card as Card).length, 0);
  });

  it('keeps to one profile across pages', async () => {
    const deps = await depsWith(60, (i) => (i % 2 ? 'p-odd' : 'p-even'));
    const answer = await historyPageAnswer(deps, texts, { profileId: 'p-odd', profileName: 'Odd', shown: 0, limit: 50 });
    assert.ok('card' in answer);
    const { seen } = await pageThrough(deps, answer.card as Card);
    assert.deepEqual(seen, Array.from({ length: 60 }, (_, i) => 59 - i).filter((i) => i % 2 === 1 && i % 4 !== 3));
  });

  it('refuses Show more data it cannot use', async () => {
    const more = historyMoreHandler(await depsWith(5));
    for (const data of [{}, { beforeSeq: 'x', shown: 10, limit: 20 }, { beforeSeq: 3, shown: 20, limit: 20 }, { beforeSeq: 3, shown: 10, limit: 51 }, { beforeSeq: 3, shown: 10, limit: 20, profileId: 'p'.repeat(201) }]) {
      assert.deepEqual(await more({ data, texts } as unknown as ClickTurn), { message: texts.malformedAction() }, JSON.stringify(data));
    }
  });
});
