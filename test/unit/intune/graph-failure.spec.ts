import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphFailure } from '../../../src/approvals/enrollment-profiles';
import { graphErrorFromResponse, plainMessage, toRevokeFailure, unwrapIntuneMessage } from '../../../src/intune/graph-failure';

/** A GraphError as the 3.x client builds it from a JSON error body (GraphErrorHandler.constructErrorFromResponse). */
function graphError(status: number, code: string, message: string, options: { requestId?: string; headers?: Record<string, string> } = {}): GraphError {
  const error = new GraphError(status, message);
  error.code = code;
  const innerError = { date: '2024-05-01T10:00:00', 'request-id': options.requestId ?? null, 'client-request-id': 'c-1' };
  if (options.requestId) error.requestId = options.requestId;
  error.body = JSON.stringify({ code, message, innerError });
  error.headers = new Headers(options.headers ?? {});
  return error;
}

/** A GraphError as the client wraps a thrown error (statusCode -1, code = error name). */
function wrapped(name: string, message: string): GraphError {
  const base = new Error(message);
  base.name = name;
  const error = new GraphError(-1, '', base);
  error.code = name;
  error.body = base.toString();
  return error;
}

const INTUNE_FORBIDDEN = JSON.stringify({
  _version: 3,
  Message:
    'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All - Operation ID (for customer support): 0a1b - Activity ID: 7f3e - Url: https://fef.amsub0102.manage.microsoft.com/DeviceConfiguration_2402/StatelessDeviceConfigurationFEService/deviceManagement/androidDeviceOwnerEnrollmentProfiles(\'p1\')/revokeToken?api-version=5024-01-10',
  CustomApiErrorPhrase: '',
  RetryAfter: null,
  ErrorSourceService: '',
  HttpHeaders: '{}',
});

describe('toRevokeFailure', () => {
  it('maps 403 to forbidden, unwrapping Intune\'s stringified JSON message and dropping its internal URL', () => {
    const failure = toRevokeFailure(graphError(403, 'Forbidden', INTUNE_FORBIDDEN, { requestId: 'req-403' }));
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.status, 403);
    assert.equal(failure.code, 'Forbidden');
    assert.equal(failure.graphRequestId, 'req-403');
    assert.match(failure.message, /^Application is not authorized to perform this operation\./);
    assert.match(failure.message, /Operation ID \(for customer support\): 0a1b/);
    assert.doesNotMatch(failure.message, /_version|manage\.microsoft\.com|Url:/);
    assert.ok(failure.message.length <= 300);
  });

  it('maps 404 to not-found', () => {
    const failure = toRevokeFailure(graphError(404, 'ResourceNotFound', 'Resource not found', { requestId: 'req-404' }));
    assert.deepEqual(failure, { kind: 'not-found', status: 404, code: 'ResourceNotFound', graphRequestId: 'req-404', clientRequestId: 'c-1', message: 'Resource not found' });
  });

  it('maps 400 "Request not applicable to target tenant." to not-applicable, also when wrapped by Intune', () => {
    assert.equal(toRevokeFailure(graphError(400, 'BadRequest', 'Request not applicable to target tenant.')).kind, 'not-applicable');
    const wrappedMessage = JSON.stringify({ _version: 3, Message: 'Request not applicable to target tenant. - Operation ID (for customer support): 00000000', RetryAfter: null });
    const failure = toRevokeFailure(graphError(400, 'BadRequest', wrappedMessage));
    assert.equal(failure.kind, 'not-applicable');
    assert.equal(failure.message, 'Request not applicable to target tenant. - Operation ID (for customer support): 00000000');
  });

  it('maps any other 400 to unknown and keeps the message', () => {
    const failure = toRevokeFailure(graphError(400, 'BadRequest', "Invalid OData query: '$frobnicate'"));
    assert.equal(failure.kind, 'unknown');
    assert.equal(failure.status, 400);
    assert.equal(failure.message, "Invalid OData query: '$frobnicate'");
  });

  it('maps 401 to unauthorized', () => {
    const failure = toRevokeFailure(graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'));
    assert.equal(failure.kind, 'unauthorized');
    assert.equal(failure.code, 'InvalidAuthenticationToken');
  });

  it('maps 429 to throttled with Retry-After in seconds from the header', () => {
    const failure = toRevokeFailure(graphError(429, 'TooManyRequests', 'Too many requests', { headers: { 'Retry-After': '17', 'request-id': 'req-429' } }));
    assert.equal(failure.kind, 'throttled');
    assert.equal(failure.retryAfterSeconds, 17);
    assert.equal(failure.graphRequestId, 'req-429', 'request-id read from the header when the body has none');
  });

  it('reads Retry-After given as an HTTP date, and Intune\'s RetryAfter when there is no header', () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = toRevokeFailure(graphError(429, 'TooManyRequests', 'slow down', { headers: { 'Retry-After': inOneMinute } }));
    assert.ok(fromDate.retryAfterSeconds! >= 58 && fromDate.retryAfterSeconds! <= 60, String(fromDate.retryAfterSeconds));
    const fromBody = toRevokeFailure(graphError(429, 'TooManyRequests', JSON.stringify({ _version: 3, Message: 'Throttled', RetryAfter: 30 })));
    assert.equal(fromBody.retryAfterSeconds, 30);
    assert.equal(fromBody.message, 'Throttled');
  });

  it('leaves retryAfterSeconds out when Graph gave none', () => {
    assert.equal('retryAfterSeconds' in toRevokeFailure(graphError(429, 'TooManyRequests', 'x')), false);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`maps ${status} to unavailable`, () => {
      assert.equal(toRevokeFailure(graphError(status, 'ServiceUnavailable', 'Service unavailable')).kind, 'unavailable');
    });
  }

  it('falls back to a plain default message when Graph sent none', () => {
    const error = new GraphError(503);
    error.body = null;
    const failure = toRevokeFailure(error);
    assert.equal(failure.kind, 'unavailable');
    assert.equal(failure.message, 'Graph is unavailable.');
  });

  it('uses a plain-text error body when there is no JSON message', () => {
    const error = new GraphError(502);
    error.body = 'Bad gateway from proxy';
    assert.equal(toRevokeFailure(error).message, 'Bad gateway from proxy');
  });

  it('reads the request-id from innerError in the body when requestId is not set', () => {
    const error = new GraphError(404, 'gone');
    error.code = 'ResourceNotFound';
    error.body = JSON.stringify({ code: 'ResourceNotFound', message: 'gone', innerError: { 'request-id': 'req-body' } });
    assert.equal(toRevokeFailure(error).graphRequestId, 'req-body');
  });

  it('maps wrapped timeouts and aborts to timeout', () => {
    assert.equal(toRevokeFailure(wrapped('TimeoutError', 'Graph did not answer within 500 ms.')).kind, 'timeout');
    assert.equal(toRevokeFailure(wrapped('AbortError', 'This operation was aborted')).kind, 'timeout');
    const failure = toRevokeFailure(wrapped('TimeoutError', 'Graph did not answer within 500 ms.'));
    assert.equal(failure.message, 'Graph did not answer within 500 ms.');
    assert.equal(failure.status, undefined, 'no HTTP status for a transport failure');
  });

  it('maps wrapped network failures to unavailable', () => {
    assert.equal(toRevokeFailure(wrapped('NetworkError', 'Could not reach Graph (ECONNREFUSED).')).kind, 'unavailable');
    assert.equal(toRevokeFailure(wrapped('TypeError', 'fetch failed')).kind, 'unavailable');
  });

  it('maps raw transport errors (not wrapped by the client)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    assert.equal(toRevokeFailure(refused).kind, 'unavailable');
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const failure = toRevokeFailure(reset);
    assert.equal(failure.kind, 'unavailable');
    assert.match(failure.message, /ECONNRESET/);
    assert.equal(toRevokeFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).kind, 'timeout');
  });

  it('maps credential errors from @azure/identity to unauthorized, but an unreachable token endpoint to unavailable', () => {
    const badSecret = toRevokeFailure(wrapped('AuthenticationError', 'ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.'));
    assert.equal(badSecret.kind, 'unauthorized');
    assert.match(badSecret.message, /AADSTS7000215/);
    assert.equal(toRevokeFailure(wrapped('CredentialUnavailableError', 'ManagedIdentityCredential: connect ECONNREFUSED 169.254.169.254:80')).kind, 'unavailable');
    assert.equal(toRevokeFailure(wrapped('CredentialUnavailableError', 'No managed identity endpoint found.')).kind, 'unauthorized');
  });

  it('passes an existing GraphFailure through unchanged', () => {
    const original = { kind: 'forbidden' as const, message: 'no', status: 403, graphRequestId: 'r' };
    assert.equal(toRevokeFailure(new GraphFailure(original)), original);
  });

  it('maps anything else to unknown with a message', () => {
    assert.deepEqual(toRevokeFailure(new Error('boom')), { kind: 'unknown', message: 'boom' });
    assert.deepEqual(toRevokeFailure(undefined), { kind: 'unknown', message: 'Graph returned an unexpected error.' });
  });

  it('never lets a token or a secret through in the message', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl';
    const failure = toRevokeFailure(graphError(401, 'InvalidAuthenticationToken', `Token ${jwt} rejected; header was Bearer ${jwt}`));
    assert.doesNotMatch(failure.message, /eyJhbGci/);
    const leaked = toRevokeFailure(wrapped('AuthenticationError', 'POST body client_secret=s3cr3t-value&client_id=abc failed'));
    assert.doesNotMatch(leaked.message, /s3cr3t-value/);
  });

  it('keeps messages to one short line', () => {
    const failure = toRevokeFailure(graphError(500, 'InternalServerError', `line one\nline two\t${'x'.repeat(1000)}`));
    assert.doesNotMatch(failure.message, /\n|\t/);
    assert.ok(failure.message.length <= 300);
  });
});

describe('unwrapIntuneMessage / plainMessage', () => {
  it('returns a non-JSON message as it is, and a broken JSON one as it is', () => {
    assert.deepEqual(unwrapIntuneMessage('Plain words'), { message: 'Plain words' });
    assert.deepEqual(unwrapIntuneMessage('{"_version":3,"Message":'), { message: '{"_version":3,"Message":' });
  });

  it('drops Intune\'s " - Url: …" suffix', () => {
    assert.equal(plainMessage('Denied - Activity ID: a1 - Url: https://fef.example/x?y=1'), 'Denied - Activity ID: a1');
    assert.equal(plainMessage('Error - Activity ID: a1 - Url: https://fef.example/x - CustomApiErrorPhrase: '), 'Error - Activity ID: a1');
    assert.equal(plainMessage('Error - CustomApiErrorPhrase: NotFound'), 'Error - CustomApiErrorPhrase: NotFound');
  });
});

describe('graphErrorFromResponse', () => {
  it('builds a GraphError like the client\'s from a raw non-2xx response', async () => {
    const body = { error: { code: 'Forbidden', message: INTUNE_FORBIDDEN, innerError: { date: '2024-05-01T10:00:00', 'request-id': 'req-body', 'client-request-id': 'c' } } };
    const response = new Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/json', 'request-id': 'req-header' } });
    const error = await graphErrorFromResponse(response);
    assert.ok(error instanceof GraphError);
    assert.equal(error.statusCode, 403);
    assert.equal(error.code, 'Forbidden');
    assert.equal(error.requestId, 'req-body');
    const failure = toRevokeFailure(error);
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.graphRequestId, 'req-body');
  });

  it('falls back to the request-id header and copes with a non-JSON body', async () => {
    const response = new Response('upstream down', { status: 503, headers: { 'request-id': 'req-503', 'Retry-After': '5' } });
    const failure = toRevokeFailure(await graphErrorFromResponse(response));
    assert.equal(failure.kind, 'unavailable');
    assert.equal(failure.graphRequestId, 'req-503');
    assert.equal(failure.message, 'upstream down');
  });
});
