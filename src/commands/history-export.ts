/**
 * `history export` (`historico exportar`): the whole audit trail as a JSON Lines file, for
 * compliance. Approvers only (the route's 'export' action), and only in personal chat: a bot
 * cannot attach a file in channels or group chats, and a link posted there would be seen (and
 * could be used first) by everyone in them. The answer is a one-time link under PUBLIC_BASE_URL
 * (served by server.ts at GET /exports/<token>), valid for a few minutes; the export is audited.
 */
import { auditAsJsonLines, EXPORT_CONTENT_TYPE, exportFileName } from '../audit/audit-export';
import type { AuditLog } from '../approvals/audit-log';
import type { OneTimeDownloads } from '../exports/one-time-downloads';
import type { Clock } from '../support/clock';
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

/** How long a download link works (once). */
export const EXPORT_LINK_MINUTES = 10;

export interface HistoryExportDeps {
  audit: AuditLog;
  downloads: OneTimeDownloads;
  /** PUBLIC_BASE_URL; undefined: exports are unavailable and the answer says which setting to set. */
  publicBaseUrl?: string;
  clock: Clock;
}

export function historyExportCommand(deps: HistoryExportDeps): CommandHandler<NoArguments> {
  return async ({ context, actor, texts }) => {
    if (context.activity.conversation?.conversationType !== 'personal') return void (await context.sendActivity(texts.exportPersonalOnly()));
    if (!deps.publicBaseUrl) return void (await context.sendActivity(texts.exportUnavailable()));

    const now = deps.clock.now();
    // Audited first, so the file also shows who took it.
    await deps.audit.append({
      at: now.toISOString(),
      action: 'audit.exported',
      actorId: actor.objectId!,
      actorName: actor.name,
      ...(actor.tenantId ? { tenantId: actor.tenantId } : {}),
      outcome: 'link',
    });
    // Our tenant's lines only: the log may hold lines about other tenants' attempts.
    const entries = (await deps.audit.list()).filter((entry) => entry.tenantId !== undefined && entry.tenantId === actor.tenantId);
    const fileName = exportFileName(now);
    const token = await deps.downloads.offer({ fileName, contentType: EXPORT_CONTENT_TYPE, body: auditAsJsonLines(entries) });
    const url = `${deps.publicBaseUrl}/exports/${token}`;
    const minutes = Math.round(deps.downloads.ttlMs / 60_000);
    await context.sendActivity(`${texts.exportReady(entries.length, fileName)}\n\n${texts.exportLink(url, minutes)}`);
  };
}
