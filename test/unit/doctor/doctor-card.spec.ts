import { strict as assert } from 'node:assert';
import { doctorCard } from '../../../src/doctor/doctor-card-view';
import { reportOf } from '../../../src/doctor/doctor-check';
import { publicReport } from '../../../src/doctor/format-report';
import { allObjects, visibleTexts } from '../../support/adaptive-card-reading';
import { checkAdaptiveCard } from '../cards/parse-adaptive-card';

const report = reportOf(
  [
    { id: 'settings', title: 'Settings', status: 'pass', found: 'Valid: SingleTenant bot b07a.' },
    { id: 'intune', title: 'Intune', status: 'fail', found: 'Intune answered 400: no Intune licence.', fix: 'Assign an Intune licence [here](https://evil.example/x) ${danger}' },
    { id: 'approval-channel', title: 'APPROVAL_CHANNEL_ID', status: 'skip', found: 'APPROVAL_CHANNEL_ID is not set.' },
  ],
  new Date('2026-12-01T10:00:00.123Z'),
);

describe('doctor card', function () {
  it('is a valid 1.5 card showing every check with its mark, what was found and the fix', function () {
    const card = doctorCard(report);
    const check = checkAdaptiveCard(card);
    assert.deepEqual(check.parseEvents, []);
    assert.deepEqual(check.validationEvents, []);
    const texts = visibleTexts(card);
    assert.ok(texts.includes('1 check failed, 1 passed.'), texts.join(' | '));
    for (const expected of ['✔ ', '✘ ', '– ', 'Settings', 'Intune', 'Intune answered 400: no Intune licence.', 'APPROVAL_CHANNEL_ID is not set.']) assert.ok(texts.includes(expected), expected);
    assert.equal(allObjects(card).filter((o) => o.text === 'Fix: ').length, 1, 'a fix line only where there is a fix');
    assert.ok(texts.some((t) => t.includes('{{DATE(2026-12-01T10:00:00Z, SHORT)}}')));
  });

  it('shows found and fix texts verbatim as plain TextRuns (no template expansion, no markdown TextBlock)', function () {
    const card = doctorCard(report);
    const run = allObjects(card).find((o) => typeof o.text === 'string' && (o.text as string).startsWith('Assign an Intune licence'));
    assert.equal(run?.type, 'TextRun');
    assert.equal(run?.text, 'Assign an Intune licence [here](https://evil.example/x) ${danger}');
  });

  it('the public (/healthz?deep=1) form carries only ids and statuses', function () {
    const out = publicReport(report);
    assert.deepEqual(out, { status: 'failing', checkedAt: '2026-12-01T10:00:00.123Z', checks: [{ id: 'settings', status: 'pass' }, { id: 'intune', status: 'fail' }, { id: 'approval-channel', status: 'skip' }] });
  });
});
