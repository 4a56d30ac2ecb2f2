import assert from 'node:assert/strict';
import { auditAsJsonLines, exportFileName } from '../../../src/audit/audit-export';
import type { AuditEntry } from '../../../src/approvals/audit-log';

describe('auditAsJsonLines', () => {
  it('one JSON object per line, oldest first, only the audit fields', () => {
    const newestFirst = [
      { seq: 2, at: '2024-05-01T10:01:00Z', action: 'request.approved', actorId: 'b', requestId: 'r1', stray: 'not exported' },
      { seq: 1, at: '2024-05-01T10:00:00Z', action: 'request.created', actorId: 'a', actorName: 'Ana', requestId: 'r1', detail: 'why' },
    ] as (AuditEntry & { stray?: string })[];
    const text = auditAsJsonLines(newestFirst);
    assert.ok(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(lines, [
      { seq: 1, at: '2024-05-01T10:00:00Z', action: 'request.created', actorId: 'a', actorName: 'Ana', requestId: 'r1', detail: 'why' },
      { seq: 2, at: '2024-05-01T10:01:00Z', action: 'request.approved', actorId: 'b', requestId: 'r1' },
    ]);
  });

  it('no entries: an empty file', () => {
    assert.equal(auditAsJsonLines([]), '');
  });

  it('names the file after the time', () => {
    assert.equal(exportFileName(new Date('2024-05-01T10:02:03.456Z')), 'token-guard-audit-20240501T100203Z.jsonl');
  });
});
