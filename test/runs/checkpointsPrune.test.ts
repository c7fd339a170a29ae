import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkpointsToPrune } from '../../src/runs/checkpoints';

const errors = (pairs: [number, number][]) => new Map(pairs);

test('checkpointsToPrune keeps the newest K and the lowest test error; 0 keeps all', () => {
  const e = errors([
    [1, 9],
    [2, 3],
    [3, 5],
    [4, 4],
    [5, 6],
  ]);
  assert.deepEqual(checkpointsToPrune([1, 2, 3, 4, 5], e, 2), [1, 3]);
  assert.deepEqual(checkpointsToPrune([5, 3, 1, 4, 2], e, 1), [1, 3, 4]);
  assert.deepEqual(checkpointsToPrune([1, 2, 3, 4, 5], e, 0), []);
  assert.deepEqual(checkpointsToPrune([1, 2], e, 2), []);
  // The best is among the newest: nothing extra is kept.
  assert.deepEqual(
    checkpointsToPrune(
      [1, 2, 3, 4],
      errors([
        [1, 9],
        [2, 8],
        [3, 7],
        [4, 1],
      ]),
      2,
    ),
    [1, 2],
  );
  // A tie keeps the later epoch; a NaN error is never the best; an epoch without metrics is only kept if newest.
  assert.deepEqual(
    checkpointsToPrune(
      [1, 2, 3, 4],
      errors([
        [1, 2],
        [2, 2],
        [3, Number.NaN],
        [4, 5],
      ]),
      1,
    ),
    [1, 3],
  );
  assert.deepEqual(checkpointsToPrune([1, 2, 3], errors([]), 1), [1, 2]);
});
