/**
 * The SQLite schema, as an append-only list of migrations. Never edit a released migration:
 * add a new one. Migration N brings the schema from version N-1 to N.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: requests, conversation references, bot state, append-only audit.
  `
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX requests_state ON requests (state, created_at);
  CREATE INDEX requests_tenant_profile_state ON requests (tenant_id, profile_id, state);
  CREATE INDEX requests_expires_at ON requests (expires_at);
  -- One open request per profile, enforced by the database so that two processes cannot both open one.
  CREATE UNIQUE INDEX requests_one_open_per_profile ON requests (tenant_id, profile_id)
    WHERE state IN ('pending', 'approved', 'executing');

  CREATE TABLE conversation_references (
    key TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    json TEXT NOT NULL
  );

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    request_id TEXT,
    profile_id TEXT,
    json TEXT NOT NULL
  );
  CREATE INDEX audit_request ON audit (request_id, seq);
  CREATE INDEX audit_profile ON audit (profile_id, seq);
  -- The audit history must not be rewritten, not even by a bug in this program.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 2: finished requests whose result is still to be posted are found by every instance's recovery
  // loop without a scan; one-time export downloads live in the database, so any instance serves them.
  `
  CREATE INDEX requests_result_to_post ON requests (json_extract(json, '$.resultToPost'))
    WHERE json_extract(json, '$.resultToPost') = 1;

  CREATE TABLE exports (
    token_hash TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    taken_at TEXT,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body TEXT
  );
  CREATE INDEX exports_expires_at ON exports (expires_at);
  `,
  // 3: the profiles of a revoke-matching request, each with its own state (approvals/bulk-items.ts).
  `
  CREATE TABLE bulk_items (
    request_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    display_name TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (request_id, profile_id)
  );
  `,
  // 4: claims on the slots of scheduled work (the hygiene report), one row per slot: whoever inserts it does the work.
  `
  CREATE TABLE scheduled_slots (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  `,
];
