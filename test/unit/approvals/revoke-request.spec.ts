import { strict as assert } from 'node:assert';
import {
  applyEvent,
  canApply,
  IllegalTransition,
  isFinal,
  type RequestEvent,
  type RequestState,
} from '../../../src/approvals/revoke-request';
import { aRequest, BOB } from './fixtures';

const AT = '2025-01-01T11:00:00.000Z';
const OUTCOME = { at: AT, attempts: 1, graphRequestId: 'g-1' };

const EVENTS: Record<RequestEvent['type'], RequestEvent> = {
  approve: { type: 'approve', by: BOB, at: AT, reason: 'ok' },
  reject: { type: 'reject', by: BOB, at: AT, reason: 'no' },
  cancel: { type: 'cancel', by: BOB, at: AT },
  expire: { type: 'expire', at: AT },
  'start-execution': { type: 'start-execution', at: AT },
  succeed: { type: 'succeed', outcome: OUTCOME },
  fail: { type: 'fail', outcome: { ...OUTCOME, failure: { kind: 'forbidden', message: 'no' } } },
};

const STATES: RequestState[] = ['pending', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'cancelled', 'expired'];

/** Written out by hand (not derived from the code): state → event → resulting state, or null when illegal. */
const TABLE: Record<RequestState, Record<RequestEvent['type'], RequestState | null>> = {
  pending: { approve: 'approved', reject: 'rejected', cancel: 'cancelled', expire: 'expired', 'start-execution': null, succeed: null, fail: null },
  approved: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': 'executing', succeed: null, fail: null },
  executing: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': 'executing', succeed: 'succeeded', fail: 'failed' },
  succeeded: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': null, succeed: null, fail: null },
  failed: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': null, succeed: null, fail: null },
  rejected: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': null, succeed: null, fail: null },
  cancelled: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': null, succeed: null, fail: null },
  expired: { approve: null, reject: null, cancel: null, expire: null, 'start-execution': null, succeed: null, fail: null },
};

describe('revoke request state machine', () => {
  for (const state of STATES) {
    for (const [type, event] of Object.entries(EVENTS) as [RequestEvent['type'], RequestEvent][]) {
      const expected = TABLE[state][type];
      if (expected) {
        it(`${state} + ${type} → ${expected}, version + 1`, () => {
          const before = aRequest({ state, version: 3 });
          const after = applyEvent(before, event);
          assert.equal(after.state, expected);
          assert.equal(after.version, 4);
          assert.equal(before.state, state, 'the input is not mutated');
          assert.equal(canApply(before, type), true);
        });
      } else {
        it(`${state} + ${type} is illegal`, () => {
          const before = aRequest({ state });
          assert.throws(() => applyEvent(before, event), (error: unknown) => {
            assert.ok(error instanceof IllegalTransition);
            assert.equal(error.from, state);
            assert.equal(error.event, type);
            return true;
          });
          assert.equal(canApply(before, type), false);
        });
      }
    }
  }

  it('final states are exactly those without a way out', () => {
    for (const state of STATES) {
      const hasExit = Object.values(TABLE[state]).some((to) => to !== null);
      assert.equal(isFinal(state), !hasExit, state);
    }
  });

  it('records the decision, with a reason only when one is given', () => {
    const approved = applyEvent(aRequest(), { type: 'approve', by: BOB, at: AT });
    assert.deepEqual(approved.decision, { by: BOB, at: AT });
    const rejected = applyEvent(aRequest(), { type: 'reject', by: BOB, at: AT, reason: 'not needed' });
    assert.deepEqual(rejected.decision, { by: BOB, at: AT, reason: 'not needed' });
  });

  it('counts execution attempts across re-claims and stores the outcome', () => {
    const claimed = applyEvent(aRequest({ state: 'approved' }), EVENTS['start-execution']);
    assert.equal(claimed.executionAttempts, 1);
    assert.equal(claimed.executionStartedAt, AT);
    const reclaimed = applyEvent(claimed, EVENTS['start-execution']);
    assert.equal(reclaimed.executionAttempts, 2);
    const done = applyEvent(reclaimed, EVENTS.succeed);
    assert.deepEqual(done.outcome, OUTCOME);
  });
});
