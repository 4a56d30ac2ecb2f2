/**
 * Fills a DATA_DIR's SQLite store before the bot starts, through the product's own stores (so
 * rows look exactly like the bot's), inside one transaction per batch so 100,000 requests take
 * seconds. The stores' methods are async in signature but synchronous inside (better-sqlite3),
 * so calling them within db.transaction really writes within the transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Person, ProfileSnapshot, RevokeRequest } from '../../src/approvals/revoke-request';
import { SqliteAuditLog } from '../../src/storage/sqlite-audit-log';
import { openSqliteDatabase } from '../../src/storage/sqlite-database';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';

export interface SeedPeople {
  tenantId: string;
  requester: Person;
  approver: Person;
}

export interface PendingSeed extends SeedPeople {
  profiles: ProfileSnapshot[];
  /** Where the approval cards are: the conversation the approvals will be clicked in. */
  conversationKey: string;
  conversationType: string;
  requesterTeamsId: string;
}

const BATCH = 5_000;

/** One pending request per profile (the store allows one open request per profile); returns their ids in order. */
export function seedPendingRequests(dataDir: string, seed: PendingSeed): string[] {
  const now = Date.now();
  const requests = seed.profiles.map((profile, i): RevokeRequest => ({
    id: randomUUID(),
    version: 1,
    state: 'pending',
    tenantId: seed.tenantId,
    profile,
    requester: seed.requester,
    justification: `Bench request ${i}: token shared outside the team`,
    createdAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 24 * 3_600_000).toISOString(),
    location: {
      conversationKey: seed.conversationKey,
      conversationType: seed.conversationType,
      cardActivityId: `1700000000${String(i).padStart(6, '0')}`,
      requesterTeamsId: seed.requesterTeamsId,
    },
  }));
  write(dataDir, requests, (request) => [
    { at: request.createdAt, action: 'request.created', actorId: request.requester.id, actorName: request.requester.name, detail: request.justification },
  ]);
  return requests.map((r) => r.id);
}

/** `count` requests that went the whole way (created, approved, revoked), with their four audit entries each. */
export function seedCompletedRequests(dataDir: string, count: number, people: SeedPeople, profiles: ProfileSnapshot[]): void {
  const start = Date.now() - count * 60_000;
  const requests: RevokeRequest[] = [];
  for (let i = 0; i < count; i++) {
    const created = new Date(start + i * 60_000);
    const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000).toISOString();
    requests.push({
      id: randomUUID(),
      version: 4,
      state: 'succeeded',
      tenantId: people.tenantId,
      profile: profiles[i % profiles.length],
      requester: people.requester,
      justification: `Completed bench request ${i}: device lost`,
      createdAt: at(0),
      expiresAt: at(24 * 60),
      location: { conversationKey: `19:bench-history-${i % 50}@thread.tacv2;messageid=${i}`, conversationType: 'channel', cardActivityId: String(1_600_000_000_000 + i) },
      decision: { by: people.approver, at: at(5) },
      executionStartedAt: at(5),
      executionAttempts: 1,
      outcome: { at: at(6), attempts: 1, graphRequestId: randomUUID() },
    });
  }
  write(dataDir, requests, (request) => [
    { at: request.createdAt, action: 'request.created', actorId: request.requester.id, actorName: request.requester.name, detail: request.justification },
    { at: request.decision!.at, action: 'request.approved', actorId: request.decision!.by.id, actorName: request.decision!.by.name },
    { at: request.executionStartedAt!, action: 'revoke.started', actorId: 'system' },
    { at: request.outcome!.at, action: 'revoke.succeeded', actorId: 'system', outcome: 'succeeded', graphRequestId: request.outcome!.graphRequestId },
  ]);
}

type AuditDraft = Parameters<SqliteAuditLog['append']>[0];

function write(dataDir: string, requests: RevokeRequest[], auditOf: (r: RevokeRequest) => AuditDraft[]): void {
  const db = openSqliteDatabase(dataDir);
  try {
    const store = new SqliteRequestStore(db);
    const audit = new SqliteAuditLog(db);
    const insertBatch = db.transaction((batch: RevokeRequest[]) => {
      for (const request of batch) {
        void store.insert(request);
        for (const entry of auditOf(request)) void audit.append({ ...entry, tenantId: request.tenantId, requestId: request.id, profileId: request.profile.id });
      }
    });
    for (let i = 0; i < requests.length; i += BATCH) insertBatch(requests.slice(i, i + BATCH));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
