import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf } from './config-settings';

describe('loadConfig: QUORUM_DEVICE_THRESHOLD', () => {
  it('is off when unset or empty (infra passes an empty value)', () => {
    assert.equal(loadConfig(minimal, {}).quorumDeviceThreshold, undefined);
    assert.equal(loadConfig({ ...minimal, QUORUM_DEVICE_THRESHOLD: '' }, {}).quorumDeviceThreshold, undefined);
  });

  it('reads a whole number of at least 1', () => {
    assert.equal(loadConfig({ ...minimal, QUORUM_DEVICE_THRESHOLD: '1' }, {}).quorumDeviceThreshold, 1);
    assert.equal(loadConfig({ ...minimal, QUORUM_DEVICE_THRESHOLD: ' 500 ' }, {}).quorumDeviceThreshold, 500);
  });

  it('refuses anything else, naming the setting', () => {
    for (const bad of ['0', '-3', '2.5', 'many', '1e99']) {
      assert.ok(problemsOf({ ...minimal, QUORUM_DEVICE_THRESHOLD: bad }).some((p) => p.startsWith('QUORUM_DEVICE_THRESHOLD')), bad);
    }
  });
});
