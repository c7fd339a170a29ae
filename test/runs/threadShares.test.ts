import assert from 'node:assert/strict';
import { test } from 'node:test';
import { threadShares } from '../../src/runs/localExecutor';

/** The local executor's split of a run's GRU threads among the points running at one moment. */
test('threadShares: the run’s threads split as evenly as whole numbers allow, each point at least one', () => {
  assert.deepEqual(threadShares(2, 1), [2]);
  assert.deepEqual(threadShares(2, 2), [1, 1]);
  assert.deepEqual(threadShares(16, 3), [6, 5, 5]);
  assert.deepEqual(threadShares(2, 3), [1, 1, 1]);
  for (let threads = 1; threads <= 20; threads++)
    for (let points = 1; points <= threads; points++) {
      const s = threadShares(threads, points);
      assert.equal(
        s.reduce((a, b) => a + b, 0),
        threads,
        `${threads} threads over ${points} points`,
      );
      assert.ok(Math.max(...s) - Math.min(...s) <= 1);
    }
});
