import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { jsonOf, jsonProperties, rowKeyRange, statusOf, tableKey } from './azure-table-entities';
import { jsonWithinLimit } from './item-size';
import type { AuditEntry, AuditLog, AuditQuery } from '../approvals/audit-log';

/** The counter and the entries share a partition so that one transaction can write both. */
const PARTITION = 'audit';
const COUNTER_ROW = 'counter';
const ENTRY = 'entry';
/** `event|<id>`: created in the same transaction as an entry appended once (appendOnce), so a repeat is refused. */
const EVENT = 'event';
/** Row keys hold INVERT_BASE − seq, zero-padded, so the newest entry sorts first. */
const INVERT_BASE = 1e15;
const KEY_DIGITS = 16;
/** A transaction holds at most 100 operations (one is the counter; an entry with an event id costs two) and 4 MiB. */
const MAX_BATCH_OPERATIONS = 99;
const MAX_BATCH_CHARS = 1_000_000;
/** Other processes appending at the same moment make the counter's ETag stale; try again this often. */
const MAX_COMMIT_ATTEMPTS = 50;

type Entity = TableEntity<Record<string, unknown>>;

interface Pending {
  json: string;
  entry: AuditEntry;
  /** Set by appendOnce: the entry is stored at most once under this id. */
  eventId?: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Append-only audit log on Azure Table storage, with strictly increasing `seq` across processes.
 * A counter entity holds the last seq. Each commit is one table transaction: the counter moves from
 * n to n+k (conditional on its ETag) and k entries n+1…n+k are created, so either all of it is
 * stored or nothing is, and no two processes can hand out the same seq. Appends arriving while a
 * commit is in flight wait and go together in the next one (group commit), so a burst of clicks
 * costs a few transactions instead of one contended compare-and-set each.
 * Entries are never updated or deleted by this class.
 */
export class AzureTableAuditLog implements AuditLog {
  private queue: Pending[] = [];
  private committing = false;
  /** The counter as this process last wrote or read it: saves a read when no one else appended. */
  private counter: { seq: number; etag: string } | undefined;
  private readonly appendingEvents = new Map<string, Promise<void>>();

  constructor(
    private readonly table: TableClient,
    private readonly random: () => number = Math.random,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    return this.enqueue(entry);
  }

  /**
   * Appends each entry unless an entry with its event id was appended before (by any process):
   * a request's outbox can be flushed by several instances, or again after a crash, and each line
   * still lands exactly once. Entries keep their order.
   */
  async appendOnce(entries: readonly { eventId: string; entry: AuditEntry }[]): Promise<void> {
    await Promise.all(
      entries.map(({ eventId, entry }) => {
        // Two flushes of one outbox in this process share the append (a transaction may not hold one row twice).
        let appending = this.appendingEvents.get(eventId);
        if (!appending) {
          appending = this.enqueue(entry, eventId).finally(() => this.appendingEvents.delete(eventId));
          this.appendingEvents.set(eventId, appending);
        }
        return appending;
      }),
    );
  }

  private enqueue(entry: AuditEntry, eventId?: string): Promise<void> {
    const { seq: _ignored, ...stored } = entry;
    let json: string;
    try {
      json = jsonWithinLimit(`the audit entry ${stored.action}`, stored);
      if (eventId !== undefined) tableKey(eventId);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ json, entry: stored, resolve, reject, ...(eventId !== undefined ? { eventId } : {}) });
      void this.drain();
    });
  }

  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const range = rowKeyRange(ENTRY);
    let filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${range.from} and RowKey lt ${range.to}`;
    if (query.requestId !== undefined) filter += ` and ${odata`RequestId eq ${query.requestId}`}`;
    if (query.profileId !== undefined) filter += ` and ${odata`ProfileId eq ${query.profileId}`}`;
    const found: AuditEntry[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const seq = Number(entity.Seq);
      if (query.beforeSeq !== undefined && !(seq < query.beforeSeq)) continue;
      const entry = JSON.parse(jsonOf(entity)) as AuditEntry;
      if (query.actions !== undefined && !query.actions.includes(entry.action)) continue;
      found.push({ ...entry, seq });
    }
    // Sorted here: Cosmos DB for Table does not promise row-key order.
    found.sort((a, b) => b.seq! - a.seq!);
    return query.limit === undefined ? found : found.slice(0, query.limit);
  }

  private async drain(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.commit(batch);
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.committing = false;
    }
  }

  private takeBatch(): Pending[] {
    let chars = 0;
    let operations = 0;
    let count = 0;
    while (count < this.queue.length) {
      const pending = this.queue[count];
      operations += pending.eventId !== undefined ? 2 : 1;
      chars += pending.json.length;
      if (count > 0 && (chars > MAX_BATCH_CHARS || operations > MAX_BATCH_OPERATIONS)) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  /** Commits the batch; entries whose event id is already stored are resolved without a second line. */
  private async commit(all: Pending[]): Promise<void> {
    let batch = all;
    for (let attempt = 1; ; attempt++) {
      if (batch.length === 0) return;
      const counter = this.counter ?? (await this.readCounter());
      const last = counter.seq + batch.length;
      const counterEntity: Entity = { partitionKey: PARTITION, rowKey: COUNTER_ROW, Seq: last };
      const actions: TransactionAction[] = [
        counter.etag ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ...batch.flatMap((pending, i): TransactionAction[] => [
          ['create', entryEntity(counter.seq + 1 + i, pending)],
          ...(pending.eventId !== undefined ? [['create', eventEntity(pending.eventId, counter.seq + 1 + i)] as TransactionAction] : []),
        ]),
      ];
      try {
        const response = await this.table.submitTransaction(actions);
        const etag = response.subResponses[0]?.etag;
        this.counter = etag ? { seq: last, etag } : undefined;
        return;
      } catch (error) {
        this.counter = undefined;
        const status = statusOf(error);
        // 412: the counter moved; 409: it was created meanwhile, our seq was taken, or an event was
        // already appended. Drop the events already stored, re-read, retry.
        if ((status !== 412 && status !== 409) || attempt >= MAX_COMMIT_ATTEMPTS) throw error;
        if (status === 409 && batch.some((p) => p.eventId !== undefined)) {
          const stored = await this.storedEvents(batch);
          if (stored.size > 0) {
            batch = batch.filter((p) => p.eventId === undefined || !stored.has(p.eventId));
            continue;
          }
        }
        await sleep(this.random() * Math.min(5 * attempt, 50));
      }
    }
  }

  private async storedEvents(batch: Pending[]): Promise<Set<string>> {
    const ids = batch.map((p) => p.eventId).filter((id): id is string => id !== undefined);
    const found = await Promise.all(
      ids.map((id) =>
        this.table.getEntity(PARTITION, eventRowKey(id)).then(
          () => id,
          (error: unknown) => {
            if (statusOf(error) === 404) return undefined;
            throw error;
          },
        ),
      ),
    );
    return new Set(found.filter((id): id is string => id !== undefined));
  }

  private async readCounter(): Promise<{ seq: number; etag: string }> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(PARTITION, COUNTER_ROW);
      return { seq: Number(entity.Seq), etag: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return { seq: 0, etag: '' };
      throw error;
    }
  }
}

function entryEntity(seq: number, pending: Pending): Entity {
  const { entry } = pending;
  return {
    partitionKey: PARTITION,
    rowKey: `${ENTRY}|${String(INVERT_BASE - seq).padStart(KEY_DIGITS, '0')}`,
    Seq: seq,
    At: entry.at,
    Action: entry.action,
    ActorId: entry.actorId,
    ...(entry.requestId !== undefined ? { RequestId: entry.requestId } : {}),
    ...(entry.profileId !== undefined ? { ProfileId: entry.profileId } : {}),
    ...jsonProperties(pending.json),
  };
}

function eventRowKey(eventId: string): string {
  return `${EVENT}|${tableKey(eventId)}`;
}

function eventEntity(eventId: string, seq: number): Entity {
  return { partitionKey: PARTITION, rowKey: eventRowKey(eventId), Seq: seq };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
