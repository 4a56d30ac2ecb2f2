import { strict as assert } from 'node:assert';
import type { FailureKind, RequestState, RevokeFailure } from '../../../src/approvals/revoke-request';
import { buildApprovalCard, type CardViewer } from '../../../src/cards/approval-card-view';
import { en } from '../../../src/i18n/en';
import { checkAdaptiveCard } from './parse-adaptive-card';
import { cardFacts, executeActions, inputs, refreshOf, textRuns, topLevelActions as buttons, visibleTexts, type Card } from '../../support/adaptive-card-reading';

const facts = (card: object) => new Map(Object.entries(cardFacts(card as Card)));
import { APPROVER, NOW, REQUESTER, SECRETS, pendingRequest, requestIn } from './revoke-request-fixture';

const STATES: RequestState[] = ['pending', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'cancelled', 'expired'];
const VIEWERS: CardViewer[] = ['approver', 'requester', 'observer', 'shared', 'earlier-approver'];
const FAILURE_KINDS: FailureKind[] = ['forbidden', 'not-found', 'not-applicable', 'throttled', 'unavailable', 'timeout', 'unauthorized', 'unknown'];

/** The buttons each reader gets while a request is pending: [title, verb, style]. */
const PENDING_BUTTONS: Record<CardViewer, [string, string, string | undefined][]> = {
  approver: [
    ['Approve', 'approve', 'positive'],
    ['Reject', 'reject', 'destructive'],
  ],
  requester: [['Cancel request', 'cancel', undefined]],
  observer: [],
  shared: [
    ['Approve', 'approve', 'positive'],
    ['Reject', 'reject', 'destructive'],
    ['Cancel request', 'cancel', undefined],
  ],
  'earlier-approver': [['Reject', 'reject', 'destructive']],
};

// The patterns the Adaptive Cards renderer uses (adaptivecards/lib/text-formatters.js): anything
// else inside {{…}} is shown to the reader as raw text.
const DATE_FUNCTION = /\{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[-+]\d{2}:\d{2})(?:, ?(?:COMPACT|LONG|SHORT))?\)\}\}/g;
const TIME_FUNCTION = /\{\{TIME\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[-+]\d{2}:\d{2})\)\}\}/g;

const render = (state: RequestState, viewer: CardViewer, refreshUserIds?: string[]) =>
  buildApprovalCard(requestIn(state), viewer, { now: NOW, refreshUserIds });

describe('approval card', () => {
  for (const state of STATES) {
    for (const viewer of VIEWERS) {
      describe(`${state}, ${viewer} view`, () => {
        const card = render(state, viewer, ['29:requester-mri']);
        const json = JSON.stringify(card);

        it('parses as a 1.5 card without warnings, and the object model keeps every property', () => {
          const check = checkAdaptiveCard(card);
          assert.deepEqual(check.parseEvents, []);
          assert.deepEqual(check.validationEvents, []);
          // Anything the 1.5 object model does not know would be missing after a round trip.
          assert.deepEqual(check.reserialized, card);
        });

        it('has no unbound ${…} and only well-formed DATE/TIME functions', () => {
          assert.ok(!json.includes('${'), json);
          const dateCalls = json.match(/\{\{DATE\(/g) ?? [];
          const timeCalls = json.match(/\{\{TIME\(/g) ?? [];
          assert.ok(dateCalls.length >= 3, 'requested at, request expiry and token expiry are dates');
          assert.equal((json.match(DATE_FUNCTION) ?? []).length, dateCalls.length);
          assert.equal((json.match(TIME_FUNCTION) ?? []).length, timeCalls.length);
        });

        it('offers exactly the buttons for this reader and state, each sending only the request id', () => {
          const expected = state === 'pending' ? PENDING_BUTTONS[viewer] : [];
          assert.deepEqual(
            buttons(card).map((b) => [b.title, b.verb, b.style]),
            expected,
          );
          for (const action of executeActions(card)) {
            assert.equal(action.type, 'Action.Execute');
            assert.deepEqual(action.data, { requestId: 'req-0001' });
          }
          if (expected.length === 0) assert.ok(!('actions' in card));
        });

        it('asks for a reason only where Reject is offered', () => {
          const expectReason = state === 'pending' && (viewer === 'approver' || viewer === 'shared' || viewer === 'earlier-approver');
          const found = inputs(card);
          if (!expectReason) return assert.deepEqual(found, []);
          assert.equal(found.length, 1);
          assert.equal(found[0].type, 'Input.Text');
          assert.equal(found[0].id, 'reason');
          assert.equal(found[0].placeholder, 'Reason (required to reject)');
        });

        it('asks to be refreshed only while pending', () => {
          const refresh = refreshOf(card);
          if (state !== 'pending') return assert.equal(refresh, undefined);
          assert.deepEqual(refresh, {
            action: { type: 'Action.Execute', verb: 'refresh', data: { requestId: 'req-0001' } },
            userIds: ['29:requester-mri'],
          });
        });

        it('never shows the token, QR code or Wi-Fi password', () => {
          for (const secret of Object.values(SECRETS)) assert.ok(!json.includes(secret), `${secret} leaked`);
        });

        it('shows the profile and the request', () => {
          const shown = facts(card);
          assert.equal(shown.get('Profile'), 'Warehouse scanners');
          assert.equal(shown.get('Profile id'), 'a1b2c3d4-0000-4000-8000-profile00001');
          assert.equal(shown.get('Enrollment mode'), 'Dedicated');
          assert.equal(shown.get('Enrolled devices'), '42');
          assert.equal(shown.get('Requested by'), REQUESTER.name);
          assert.equal(shown.get('Request id'), 'req-0001');
          // Milliseconds removed: clients show {{DATE(…)}} raw otherwise.
          assert.equal(shown.get('Requested at'), '{{DATE(2024-05-01T10:00:00Z, SHORT)}} {{TIME(2024-05-01T10:00:00Z)}}');
          assert.equal(shown.get('Request expires'), '{{DATE(2024-05-02T10:00:00Z, SHORT)}} {{TIME(2024-05-02T10:00:00Z)}}');
          const tokenExpiry = '{{DATE(2024-12-31T23:59:59Z, SHORT)}} {{TIME(2024-12-31T23:59:59Z)}}';
          // After the revoke the old expiry would be a false statement.
          assert.equal(shown.get('Token expires'), state === 'succeeded' ? 'No active token' : tokenExpiry);
          assert.ok(textRuns(card).includes('QR code posted in a public chat, ticket INC-42'));
        });
      });
    }
  }

  describe('state badge', () => {
    const expected: Record<RequestState, [string, string]> = {
      pending: ['Waiting for approval', 'warning'],
      approved: [`Approved by ${APPROVER.name} — revoking…`, 'accent'],
      executing: [`Approved by ${APPROVER.name} — revoking…`, 'accent'],
      succeeded: ['Token revoked', 'good'],
      failed: ['Revoke failed', 'attention'],
      rejected: ['Rejected', 'attention'],
      cancelled: ['Cancelled', 'emphasis'],
      expired: ['Expired', 'emphasis'],
    };
    for (const state of STATES) {
      it(`says "${expected[state][0]}" on a ${expected[state][1]} background when ${state}`, () => {
        const body = (render(state, 'shared') as { body: { type: string; style?: string; items?: { text: string }[] }[] }).body;
        const badge = body[1];
        assert.equal(badge.type, 'Container');
        assert.equal(badge.style, expected[state][1]);
        assert.equal(badge.items?.[0].text, expected[state][0]);
      });
    }
  });

  describe('refresh list', () => {
    it('is left out when the caller gives none, so Teams refreshes for every chat member', () => {
      const refresh = refreshOf(render('pending', 'shared', undefined));
      assert.ok(refresh);
      assert.ok(!('userIds' in refresh));
    });
    it('keeps an empty list, which turns automatic refresh off', () => {
      assert.deepEqual(refreshOf(render('pending', 'shared', []))?.userIds, []);
    });
  });

  describe('a pending request past its expiry', () => {
    const card = buildApprovalCard(pendingRequest(), 'shared', { now: new Date('2024-05-02T10:00:01Z'), refreshUserIds: ['29:x'] });
    it('is shown as expired, without buttons, inputs or refresh', () => {
      assert.ok(visibleTexts(card).includes('Expired'));
      assert.deepEqual(buttons(card), []);
      assert.deepEqual(inputs(card), []);
      assert.equal(refreshOf(card), undefined);
    });
  });

  describe('decision', () => {
    it('names who rejected, when and why', () => {
      const card = render('rejected', 'observer');
      const shown = facts(card);
      assert.equal(shown.get('Rejected by'), APPROVER.name);
      assert.equal(shown.get('Decided at'), '{{DATE(2024-05-01T11:00:00Z, SHORT)}} {{TIME(2024-05-01T11:00:00Z)}}');
      assert.ok(textRuns(card).includes('Not a leak: internal wiki'));
    });
    it('names who cancelled', () => {
      assert.equal(facts(render('cancelled', 'observer')).get('Cancelled by'), REQUESTER.name);
    });
    it('names the approver of an approved request', () => {
      assert.equal(facts(render('approved', 'observer')).get('Approved by'), APPROVER.name);
    });
    it('shows no decision on a pending or expired request', () => {
      for (const state of ['pending', 'expired'] as const) {
        const shown = facts(render(state, 'observer'));
        assert.ok(!shown.has('Approved by') && !shown.has('Decided at'), state);
      }
    });
  });

  describe('outcome', () => {
    it('of a revoke tells when it happened, what it means and the Graph request-id', () => {
      const card = render('succeeded', 'observer');
      const shown = facts(card);
      assert.equal(shown.get('Revoked at'), '{{DATE(2024-05-01T11:00:07Z, SHORT)}} {{TIME(2024-05-01T11:00:07Z)}}');
      assert.equal(shown.get('Graph request-id'), 'graph-req-ok-1');
      assert.ok(textRuns(card).some((t) => t.includes('Devices already enrolled are not affected')));
    });

    for (const kind of FAILURE_KINDS) {
      it(`of a ${kind} failure explains it and shows the Graph request-id`, () => {
        const failure: RevokeFailure = { kind, message: 'graph says no', graphRequestId: `graph-${kind}`, retryAfterSeconds: 30 };
        const card = buildApprovalCard(requestIn('failed', failure), 'shared', { now: NOW });
        assert.ok(textRuns(card).includes(en.failureExplanation(failure)));
        assert.equal(facts(card).get('Graph request-id'), `graph-${kind}`);
        assert.equal(facts(card).get('Failed at'), '{{DATE(2024-05-01T11:00:07Z, SHORT)}} {{TIME(2024-05-01T11:00:07Z)}}');
        assert.deepEqual(checkAdaptiveCard(card).parseEvents, []);
      });
    }

    it('of a failure without a Graph request-id leaves that fact out', () => {
      const card = buildApprovalCard(requestIn('failed', { kind: 'timeout', message: '' }), 'shared', { now: NOW });
      assert.ok(!facts(card).has('Graph request-id'));
      assert.ok(!JSON.stringify(card).includes('${'));
    });

    it('is not shown before the revoke has finished', () => {
      assert.ok(!facts(render('executing', 'observer')).has('Revoked at'));
    });
  });

  describe('text written by people', () => {
    const tricky = 'see [this](https://evil.example) **now** ${labels.approve} {{DATE(2024-01-01T00:00:00Z)}}';
    const card = buildApprovalCard(pendingRequest({ justification: tricky }), 'approver', { now: NOW });

    it('is shown verbatim as plain text (TextRun: no markdown, no templating)', () => {
      assert.ok(textRuns(card).includes(tricky));
      assert.ok(!visibleTexts(card).some((t) => t !== tricky && t.includes('evil.example')));
    });
    it('does not break the card', () => {
      assert.deepEqual(checkAdaptiveCard(card).parseEvents, []);
    });
  });

  describe('profile facts', () => {
    it('labels every Device Owner enrollment mode for people, and passes unknown modes through', () => {
      const modes: Record<string, string> = {
        corporateOwnedDedicatedDevice: 'Dedicated',
        corporateOwnedFullyManaged: 'Fully managed',
        corporateOwnedWorkProfile: 'Corporate-owned work profile (COPE)',
        corporateOwnedAOSPUserlessDevice: 'AOSP userless',
        corporateOwnedAOSPUserAssociatedDevice: 'AOSP user-associated',
        someFutureMode: 'someFutureMode',
      };
      for (const [mode, label] of Object.entries(modes)) {
        const request = pendingRequest();
        const card = buildApprovalCard({ ...request, profile: { ...request.profile, enrollmentMode: mode } }, 'observer', { now: NOW });
        assert.equal(facts(card).get('Enrollment mode'), label);
      }
    });
    it('says so when the profile has no token', () => {
      const request = pendingRequest();
      const card = buildApprovalCard({ ...request, profile: { ...request.profile, tokenExpirationDateTime: null } }, 'observer', { now: NOW });
      assert.equal(facts(card).get('Token expires'), 'No active token');
      assert.ok(!JSON.stringify(card).includes('${'));
    });
  });

  describe('rendering', () => {
    it('leaves the template untouched between renders', () => {
      const first = JSON.stringify(render('pending', 'shared', ['29:a']));
      render('failed', 'observer');
      render('pending', 'requester');
      assert.equal(JSON.stringify(render('pending', 'shared', ['29:a'])), first);
    });
    it('takes every word from the messages it is given', () => {
      const shouting = { ...en, card: { ...en.card, approve: 'APPROVE!', reject: 'REJECT!', title: 'TITLE!' } };
      const card = buildApprovalCard(requestIn('pending'), 'approver', { now: NOW, messages: shouting });
      assert.deepEqual(buttons(card).map((b) => b.title), ['APPROVE!', 'REJECT!']);
      assert.ok(visibleTexts(card).includes('TITLE!'));
    });
  });
});
