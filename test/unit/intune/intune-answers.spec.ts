import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { FailureKind, RevokeFailure } from '../../../src/approvals/revoke-request';
import { en } from '../../../src/i18n/en';
import { ptBr } from '../../../src/i18n/pt-br';
import { toRevokeFailure } from '../../../src/intune/graph-failure';
import { intuneError } from '../../../tools/simulator/graph-errors';
import type { IntuneErrorKind } from '../../../tools/simulator';

/**
 * Each answer Intune gives (the simulator's bodies, which are the publicly quoted ones) becomes
 * its own plain explanation in both languages: no JSON, no Intune URL, both ids kept.
 */
const IDS = { requestId: '0aa1b2c3-0000-4000-8000-00000000000a', clientRequestId: '5b0c3d1e-7a2f-4c6b-9e8d-0f1a2b3c4d5e' };
const PATH = "deviceManagement/androidDeviceOwnerEnrollmentProfiles('p')/revokeToken";

/** A GraphError exactly as the 3.x client builds it from the simulator's answer. */
function answered(kind: IntuneErrorKind, options: { scopes?: string[]; retryAfter?: number | null; headers?: Record<string, string> } = {}): GraphError {
  const body = intuneError(kind, IDS, PATH, options);
  const error = new GraphError(body.status, body.message);
  error.code = body.code;
  error.requestId = IDS.requestId;
  error.body = JSON.stringify({ code: body.code, message: body.message, innerError: { date: '2026-12-01T10:00:00', 'request-id': IDS.requestId, 'client-request-id': IDS.clientRequestId } });
  error.headers = new Headers({ 'request-id': IDS.requestId, 'client-request-id': IDS.clientRequestId, ...(options.headers ?? {}) });
  return error;
}

function explained(failure: RevokeFailure): string[] {
  return [en.failureExplanation(failure), ptBr.failureExplanation(failure)];
}

describe('Intune answers, as the bot explains them', () => {
  const cases: [IntuneErrorKind, FailureKind, RegExp, RegExp][] = [
    ['forbidden', 'forbidden', /lacks the Graph application permission DeviceManagementConfiguration\.ReadWrite\.All/, /não tem a permissão de aplicativo DeviceManagementConfiguration\.ReadWrite\.All/],
    ['unknown-error', 'intune-refused', /Intune refused Token Guard's app .*not a wrong client secret/, /O Intune recusou o aplicativo .*Não é um segredo do cliente errado/],
    ['not-applicable', 'not-applicable', /no Intune MDM authority/, /não tem autoridade de MDM do Intune/],
    ['throttled', 'throttled', /Intune throttled the request/, /O Intune limitou as solicitações/],
    ['internal-error', 'unavailable', /unavailable, even after retries/, /indisponível, mesmo após novas tentativas/],
    ['unavailable', 'unavailable', /unavailable, even after retries/, /indisponível, mesmo após novas tentativas/],
  ];
  for (const [intune, kind, english, portuguese] of cases) {
    it(`${intune}: ${kind}, explained in en and pt-BR without raw JSON, keeping both ids`, () => {
      const failure = toRevokeFailure(answered(intune));
      assert.equal(failure.kind, kind);
      assert.equal(failure.graphRequestId, IDS.requestId);
      assert.equal(failure.clientRequestId, IDS.clientRequestId);
      assert.doesNotMatch(failure.message, /_version|"Message"|ErrorCode|manage\.microsoft\.com|\{/, 'the kept message is the innermost text');
      const [enText, ptText] = explained(failure);
      assert.match(enText, english);
      assert.match(ptText, portuguese);
      for (const text of [enText, ptText]) assert.doesNotMatch(text, /[{}]|_version|Operation ID|manage\.microsoft\.com/);
      const reply = en.outcome.failed({ requestId: 'req-1', profileName: 'Kiosk', failedAt: '2026-12-01T10:00:00Z', failure });
      assert.ok(reply.includes(`Graph request-id: \`${IDS.requestId}\``) && reply.includes(`client-request-id: \`${IDS.clientRequestId}\``), reply);
      const resposta = ptBr.outcome.failed({ requestId: 'req-1', profileName: 'Kiosk', failedAt: '2026-12-01T10:00:00Z', failure });
      assert.ok(resposta.includes(`request-id do Graph: \`${IDS.requestId}\``) && resposta.includes(`client-request-id: \`${IDS.clientRequestId}\``), resposta);
    });
  }

  it('401 UnknownError is Intune refusing the app, while 401 InvalidAuthenticationToken stays a credential problem', () => {
    const refused = toRevokeFailure(answered('unknown-error'));
    const badToken = new GraphError(401, 'Access token validation failure.');
    badToken.code = 'InvalidAuthenticationToken';
    const credentials = toRevokeFailure(badToken);
    assert.equal(refused.kind, 'intune-refused');
    assert.equal(credentials.kind, 'unauthorized');
    assert.match(refused.message, /^An error has occurred - Operation ID/, 'unwrapped through both JSON layers');
    assert.doesNotMatch(en.failureExplanation(refused), /secret or certificate may be wrong/);
  });

  it('403 names the permissions Intune asked for, for a read as for a revoke', () => {
    const read = toRevokeFailure(answered('forbidden', { scopes: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'] }));
    assert.deepEqual(read.requiredPermissions, ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All']);
    assert.match(en.failureExplanation(read), /permission DeviceManagementConfiguration\.Read\.All or DeviceManagementConfiguration\.ReadWrite\.All,/);
    assert.match(ptBr.failureExplanation(read), /permissão de aplicativo DeviceManagementConfiguration\.Read\.All ou DeviceManagementConfiguration\.ReadWrite\.All,/);
  });

  it('429: the Retry-After header wins; without it, Intune’s RetryAfter in the body says how long to wait', () => {
    const header = toRevokeFailure(answered('throttled', { headers: { 'retry-after': '12' } }));
    assert.equal(header.retryAfterSeconds, 12);
    const body = toRevokeFailure(answered('throttled', { retryAfter: 45 }));
    assert.equal(body.retryAfterSeconds, 45);
    assert.match(en.failureExplanation(body), /Wait 45 s, then ask again/);
    assert.match(ptBr.failureExplanation(body), /Aguarde 45 s e peça de novo/);
    const neither = toRevokeFailure(answered('throttled'));
    assert.equal(neither.retryAfterSeconds, undefined);
    assert.match(en.failureExplanation(neither), /Wait a few minutes/);
  });
});
