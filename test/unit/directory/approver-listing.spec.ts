import assert from 'node:assert/strict';
import sinon from 'sinon';
import { ConfiguredDirectory, MAX_LISTED_APPROVERS } from '../../../src/directory/configured-directory';

const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB = 'bbbbbbbb-0000-4000-8000-000000000002';
const CAROL = 'cccccccc-0000-4000-8000-000000000003';
const APPROVERS = 'a9a9a9a9-0000-4000-8000-00000000000a';

describe('ConfiguredDirectory.approverIds (who private notifications go to)', () => {
  it('the allow-list alone, without asking Graph', async () => {
    const members = sinon.stub().resolves([CAROL]);
    const directory = new ConfiguredDirectory({ approverIds: [ALICE.toUpperCase(), BOB], cacheTtlMs: 60_000, membership: { isMember: sinon.stub().resolves(false), members } });
    assert.deepEqual(await directory.approverIds(), [ALICE, BOB]);
    assert.equal(members.callCount, 0);
  });

  it('the allow-list, then the approver group\'s users, each once; what is not an object id is dropped', async () => {
    const members = sinon.stub().resolves([BOB.toUpperCase(), CAROL, 'not-a-guid']);
    const directory = new ConfiguredDirectory({ approverIds: [ALICE, BOB], approverGroupId: APPROVERS, cacheTtlMs: 60_000, membership: { isMember: sinon.stub().resolves(false), members } });
    assert.deepEqual(await directory.approverIds(), [ALICE, BOB, CAROL]);
    assert.deepEqual(members.firstCall.args, [APPROVERS, MAX_LISTED_APPROVERS]);
  });

  it('a Graph failure reaches the caller (who then tells nobody)', async () => {
    const directory = new ConfiguredDirectory({
      approverIds: [],
      approverGroupId: APPROVERS,
      cacheTtlMs: 60_000,
      membership: { isMember: sinon.stub().resolves(false), members: sinon.stub().rejects(new Error('403 Authorization_RequestDenied')) },
    });
    await assert.rejects(directory.approverIds(), /403/);
  });
});
