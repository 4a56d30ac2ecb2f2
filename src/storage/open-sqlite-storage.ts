import type { Storage } from 'botbuilder';
import type { AuditLog } from '../approvals/audit-log';
import { SqliteAuditLog } from './sqlite-audit-log';
import type { Clock } from '../support/clock';
import type { ConversationReferenceStore, RequestStore } from '../approvals/request-store';
import { SqliteBotStateStorage } from './sqlite-bot-state-storage';
import { SqliteConversationReferenceStore } from './sqlite-conversation-reference-store';
import { openInMemorySqliteDatabase, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';
import { SqliteRequestStore } from './sqlite-request-store';
import { SqliteExportStore } from './sqlite-export-store';
import type { ExportStore } from '../exports/export-store';
import type { BulkItemStore } from '../approvals/bulk-items';
import { SqliteBulkItemStore } from './sqlite-bulk-item-store';
import type { ScheduledSlotStore } from '../approvals/scheduled-slots';
import { SqliteScheduledSlots } from './sqlite-scheduled-slots';

/** Everything Token Guard keeps, on one SQLite database. */
export interface SqliteStorage {
  requests: RequestStore;
  conversations: ConversationReferenceStore;
  /** For botbuilder-dialogs (ConversationState / UserState), not for approvals. */
  botState: Storage;
  audit: AuditLog;
  exports: ExportStore;
  bulkItems: BulkItemStore;
  slots: ScheduledSlotStore;
  close(): void;
}

/** Opens `<dataDir>/token-guard.db` (creating the directory and schema if needed). */
export function openSqliteStorage(dataDir: string, clock?: Clock): SqliteStorage {
  return storageOn(openSqliteDatabase(dataDir), clock);
}

/** Same stores on a private in-memory database: for tests and the local simulator. */
export function openInMemorySqliteStorage(clock?: Clock): SqliteStorage {
  return storageOn(openInMemorySqliteDatabase(), clock);
}

function storageOn(db: SqliteDatabase, clock?: Clock): SqliteStorage {
  return {
    requests: new SqliteRequestStore(db),
    conversations: new SqliteConversationReferenceStore(db, clock),
    botState: new SqliteBotStateStorage(db),
    audit: new SqliteAuditLog(db),
    exports: new SqliteExportStore(db),
    bulkItems: new SqliteBulkItemStore(db),
    slots: new SqliteScheduledSlots(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
