import assert from 'node:assert/strict';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { boundedRetryOptions, DEFAULT_RETRY_BOUNDS, retryAfterSeconds } from '../../../src/intune/bounded-retry-options';

describe('boundedRetryOptions', () => {
  const answer = (retryAfter?: string) => new Response(null, { status: 429, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });

  it('retries at most 3 times and caps every wait so the total stays within 30 s', () => {
    const options = boundedRetryOptions();
    assert.equal(options.maxRetries, 3);
    // RetryHandler adds up to 1 s of jitter to getMaxDelay(); 3 × (9 + 1) = 30.
    assert.equal(options.getMaxDelay(), 9);
    assert.ok(options.maxRetries * (options.getMaxDelay() + 1) <= 30);
  });

  it('keeps the cap when RetryHandler copies the options for a request (Object.assign onto fresh options)', () => {
    const copy = Object.assign(new RetryHandlerOptions(), boundedRetryOptions());
    assert.equal(copy.getMaxDelay(), 9);
    assert.equal(copy.maxRetries, 3);
  });

  it('retries when Retry-After is absent or within the bound, not when it is longer', () => {
    const options = boundedRetryOptions();
    const should = (retryAfter?: string) => options.shouldRetry(2, 0, 'https://graph.microsoft.com/beta/x', undefined, answer(retryAfter));
    assert.equal(should(undefined), true);
    assert.equal(should('1'), true);
    assert.equal(should(String(DEFAULT_RETRY_BOUNDS.maxWaitSeconds)), true);
    assert.equal(should(String(DEFAULT_RETRY_BOUNDS.maxWaitSeconds + 1)), false);
    assert.equal(should(new Date(Date.now() + 600_000).toUTCString()), false);
  });

  it('accepts other bounds', () => {
    const options = boundedRetryOptions({ maxRetries: 1, maxWaitSeconds: 2 });
    assert.equal(options.maxRetries, 1);
    assert.equal(options.getMaxDelay(), 1);
  });
});

describe('retryAfterSeconds', () => {
  const now = new Date('2024-05-01T10:00:00Z');
  it('reads delta-seconds and HTTP dates, and ignores nonsense', () => {
    assert.equal(retryAfterSeconds('7', now), 7);
    assert.equal(retryAfterSeconds('1.2', now), 2);
    assert.equal(retryAfterSeconds('Wed, 01 May 2024 10:00:30 GMT', now), 30);
    assert.equal(retryAfterSeconds('Wed, 01 May 2024 09:00:00 GMT', now), 0);
    assert.equal(retryAfterSeconds('soon', now), undefined);
    assert.equal(retryAfterSeconds(null, now), undefined);
    assert.equal(retryAfterSeconds('', now), undefined);
  });
});
