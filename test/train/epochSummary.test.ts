import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochSummary } from '../../src/train/epochSummary';

test('epochSummary: the last epoch, the mean of the last 10 and the best, by hand', () => {
  const errors = Array.from({ length: 14 }, (_, i) => 5 - 0.25 * i + (i === 6 ? -2 : 0)); // 5, 4.75, …, 1.75; epoch 6 dips to 1.5
  const s = epochSummary(errors);
  assert.equal(s.last, 1.75);
  // epochs 4..13: 4, 3.75, 1.5 (the dip), 3.25, …, 1.75
  const tail = [4, 3.75, 1.5, 3.25, 3, 2.75, 2.5, 2.25, 2, 1.75];
  assert.equal(s.meanOfLast, tail.reduce((a, x) => a + x, 0) / 10);
  assert.equal(s.best, 1.5);
  assert.equal(s.epochs, 14);
  assert.equal(epochSummary([3, 2]).meanOfLast, 2.5, 'fewer epochs than the tail: their mean');
  assert.throws(() => epochSummary([]), /no epochs/);
});
