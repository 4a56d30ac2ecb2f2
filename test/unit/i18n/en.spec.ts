import { strict as assert } from 'node:assert';
import type { FailureKind, RevokeFailure } from '../../../src/approvals/revoke-request';
import { en, type Messages } from '../../../src/i18n/en';
import { messagesForLocale } from '../../../src/i18n/locale';
import { ptBr } from '../../../src/i18n/pt-br';
import { formatUtc } from '../../../src/i18n/format-utc';
import type { DenialKey } from '../../../src/i18n/message-params';

/**
 * Arguments for every message function, at the same path as in the messages. The type makes
 * the compiler demand an entry for each function a language file has, so none goes untested.
 */
type Samples<T> = {
  [K in keyof T as T[K] extends string ? never : K]: T[K] extends (...args: infer A) => string ? A : Samples<T[K]>;
};

const FAILURE: RevokeFailure = { kind: 'throttled', status: 429, message: 'Too many requests', graphRequestId: 'g-429', retryAfterSeconds: 30 };

const SAMPLES: Samples<Messages> = {
  command: { unknown: [{ word: 'revok', suggestion: 'revoke' }], tooLong: [{ length: 2500, max: 2000 }] },
  request: {
    askJustification: [{ profileName: 'Warehouse scanners' }],
    justificationTooLong: [{ max: 500 }],
    chooseProfile: [
      {
        query: 'Kiosk',
        profiles: [
          { id: 'id-1', displayName: 'Kiosk', enrollmentMode: 'corporateOwnedDedicatedDevice' },
          { id: 'id-2', displayName: 'kiosk', enrollmentMode: 'corporateOwnedWorkProfile' },
        ],
      },
    ],
    chooseProfileRetry: [{ count: 2 }],
    unknownProfile: [{ query: 'Kiosk', suggestions: [{ id: 'id-1', displayName: 'Kiosk Porto', enrollmentMode: 'corporateOwnedDedicatedDevice' }] }],
    lookupFailed: [{ failure: FAILURE }],
    alreadyOpen: [
      { requestId: 'req-1', profileName: 'Kiosk', requesterName: 'Ana', createdAt: '2024-05-01T10:00:00.000Z', expiresAt: '2024-05-02T10:00:00.000Z' },
    ],
    created: [{ requestId: 'req-1', profileName: 'Kiosk', expiresAt: '2024-05-02T10:00:00.000Z' }],
  },
  refusal: {
    'unknown-request': [{ requestId: 'req-1' }],
    'not-pending': [{ requestId: 'req-1', state: 'rejected', decidedBy: 'Bruno', decidedAt: '2024-05-01T11:00:00.000Z' }],
    expired: [{ requestId: 'req-1', expiredAt: '2024-05-02T10:00:00.000Z' }],
    'reason-required': [],
    busy: [],
    'already-approved': [],
  },
  denial: {},
  invoke: { approvedRevoking: [{ approverName: 'Bruno' }] },
  outcome: {
    succeeded: [{ requestId: 'req-1', profileName: 'Kiosk', revokedAt: '2024-05-01T11:00:07.890Z', approverName: 'Bruno', graphRequestId: 'g-ok' }],
    failed: [{ requestId: 'req-1', profileName: 'Kiosk', failedAt: '2024-05-01T11:00:07.890Z', failure: FAILURE }],
  },
  failureExplanation: [FAILURE],
  notice: {
    rejected: [{ requestId: 'req-1', profileName: 'Kiosk', byName: 'Bruno', at: '2024-05-01T11:00:00Z', reason: 'internal wiki' }],
    cancelled: [{ requestId: 'req-1', profileName: 'Kiosk', byName: 'Ana', at: '2024-05-01T11:00:00Z' }],
    expired: [{ requestId: 'req-1', profileName: 'Kiosk', at: '2024-05-02T10:00:00Z' }],
    approvalAdded: [{ requestId: 'req-1', profileName: 'Kiosk', approverName: 'Bruno', given: 1, required: 2 }],
  },
  error: { generic: [{ correlationId: 'corr-123' }], tooLarge: [{ kilobytes: 44 }] },
  enrollmentMode: ['corporateOwnedFullyManaged'],
  profileKind: ['work-profile'],
  card: {
    fallbackText: [{ requestId: 'req-1', profileName: 'Kiosk', status: 'Rejected' }],
    badge: {
      pending: [{ approvalsGiven: 1, approvalsRequired: 2 }],
      approved: [{ approverName: 'Bruno' }],
      executing: [{ approverName: 'Bruno' }],
      succeeded: [{}],
      failed: [{}],
      rejected: [{}],
      cancelled: [{}],
      expired: [{}],
    },
    hint: {},
    quorumHint: [{ required: 2 }],
    approvalsProgress: [{ given: 1, required: 2 }],
    nameList: [['Bruno', 'Carla', 'Ana']],
    approvalsGivenBy: [{ names: 'Bruno' }],
  },
  rotate: {
    askJustification: [{ profileName: 'Warehouse scanners' }],
    fallbackText: [{ requestId: 'req-1', profileName: 'Kiosk', status: 'Token rotated' }],
    badge: {
      pending: [{}],
      approved: [{ approverName: 'Bruno' }],
      executing: [{ approverName: 'Bruno' }],
      succeeded: [{}],
      failed: [{}],
      rejected: [{}],
      cancelled: [{}],
      expired: [{}],
    },
    revokedNotCreated: [{ explanation: 'Intune throttled the request.' }],
    notRevoked: [{ explanation: 'Intune throttled the request.' }],
    succeeded: [
      {
        requestId: 'req-1',
        profileName: 'Kiosk',
        profileKind: 'Android work profile',
        rotatedAt: '2024-05-01T10:00:07.000Z',
        approverName: 'Bruno',
        newTokenExpiresAt: '2024-07-30T10:00:06.000Z',
        revokeGraphRequestId: 'g-1',
        createGraphRequestId: 'g-2',
        clientRequestId: 'c-2',
      },
    ],
    failed: [{ requestId: 'req-1', profileName: 'Kiosk', profileKind: 'Android Device Owner', failedAt: '2024-05-01T10:00:07.000Z', failure: FAILURE, revokedAt: '2024-05-01T10:00:05.000Z' }],
    approversAsked: [{ mentions: '<at>Bruno</at>', requesterName: 'Ana', profileName: 'Kiosk' }],
    rejected: [{ requestId: 'req-1', profileName: 'Kiosk', byName: 'Bruno', at: '2024-05-01T10:00:07.000Z', reason: 'not needed' }],
    cancelled: [{ requestId: 'req-1', profileName: 'Kiosk', byName: 'Ana', at: '2024-05-01T10:00:07.000Z' }],
    expired: [{ requestId: 'req-1', profileName: 'Kiosk', at: '2024-05-01T10:00:07.000Z' }],
  },
  inspect: {
    noProfiles: [{ query: 'Kiosk' }],
    severalProfiles: [{ query: 'Kiosk', profiles: [{ id: 'id-1', displayName: 'Kiosk', enrollmentMode: 'corporateOwnedDedicatedDevice' }] }],
    cancelled: [{ requestId: 'req-1', profileName: 'Kiosk' }],
    noHistory: [{ profileName: 'Kiosk' }],
    exportReady: [{ count: 3, fileName: 'audit.jsonl' }],
    exportLink: [{ url: 'https://bot.example/exports/x', minutes: 15 }],
    whoami: [{ objectId: 'oid-1', name: 'Ana', tenantId: 'tid-1', isRequester: true, isApprover: false }],
    requestRevokeStarted: [{ profileName: 'Kiosk' }],
    approvalsChannelPosted: [{ requestId: 'req-1' }],
    approvalsChannelMissing: [{ reason: 'unknown' }],
    approversAsked: [{ mentions: '<at>Bruno</at>', requesterName: 'Ana', profileName: 'Kiosk' }],
  },
  listCard: {
    range: [{ from: 1, to: 10, total: 10000, query: 'Store' }],
    devices: [{ count: 2 }],
    aospEnrolledWithToken: [{ count: 1 }],
  },
  profileCard: { fallbackText: [{ profileName: 'Kiosk' }] },
  pendingCard: {
    fallbackText: [{ count: 2 }],
    count: [{ count: 30, shown: 20 }],
    requestedBy: [{ name: 'Ana' }],
    age: [{ minutes: 125 }],
    state: {},
  },
  historyCard: { scope: [{ count: 5, profileName: 'Kiosk' }], olderScope: [{ from: 11, to: 20, profileName: 'Kiosk' }], action: {} },
  bulk: {
    textTooShort: [{ text: 'Li', min: 3 }],
    justificationMissing: [{ text: 'Lisbon' }],
    noMatch: [{ text: 'Lisbon' }],
    tooMany: [{ text: 'Kiosk', count: 1200, max: 1000 }],
    allHaveOpenRequests: [{ text: 'Lisbon', count: 2 }],
    alreadyOpen: [{ text: 'Lisbon', requestId: 'req-1', requesterName: 'Ana' }],
    card: {
      fallbackText: [{ requestId: 'req-1', text: 'Lisbon', count: 12, status: 'Pending' }],
      andMore: [{ count: 5 }],
      leftOut: [{ count: 1, names: 'Kiosk Lisbon 1' }],
      approvals: [{ given: 1, required: 2 }],
      hintApprover: [{ required: 2 }],
    },
    progress: {
      fallbackText: [{ revoked: 3, failed: 1, left: 2 }],
      failureRow: [{ name: 'Kiosk Lisbon 1', reason: 'Graph does not know this profile.', graphRequestId: 'g-1' }],
      moreFailures: [{ count: 7 }],
    },
  },
  hygieneCard: {
    fallbackText: [{ count: 3 }],
    summary: [{ count: 3, active: 20 }],
    askedBy: [{ name: 'Ana' }],
    category: { expiring: [{ days: 14 }], 'no-devices': [], old: [{ days: 180 }], 'long-lived': [{ days: 90 }] },
    reason: { expiring: [{ days: 3 }], 'no-devices': [], old: [{ days: 200 }], 'long-lived': [{ days: 120 }] },
    range: [{ from: 1, to: 10, total: 12 }],
  },
  privateNotice: {
    approverAsked: [
      { requesterName: 'Ana', operation: 'revoke', profileName: 'Kiosk', profileId: 'id-1', justification: 'QR code on a poster', requestId: 'req-1', link: 'https://teams.microsoft.com/l/message/19%3Aabc/1' },
    ],
    cardLink: [{ link: 'https://teams.microsoft.com/l/message/19%3Aabc/1' }],
  },
};

/** Every message as [path, text]: strings as they are, functions called with their samples. */
function allTexts(messages: unknown, samples: unknown, path = ''): [string, string][] {
  const result: [string, string][] = [];
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    const sample = (samples as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'string') result.push([here, value]);
    else if (typeof value === 'function') {
      assert.ok(Array.isArray(sample), `no sample arguments for ${here}`);
      result.push([here, (value as (...args: unknown[]) => unknown)(...sample) as string]);
    } else if (value && typeof value === 'object') result.push(...allTexts(value, sample, here));
    else assert.fail(`${here} is neither text nor a message function`);
  }
  return result;
}

const text = (s: string) => s.replace(/\s+/g, ' ');

/** Every key path of a message tree (functions and strings are leaves). */
function keyPaths(messages: unknown, path = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    if (value && typeof value === 'object') paths.push(...keyPaths(value, here));
    else paths.push(here);
  }
  return paths.sort();
}

describe('every language', () => {
  const languages: [string, Messages][] = [['en', en], ['pt-BR', ptBr]];

  for (const [name, messages] of languages) {
    it(`${name}: every message is non-empty text, or a function giving non-empty text`, () => {
      for (const [path, value] of allTexts(messages, SAMPLES)) {
        assert.ok(value.trim().length > 0, `${name} ${path} is empty`);
        assert.ok(!/undefined|null|\[object Object\]|NaN/.test(value), `${name} ${path}: ${value}`);
      }
    });
  }

  it('pt-BR has exactly the keys of English (a key missing in either fails)', () => {
    assert.deepEqual(keyPaths(ptBr), keyPaths(en));
  });

  it('pt-BR is really translated: no long message is the English one', () => {
    const english = new Map(allTexts(en, SAMPLES));
    const same = allTexts(ptBr, SAMPLES).filter(([path, text]) => text.length > 20 && english.get(path) === text && !/^card\.badge|Token Guard/.test(text));
    assert.deepEqual(same.map(([path]) => path), []);
  });

  it('the locale picks the language: pt-BR → Portuguese, anything else → English', () => {
    assert.equal(messagesForLocale('pt-BR'), ptBr);
    assert.equal(messagesForLocale('pt-br'), ptBr);
    for (const locale of ['en-US', 'pt-PT', 'de-DE', '', undefined]) assert.equal(messagesForLocale(locale), en, String(locale));
  });
});

describe('English messages', () => {
  it('every message is non-empty text, or a function giving non-empty text', () => {
    const texts = allTexts(en, SAMPLES);
    assert.ok(texts.length > 60, `only ${texts.length} messages found`);
    for (const [path, value] of texts) {
      assert.equal(typeof value, 'string', path);
      assert.ok(value.trim().length > 0, `${path} is empty`);
      assert.ok(!/undefined|null|\[object Object\]|NaN/.test(value), `${path}: ${value}`);
    }
  });

  it('help explains both commands, how to name a profile, and what a revoke does', () => {
    assert.match(en.help, /`revoke <profile> \[justification\]`/);
    assert.match(en.help, /`help`/);
    assert.match(en.help, /id or by its display name/);
    assert.match(en.help, /double quotes/);
    assert.match(en.help, /Devices already enrolled are not affected/);
  });

  it('an unknown profile says what was searched, and suggests near names when there are some', () => {
    assert.match(
      en.request.unknownProfile({ query: 'Kiosk Port', suggestions: [{ id: 'id-1', displayName: 'Kiosk Porto', enrollmentMode: 'x' }] }),
      /Did you mean: "Kiosk Porto" \(`id-1`\)\?$/,
    );
    assert.equal(
      en.request.unknownProfile({ query: 'Kiosk 7' }),
      'No enrollment profile has the id or name "Kiosk 7". I searched Device Owner and work-profile enrollment profiles by id and by exact display name (case-insensitive).',
    );
  });

  it('a choice between profiles lists name, id and mode of each, numbered', () => {
    const message = en.request.chooseProfile(SAMPLES.request.chooseProfile[0]);
    assert.match(message, /1\. \*\*Kiosk\*\*: id `id-1`, Dedicated/);
    assert.match(message, /2\. \*\*kiosk\*\*: id `id-2`, Corporate-owned work profile \(COPE\)/);
  });

  it('an open request names it, its requester and its times in UTC', () => {
    const message = en.request.alreadyOpen(SAMPLES.request.alreadyOpen[0]);
    for (const part of ['req-1', 'Ana', '2024-05-01 10:00:00 UTC', '2024-05-02 10:00:00 UTC']) assert.ok(message.includes(part), part);
  });

  describe('denials', () => {
    const keys: DenialKey[] = ['no-identity', 'malformed-identity', 'wrong-tenant', 'not-requester', 'not-approver', 'self-approval', 'not-your-request', 'directory-unavailable', 'not-member', 'other-conversation', 'already-approved'];
    it('cover every reason, each saying what to do', () => {
      assert.deepEqual(Object.keys(en.denial).sort(), [...keys].sort());
      for (const key of keys) assert.match(en.denial[key], /(Use|Ask|must|Try)/, key);
    });
    it('self-approval is stated plainly', () => {
      assert.equal(en.denial['self-approval'], 'You asked for this revoke, so a different approver must decide it.');
    });
  });

  it('a request that is no longer pending says its state, who decided and when (UTC)', () => {
    const message = en.refusal['not-pending'](SAMPLES.refusal['not-pending'][0]);
    assert.equal(message, 'Request `req-1` is already rejected (decided by Bruno at 2024-05-01 11:00:00 UTC). Nothing was changed.');
  });

  it('invoke answers are short and exact', () => {
    assert.equal(en.invoke.approvedRevoking({ approverName: 'Bruno' }), 'Approved by Bruno — revoking…');
    assert.equal(en.invoke.rejected, 'Rejected');
    assert.equal(en.invoke.cancelled, 'Request cancelled');
  });

  it('a successful revoke says when, who approved, what it means, and both ids', () => {
    const message = text(en.outcome.succeeded(SAMPLES.outcome.succeeded[0]));
    assert.ok(message.startsWith('Token of profile "Kiosk" revoked at 2024-05-01 11:00:07 UTC (approved by Bruno).'), message);
    assert.ok(message.includes("Devices already enrolled are not affected; new enrollments with this profile's QR code/token now fail."));
    assert.ok(message.includes('`req-1`') && message.includes('`g-ok`'), message);
  });

  describe('a failed revoke', () => {
    const expectations: Record<FailureKind, RegExp[]> = {
      forbidden: [/DeviceManagementConfiguration\.ReadWrite\.All/, /admin consent/],
      'not-found': [/no longer exists/],
      'not-applicable': [/no Intune MDM authority/],
      throttled: [/throttled/, /Wait 30 s/],
      unavailable: [/unavailable/],
      timeout: [/within the time limit/, /may or may not have been revoked/, /Intune admin center/, /ask again/],
      unauthorized: [/refused the app's credentials/],
      'intune-refused': [/Intune refused Token Guard's app/, /credentials were accepted/, /not a wrong client secret/, /Intune roles/],
      unknown: [/unexpected error \(HTTP 418, Teapot\): I am a teapot/],
    };
    for (const kind of Object.keys(expectations) as FailureKind[]) {
      it(`(${kind}) explains it in plain words and gives the ids and the time in UTC`, () => {
        const failure: RevokeFailure = { kind, status: 418, code: 'Teapot', message: 'I am a teapot', graphRequestId: `g-${kind}`, retryAfterSeconds: 30 };
        const message = en.outcome.failed({ requestId: 'req-9', profileName: 'Kiosk', failedAt: '2024-05-01T11:00:07Z', failure });
        for (const pattern of expectations[kind]) assert.match(message, pattern);
        assert.ok(message.includes('2024-05-01 11:00:07 UTC'), message);
        assert.ok(message.includes('`req-9`') && message.includes(`\`g-${kind}\``), message);
      });
    }
    it('without a Graph request-id still gives the request id', () => {
      const message = en.outcome.failed({ requestId: 'req-9', profileName: 'Kiosk', failedAt: '2024-05-01T11:00:07Z', failure: { kind: 'timeout', message: '' } });
      assert.ok(message.includes('`req-9`') && !message.includes('Graph request-id'), message);
    });
    it('explanations differ for every kind', () => {
      const all = Object.keys(expectations).map((kind) => en.failureExplanation({ kind: kind as FailureKind, message: 'm' }));
      assert.equal(new Set(all).size, all.length);
    });
    it('throttling without a Retry-After asks for a few minutes', () => {
      assert.match(en.failureExplanation({ kind: 'throttled', message: '' }), /a few minutes/);
    });
  });

  it('a profile lookup that timed out does not suggest a token might have been revoked', () => {
    const message = en.request.lookupFailed({ failure: { kind: 'timeout', message: '' } });
    assert.ok(!/revoked/.test(message), message);
  });

  it('the generic error carries the correlation id', () => {
    const message = en.error.generic({ correlationId: 'corr-123' });
    assert.ok(message.startsWith('Something went wrong on our side'));
    assert.ok(message.includes('corr-123'));
  });

  it('card buttons and the reason box have their exact words', () => {
    assert.equal(en.card.approve, 'Approve');
    assert.equal(en.card.reject, 'Reject');
    assert.equal(en.card.cancelRequest, 'Cancel request');
    assert.equal(en.card.reasonPlaceholder, 'Reason (required to reject)');
  });
});

describe('formatUtc', () => {
  it('writes a timestamp to the second, in UTC, saying so', () => {
    assert.equal(formatUtc('2024-05-01T10:00:00.999Z'), '2024-05-01 10:00:00 UTC');
    assert.equal(formatUtc('2024-05-01T12:30:00+02:00'), '2024-05-01 10:30:00 UTC');
  });
  it('shows an unreadable timestamp as stored', () => {
    assert.equal(formatUtc('not a time'), 'not a time');
  });
});
