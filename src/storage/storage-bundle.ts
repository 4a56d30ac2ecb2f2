import type { Storage } from 'botbuilder';
import type { AuditLog } from '../approvals/audit-log';
import type { ConversationReferenceStore, RequestStore } from '../approvals/request-store';
import type { ExportStore } from '../exports/export-store';
import type { BulkItemStore } from '../approvals/bulk-items';
import type { ScheduledSlotStore } from '../approvals/scheduled-slots';

/** Everything Token Guard keeps, whichever backend holds it (SQLite, Azure Table + Blob storage). */
export interface StorageBundle {
  requests: RequestStore;
  conversations: ConversationReferenceStore;
  /** For botbuilder-dialogs (ConversationState / UserState), not for approvals. */
  botState: Storage;
  audit: AuditLog;
  /** One-time downloads (history export), shared by every instance. */
  exports: ExportStore;
  /** The profiles of revoke-matching requests, each with its own state. */
  bulkItems: BulkItemStore;
  /** Claims on the slots of scheduled work (the hygiene report): one instance per slot. */
  slots: ScheduledSlotStore;
  close(): void;
}
