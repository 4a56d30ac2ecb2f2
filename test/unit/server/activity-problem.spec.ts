import assert from 'node:assert/strict';
import { activityProblem } from '../../../src/server';

describe('activityProblem', () => {
  it('accepts a plausible activity', () => {
    assert.equal(activityProblem({ type: 'message', text: 'hi', conversation: { id: 'c' }, from: { id: 'u' } }), undefined);
  });

  it('names what is wrong with anything else', () => {
    assert.match(activityProblem(null)!, /JSON object/);
    assert.match(activityProblem([1])!, /JSON object/);
    assert.match(activityProblem('text')!, /JSON object/);
    assert.match(activityProblem({})!, /no type/);
    assert.match(activityProblem({ type: 'message', from: 'x' })!, /from must be an object/);
    assert.match(activityProblem({ type: 'message', serviceUrl: 42 })!, /serviceUrl must be a string/);
    assert.match(activityProblem({ type: 'message', conversation: {} })!, /conversation has no id/);
  });
});
