/** The hygiene report's categories at their boundaries, one row per token, urgency order, and the card it makes. */
import assert from 'node:assert/strict';
import { buildHygieneCard } from '../../../src/cards/hygiene-card-view';
import { buildHygieneReport, DEFAULT_HYGIENE_THRESHOLDS, hygieneReasons } from '../../../src/hygiene/hygiene-report';
import { ptBr } from '../../../src/i18n/pt-br';
import type { ProfileSummary } from '../../../src/intune/profile-summary';
import { cardText } from '../../support/adaptive-card-reading';

const NOW = new Date('2030-06-01T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
let next = 0;

function profile(over: Partial<ProfileSummary> & { expiresIn?: number | null; createdAgo?: number }): ProfileSummary {
  const { expiresIn = 60, createdAgo, ...rest } = over;
  next++;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    displayName: `Profile ${next}`,
    enrollmentMode: 'corporateOwnedDedicatedDevice',
    tokenExpirationDateTime: expiresIn === null ? null : at(expiresIn),
    enrolledDeviceCount: 5,
    tokenUsageCount: 0,
    tokenCreationDateTime: createdAgo === undefined ? null : at(-createdAgo),
    ...rest,
  };
}

const reasons = (p: ProfileSummary) => hygieneReasons(p, NOW, DEFAULT_HYGIENE_THRESHOLDS);
const SECOND = 1 / 86400;

describe('the token hygiene report', () => {
  it('renew soon: expiring within HYGIENE_EXPIRING_DAYS (14) counts, a second later does not; expired tokens are not listed', () => {
    assert.deepEqual(reasons(profile({ expiresIn: 14 })), ['expiring']);
    assert.deepEqual(reasons(profile({ expiresIn: 14 + SECOND })), []);
    assert.deepEqual(reasons(profile({ expiresIn: 0.01 })), ['expiring']);
    assert.deepEqual(reasons(profile({ expiresIn: -1 })), [], 'expired (or revoked): nothing to steal');
    assert.deepEqual(reasons(profile({ expiresIn: null })), [], 'no token');
  });

  it('long-lived: valid for more than HYGIENE_LONG_LIVED_DAYS (90) from now; exactly 90 days is not', () => {
    assert.deepEqual(reasons(profile({ expiresIn: 90 })), []);
    assert.deepEqual(reasons(profile({ expiresIn: 90 + SECOND })), ['long-lived']);
  });

  it('no devices: an active token on a profile with 0 enrolled devices; a profile without a token is not listed', () => {
    assert.deepEqual(reasons(profile({ enrolledDeviceCount: 0 })), ['no-devices']);
    assert.deepEqual(reasons(profile({ enrolledDeviceCount: 1 })), []);
    assert.deepEqual(reasons(profile({ enrolledDeviceCount: 0, expiresIn: null })), []);
  });

  it('old: created more than HYGIENE_OLD_TOKEN_DAYS (180) ago and still valid; unknown creation (work profiles) is never old', () => {
    assert.deepEqual(reasons(profile({ createdAgo: 180 })), []);
    assert.deepEqual(reasons(profile({ createdAgo: 180 + SECOND })), ['old']);
    assert.deepEqual(reasons(profile({ createdAgo: 400, expiresIn: -1 })), [], 'expired: not listed');
    assert.deepEqual(reasons(profile({ kind: 'work-profile', tokenCreationDateTime: null })), []);
  });

  it('the thresholds are the settings: other values move the boundaries', () => {
    const strict = { expiringDays: 30, longLivedDays: 45, oldTokenDays: 10 };
    assert.deepEqual(hygieneReasons(profile({ expiresIn: 29, createdAgo: 11 }), NOW, strict), ['expiring', 'old']);
    assert.deepEqual(hygieneReasons(profile({ expiresIn: 46 }), NOW, strict), ['long-lived']);
  });

  it('a token in several categories is one row with every reason, counted in each category; rows go most urgent first', () => {
    const all = [
      profile({ displayName: 'Long', expiresIn: 300 }),
      profile({ displayName: 'Everything', expiresIn: 400, createdAgo: 300, enrolledDeviceCount: 0 }),
      profile({ displayName: 'Fine', expiresIn: 30 }),
      profile({ displayName: 'Soon B', expiresIn: 9 }),
      profile({ displayName: 'Soon A', expiresIn: 2, enrolledDeviceCount: 0 }),
      profile({ displayName: 'Old', expiresIn: 60, createdAgo: 200 }),
      profile({ displayName: 'Expired', expiresIn: -3, enrolledDeviceCount: 0 }),
    ];
    const report = buildHygieneReport(all, NOW, DEFAULT_HYGIENE_THRESHOLDS);
    assert.deepEqual(report.counts, { expiring: 2, 'no-devices': 2, old: 2, 'long-lived': 2 });
    assert.equal(report.activeTokens, 6);
    assert.deepEqual(
      report.rows.map((row) => [row.profile.displayName, row.reasons.join('+')]),
      [
        ['Soon A', 'expiring+no-devices'],
        ['Soon B', 'expiring'],
        ['Everything', 'no-devices+old+long-lived'],
        ['Old', 'old'],
        ['Long', 'long-lived'],
      ],
    );
    assert.equal(report.rows.find((r) => r.profile.displayName === 'Everything')?.createdDaysAgo, 300);
    assert.equal(report.rows[0].kind, 'device-owner', 'a profile without a kind is Device Owner');
  });

  it('the card: counts in the heading, each row with kind, devices and why, a Request revoke button, pages of 10 with Show more', () => {
    const many = Array.from({ length: 23 }, (_, i) => profile({ displayName: `Soon ${String(i).padStart(2, '0')}`, expiresIn: 1 + i / 10 }));
    const report = buildHygieneReport([...many, profile({ displayName: 'Idle', enrolledDeviceCount: 0, kind: 'work-profile' })], NOW, DEFAULT_HYGIENE_THRESHOLDS);
    const first = buildHygieneCard({ report, page: 0, origin: { askedBy: 'Bob' } }) as { actions?: { verb: string; data: unknown }[] };
    const text = cardText(first);
    assert.match(text, /Renew soon \(expire within 14 days\)\s*23/);
    assert.match(text, /Active on a profile with no enrolled device\s*1/);
    assert.match(text, /Created more than 180 days ago\s*0/);
    assert.match(text, /Valid for more than 90 days from now\s*0/);
    assert.match(text, /Tokens 1–10 of 24/);
    assert.match(text, /Android Device Owner · Dedicated · 5 enrolled devices/);
    assert.match(text, /expires in 1 day: renew soon \(rotate\)/);
    assert.match(text, /Asked for by Bob/);
    assert.match(text, /Renew soon: give the profile a new token before this one expires with `rotate <profile>`/, 'renew soon points to rotate');
    const json = JSON.stringify(first);
    assert.equal(json.match(/"verb":"request-revoke"/g)?.length, 10);
    assert.deepEqual(first.actions?.map((a) => [a.verb, a.data]), [['report-more', { page: 1 }]]);
    assert.ok(Buffer.byteLength(json) < 28_000 / 2, `${Buffer.byteLength(json)} bytes`);

    const last = buildHygieneCard({ report, page: 2, origin: { scheduled: true }, messages: ptBr }) as Record<string, unknown>;
    const lastText = cardText(last);
    assert.match(lastText, /Tokens 21–24 de 24/);
    assert.match(lastText, /Perfil de trabalho Android · 0 dispositivos registrados/);
    assert.match(lastText, /nenhum dispositivo registrado/);
    assert.match(lastText, /Publicado pelo agendamento/);
    assert.match(lastText, /`rotacionar <perfil>`/);
    assert.equal((last as { actions?: unknown[] }).actions, undefined, 'no Show more on the last page');
  });

  it('the longest names on a full page stay far under the 28 KB Teams limit', () => {
    const long = Array.from({ length: 30 }, (_, i) => profile({ displayName: `${'Ж'.repeat(190)} ${i}`, expiresIn: 400, createdAgo: 300, enrolledDeviceCount: 0 }));
    const report = buildHygieneReport(long, NOW, DEFAULT_HYGIENE_THRESHOLDS);
    for (const messages of [undefined, ptBr]) {
      const bytes = Buffer.byteLength(JSON.stringify(buildHygieneCard({ report, page: 0, origin: { askedBy: 'x'.repeat(200) }, messages })));
      assert.ok(bytes < 20_000, `${bytes} bytes`);
    }
  });
});
