import assert from 'node:assert/strict';
import { approvalCardData, buildApprovalCard } from '../../../src/cards/approval-card-view';
import type { RevokeRequest } from '../../../src/approvals/revoke-request';
import { en } from '../../../src/i18n/en';
import { ptBr } from '../../../src/i18n/pt-br';
import { Texts } from '../../../src/i18n/texts';
import { FINISHED_AT, NOW, requestIn, SECRETS } from './revoke-request-fixture';

/** The approval card and thread texts of a rotation: titled as one, each step said, never a token. */
const NEW_EXPIRY = '2024-07-30T11:00:07.000Z';
const rotate = (request: RevokeRequest, extra: Partial<RevokeRequest> = {}): RevokeRequest => ({ ...request, operation: 'rotate', ...extra });
const REVOKED = { at: '2024-05-01T11:00:05.000Z', graphRequestId: 'g-revoke' };
const CREATED = { at: '2024-05-01T11:00:06.000Z', validitySeconds: 7_776_000, graphRequestId: 'g-create', clientRequestId: 'c-create' };

describe('rotation card and texts', () => {
  it('is titled as a rotation in both languages; a revoke keeps its title', () => {
    assert.equal(approvalCardData(rotate(requestIn('pending')), 'shared', { now: NOW }).title, 'Rotate an enrollment token');
    assert.equal(approvalCardData(rotate(requestIn('pending')), 'shared', { now: NOW, messages: ptBr }).title, 'Rotacionar um token de registro');
    assert.equal(approvalCardData(requestIn('pending'), 'shared', { now: NOW }).title, 'Revoke an enrollment token');
    const card = JSON.stringify(buildApprovalCard(rotate(requestIn('pending')), 'shared', { now: NOW }));
    assert.ok(card.includes('Rotate an enrollment token'));
    assert.match(approvalCardData(rotate(requestIn('pending')), 'requester', { now: NOW }).hint ?? '', /You asked for this rotation/);
  });

  it('says "rotating…", then that the old token is revoked and the new one being created', () => {
    assert.equal(approvalCardData(rotate(requestIn('executing')), 'shared', { now: NOW }).badge.text, 'Approved by Bob Approver — rotating…');
    const halfway = rotate(requestIn('executing'), { rotation: { revoked: REVOKED } });
    assert.equal(approvalCardData(halfway, 'shared', { now: NOW }).badge.text, 'Old token revoked — creating the new token…');
    assert.equal(approvalCardData(halfway, 'shared', { now: NOW }).profile.tokenExpiresAt, undefined, 'the old expiry is no longer true');
  });

  it('a rotated card says the old token is dead, when the new one expires, and where to fetch the QR code', () => {
    const done = rotate(requestIn('succeeded'), { rotation: { revoked: REVOKED, created: CREATED, newTokenExpiresAt: NEW_EXPIRY } });
    const data = approvalCardData(done, 'shared', { now: NOW });
    assert.equal(data.badge.text, 'Token rotated');
    assert.equal(data.outcome?.atLabel, 'Rotated at');
    assert.equal(data.outcome?.newTokenExpiresAt, '2024-07-30T11:00:07Z');
    assert.match(data.outcome?.explanation ?? '', /old token no longer works.*fetches the new QR code from the Intune admin center/);
    const card = JSON.stringify(buildApprovalCard(done, 'shared', { now: NOW }));
    assert.ok(card.includes('New token expires'));
    for (const secret of Object.values(SECRETS)) assert.ok(!card.includes(secret), secret);
    const unknown = approvalCardData(rotate(requestIn('succeeded'), { rotation: { revoked: REVOKED, created: CREATED, newTokenExpiresAt: null } }), 'shared', { now: NOW });
    assert.equal(unknown.outcome?.newTokenExpiresAt, undefined);
    assert.match(unknown.outcome?.explanation ?? '', /could not read the new token's expiry/);
  });

  it('a failed rotation says whether the old token was revoked', () => {
    const afterRevoke = approvalCardData(rotate(requestIn('failed'), { rotation: { revoked: REVOKED } }), 'shared', { now: NOW });
    assert.equal(afterRevoke.badge.text, 'Rotation failed');
    assert.match(afterRevoke.outcome?.explanation ?? '', /^The old token was revoked \(it no longer works\), but no new token was created\./);
    const before = approvalCardData(rotate(requestIn('failed')), 'shared', { now: NOW });
    assert.match(before.outcome?.explanation ?? '', /^The old token was not revoked and no new token was created\./);
  });

  it('the thread is told the expiry in UTC with both request-ids, never the token, in both languages', () => {
    const done = rotate(requestIn('succeeded'), { rotation: { revoked: REVOKED, created: CREATED, newTokenExpiresAt: NEW_EXPIRY } });
    const english = new Texts(en).outcomeReply(done);
    assert.match(english, /rotated at 2024-05-01 11:00:07 UTC/);
    assert.match(english, /The old token is dead/);
    assert.match(english, /The new token expires on 2024-07-30 11:00:07 UTC\./);
    assert.match(english, /revokeToken request-id: `g-revoke` · createToken request-id: `g-create`/);
    const portuguese = new Texts(ptBr).outcomeReply(done);
    assert.match(portuguese, /O novo token expira em 2024-07-30 11:00:07 UTC\./);
    for (const secret of Object.values(SECRETS)) assert.ok(!english.includes(secret) && !portuguese.includes(secret));
    const failed = new Texts(en).outcomeReply(rotate(requestIn('failed'), { rotation: { revoked: REVOKED } }));
    assert.match(failed, /The old token was revoked at 2024-05-01 11:00:05 UTC \(it no longer works\), but no new token was created\./);
    assert.equal(FINISHED_AT, '2024-05-01T11:00:07.890Z');
  });

  it('rejections and expiries of a rotation speak of a rotation', () => {
    assert.match(new Texts(en).decisionReply(rotate(requestIn('rejected'))) ?? '', /rejected the rotation of profile/);
    assert.match(new Texts(ptBr).decisionReply(rotate(requestIn('expired'))) ?? '', /solicitação de rotacionar o token/);
    assert.match(new Texts(en).decisionReply(requestIn('rejected')) ?? '', /rejected the revoke of profile/);
  });
});
