import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import type { AuditEntry, AuditLog } from '../../../src/approvals/audit-log';
import { historyExportCommand } from '../../../src/commands/history-export';
import { OneTimeDownloads } from '../../../src/exports/one-time-downloads';
import { Texts } from '../../../src/i18n/texts';
import { openInMemorySqliteStorage } from '../../../src/storage/open-sqlite-storage';
import { bob, OUR_TENANT_ID } from '../../support/cast';

const clock = { now: () => new Date('2024-05-01T10:00:00Z') };
const actor = { objectId: bob.aadObjectId, name: bob.name, tenantId: OUR_TENANT_ID };

function world(options: { publicBaseUrl?: string; conversationType?: string }) {
  const entries: AuditEntry[] = [
    { seq: 1, at: '2024-05-01T09:00:00Z', action: 'request.created', actorId: 'a', tenantId: OUR_TENANT_ID },
    // Another tenant's line (from before such activities were dropped): never in our export.
    { seq: 2, at: '2024-05-01T09:01:00Z', action: 'access.denied', actorId: 'x', tenantId: 'other-tenant' },
  ];
  const audit: AuditLog = {
    append: async (entry) => void entries.push({ ...entry, seq: entries.length + 1 }),
    list: async () => [...entries].reverse(),
  };
  const downloads = new OneTimeDownloads({ clock, ttlMs: 600_000, store: openInMemorySqliteStorage().exports });
  const sent: string[] = [];
  const context = {
    activity: { conversation: { conversationType: options.conversationType ?? 'personal' } },
    sendActivity: async (text: string) => void sent.push(text),
  } as unknown as TurnContext;
  const run = historyExportCommand({ audit, downloads, publicBaseUrl: options.publicBaseUrl, clock });
  const turn = { context, actor, texts: new Texts(), isApprover: true, args: {}, dialogs: () => Promise.reject(new Error('no dialogs')) };
  return { entries, downloads, sent, go: () => run(turn) };
}

describe('history export', () => {
  it('without PUBLIC_BASE_URL says it is unavailable and names the setting; nothing is audited', async () => {
    const w = world({});
    await w.go();
    assert.equal(w.sent.length, 1);
    assert.match(w.sent[0], /PUBLIC_BASE_URL/);
    assert.equal(w.entries.length, 2);
  });

  it("gives an approver a link under PUBLIC_BASE_URL whose file has every entry of our tenant, the export included", async () => {
    const w = world({ publicBaseUrl: 'https://bot.example' });
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

  it('gives no link outside personal chat (the route has let only approvers in)', async () => {
    const inChannel = world({ publicBaseUrl: 'https://bot.example', conversationType: 'channel' });
    await inChannel.go();
    assert.match(inChannel.sent[0], /personal chat/);
    assert.doesNotMatch(inChannel.sent.join(' '), /exports\//);
    assert.equal(inChannel.entries.length, 2);
  });
});
