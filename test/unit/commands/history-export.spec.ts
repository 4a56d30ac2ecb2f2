import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import type { AccessFilter } from '../../../src/authorization/access-filter';
import type { AuditEntry, AuditLog } from '../../../src/approvals/audit-log';
import { historyExport } from '../../../src/commands/history-export';
import { OneTimeDownloads } from '../../../src/exports/one-time-downloads';
import { Texts } from '../../../src/i18n/texts';
import { openInMemorySqliteStorage } from '../../../src/storage/open-sqlite-storage';

const clock = { now: () => new Date('2024-05-01T10:00:00Z') };
const actor = { objectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob', tenantId: 't' };

function world(options: { approver: boolean; publicBaseUrl?: string; conversationType?: string }) {
  const entries: AuditEntry[] = [
    { seq: 1, at: '2024-05-01T09:00:00Z', action: 'request.created', actorId: 'a', tenantId: 't' },
    // Another tenant's line (from before such activities were dropped): never in our export.
    { seq: 2, at: '2024-05-01T09:01:00Z', action: 'access.denied', actorId: 'x', tenantId: 'other-tenant' },
  ];
  const audit: AuditLog = {
    append: async (entry) => void entries.push({ ...entry, seq: entries.length + 1 }),
    list: async () => [...entries].reverse(),
  };
  const filter = {
    check: async () => (options.approver ? { allowed: true, isApprover: true } : { allowed: false, reason: 'not-approver' }),
  } as unknown as AccessFilter;
  const downloads = new OneTimeDownloads({ clock, ttlMs: 600_000, store: openInMemorySqliteStorage().exports });
  const sent: string[] = [];
  const context = {
    activity: { conversation: { conversationType: options.conversationType ?? 'personal' } },
    sendActivity: async (text: string) => void sent.push(text),
  } as unknown as TurnContext;
  const run = historyExport({ audit, filter, downloads, publicBaseUrl: options.publicBaseUrl, clock });
  return { entries, downloads, sent, go: () => run({ context, actor, texts: new Texts() }) };
}

describe('history export', () => {
  it('without PUBLIC_BASE_URL says it is unavailable and names the setting; nothing is audited', async () => {
    const w = world({ approver: true });
    await w.go();
    assert.equal(w.sent.length, 1);
    assert.match(w.sent[0], /PUBLIC_BASE_URL/);
    assert.equal(w.entries.length, 2);
  });

  it("gives an approver a link under PUBLIC_BASE_URL whose file has every entry of our tenant, the export included", async () => {
    const w = world({ approver: true, publicBaseUrl: 'https://bot.example' });
    await w.go();
    const token = /https:\/\/bot\.example\/exports\/([A-Za-z0-9_-]{43})/.exec(w.sent[0])?.[1];
    assert.ok(token, w.sent[0]);
    assert.match(w.sent[0], /2 entries/);
    const taken = await w.downloads.take(token);
    assert.equal(taken.found, 'ready');
    const lines = taken.found === 'ready' ? taken.download.body.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry) : [];
    assert.deepEqual(lines.map((l) => l.action), ['request.created', 'audit.exported']);
    assert.equal(lines[1].actorId, actor.objectId);
  });

  it('refuses a non-approver, and gives no link outside personal chat', async () => {
    const refused = world({ approver: false, publicBaseUrl: 'https://bot.example' });
    await refused.go();
    assert.match(refused.sent[0], /Only Token Guard approvers/);
    const inChannel = world({ approver: true, publicBaseUrl: 'https://bot.example', conversationType: 'channel' });
    await inChannel.go();
    assert.match(inChannel.sent[0], /personal chat/);
    assert.doesNotMatch(inChannel.sent.join(' '), /exports\//);
    assert.equal(inChannel.entries.length, 2);
  });
});
