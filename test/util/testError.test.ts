import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogram, summarizeErrors, testErrorPercent } from '../../src/util/testError';

test('eq. (15) against a hand computation', () => {
  // ||(0, 1, 2)|| = √5 over ||(1, 1, 1)|| = √3
  assert.ok(Math.abs(testErrorPercent([1, 2, 3], [1, 1, 1]) - 100 * Math.sqrt(5 / 3)) < 1e-12);
  assert.equal(testErrorPercent([3, 4], [3, 4]), 0);
  assert.ok(Math.abs(testErrorPercent([0, 0], [3, 4]) - 100) < 1e-12);
});

test('a target of norm zero has no relative error and is counted apart, never averaged in', () => {
  assert.ok(Number.isNaN(testErrorPercent([1, 2], [0, 0])));
  const s = summarizeErrors([10, NaN, 20, 30]);
  assert.deepEqual(s, { mean: 20, median: 20, count: 3, undefinedCount: 1 });
  assert.equal(summarizeErrors([1, 2, 3, 10]).median, 2.5);
});

test('histogram bins are [lo, hi), and everything past the last edge lands in the last bin', () => {
  const h = histogram([0, 1.99, 2, 3, 39, 40, 500, NaN], [0, 2, 4, 40]);
  assert.deepEqual(h.counts, [2, 2, 3]);
  assert.deepEqual(h.edges, [0, 2, 4, 40]);
});
