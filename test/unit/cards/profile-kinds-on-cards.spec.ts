import assert from 'node:assert/strict';
import { approvalCardData, buildApprovalCard } from '../../../src/cards/approval-card-view';
import { pendingCardData } from '../../../src/cards/pending-card-view';
import { buildProfileCard, profileCardData } from '../../../src/cards/profile-card-view';
import { profileListCardData } from '../../../src/cards/profile-list-card-view';
import { historyCardData } from '../../../src/cards/history-card-view';
import { en } from '../../../src/i18n/en';
import { ptBr } from '../../../src/i18n/pt-br';
import { Texts } from '../../../src/i18n/texts';
import { toProfileDetails } from '../../../src/intune/profile-details';
import { toProfileSummary } from '../../../src/intune/profile-summary';
import { NOW, pendingRequest } from './revoke-request-fixture';

/** Every card that shows a profile says which kind it is, in English and Portuguese. */
const WORK_RAW = { id: 'w0000000-0000-4000-8000-000000000001', displayName: 'Work Profile Sales Staff', tokenExpirationDateTime: '2030-01-01T00:00:00Z', enrolledDeviceCount: 310, description: 'Sales' };
const OWNER_RAW = { id: 'd0000000-0000-4000-8000-000000000001', displayName: 'AOSP Headsets', enrollmentMode: 'corporateOwnedAOSPUserlessDevice', tokenExpirationDateTime: '2030-01-01T00:00:00Z', enrolledDeviceCount: 14, enrollmentTokenUsageCount: 14, wifiSsid: 'LAB', configureWifi: true };

describe('profile kinds on cards', () => {
  const workSnapshot = toProfileSummary(WORK_RAW, 'work-profile')!;
  const ownerSnapshot = toProfileSummary(OWNER_RAW, 'device-owner')!;

  for (const [language, messages, work, owner] of [
    ['English', en, 'Android work profile', 'Android Device Owner'],
    ['Portuguese', ptBr, 'Perfil de trabalho Android', 'Android Proprietário do Dispositivo'],
  ] as const) {
    it(`approval card (${language}): the kind, and a mode only for Device Owner`, () => {
      const workCard = approvalCardData(pendingRequest({ profile: workSnapshot }), 'shared', { now: NOW, messages });
      assert.equal(workCard.profile.kind, work);
      assert.equal(workCard.profile.mode, undefined);
      assert.equal(workCard.labels.profileKind, messages.card.profileKind);
      assert.ok(JSON.stringify(buildApprovalCard(pendingRequest({ profile: workSnapshot }), 'shared', { now: NOW, messages })).includes(work));
      const ownerCard = approvalCardData(pendingRequest({ profile: ownerSnapshot }), 'shared', { now: NOW, messages });
      assert.equal(ownerCard.profile.kind, owner);
      assert.equal(ownerCard.profile.mode, messages.enrollmentMode('corporateOwnedAOSPUserlessDevice'));
      // A request stored before kinds existed is a Device Owner one.
      const { kind: _none, ...legacy } = ownerSnapshot;
      assert.equal(approvalCardData(pendingRequest({ profile: legacy }), 'shared', { now: NOW, messages }).profile.kind, owner);
    });

    it(`list card (${language}): each row names its kind; usage count only for AOSP`, () => {
      const data = profileListCardData({ profiles: [ownerSnapshot, workSnapshot], page: 0, now: NOW, messages });
      assert.ok(data.rows[0].details.startsWith(owner), data.rows[0].details);
      assert.ok(data.rows[0].details.includes(messages.listCard.aospEnrolledWithToken({ count: 14 })));
      assert.ok(data.rows[1].details.startsWith(work), data.rows[1].details);
      assert.ok(!data.rows[1].details.includes('AOSP'));
      assert.equal(data.rows[1].details.split(' · ').length, 2, 'kind and devices: no mode, no usage count');
    });

    it(`profile card (${language}): the kind, and no Device Owner-only facts for a work profile`, () => {
      const workDetails = toProfileDetails(WORK_RAW, 'work-profile')!;
      const data = profileCardData({ profile: workDetails, revokes: [], now: NOW, messages });
      assert.equal(data.profile.kind, work);
      for (const key of ['mode', 'tokenType', 'scopeTags', 'wifi', 'teamsDevice', 'aospDevicesWithToken'] as const) assert.equal(data.profile[key], undefined, key);
      const card = buildProfileCard({ profile: workDetails, revokes: [], now: NOW, messages }) as { body: { type: string; facts?: { title: string; value: string }[] }[] };
      const facts = card.body.flatMap((element) => element.facts ?? []);
      assert.deepEqual(facts.find((f) => f.title === messages.profileCard.profileKind)?.value, work);
      const titles = facts.map((f) => f.title);
      for (const absent of ['wifi', 'enrollmentMode', 'tokenType', 'scopeTags', 'teamsDevice'] as const) assert.ok(!titles.includes(messages.profileCard[absent]), absent);
      const ownerData = profileCardData({ profile: toProfileDetails(OWNER_RAW, 'device-owner')!, revokes: [], now: NOW, messages });
      assert.equal(ownerData.profile.kind, owner);
      assert.ok(ownerData.profile.mode && ownerData.profile.wifi && ownerData.profile.aospDevicesWithToken);
    });

    it(`pending and history cards (${language}) name the kind`, () => {
      const pending = pendingCardData([pendingRequest({ profile: workSnapshot }), pendingRequest({ id: 'req-2', profile: ownerSnapshot })], NOW, messages);
      assert.ok(pending.rows[0].summary.startsWith(work));
      assert.ok(pending.rows[1].summary.startsWith(owner));
      const texts = new Texts(messages);
      const history = historyCardData({
        entries: [{ at: NOW.toISOString(), seq: 1, action: 'request.created', actorId: 'a', profileId: workSnapshot.id, requestId: 'req-1' }],
        profileNames: new Map([[workSnapshot.id, texts.profileWithKind(workSnapshot)]]),
        messages,
      });
      assert.equal(history.rows[0].profile, `Work Profile Sales Staff (${work})`);
    });
  }
});
