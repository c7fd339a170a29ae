import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSigned, formatStat, stat } from '../../src/util/stats';

test('stat: the mean and the sample sd (n − 1) of 1, 2, 3, 6 are 3 and √(14/3)', () => {
  const s = stat([1, 2, 3, 6]);
  assert.equal(s.mean, 3);
  assert.ok(Math.abs((s.sd ?? NaN) - Math.sqrt(14 / 3)) < 1e-15);
  assert.deepEqual(stat([2.5]), { mean: 2.5, sd: null, n: 1 });
});

test('formatStat and formatSigned write a negative number with a true minus sign; signed also gives + to a positive mean', () => {
  assert.equal(formatStat({ mean: -0.123, sd: 0.05, n: 3 }, 2), '−0.12 ± 0.05');
  assert.equal(formatStat({ mean: 0.123, sd: 0.05, n: 3 }, 2), '0.12 ± 0.05');
  assert.equal(formatStat({ mean: 0.123, sd: 0.05, n: 3 }, 2, true), '+0.12 ± 0.05');
  assert.equal(formatStat({ mean: 1.23456, sd: null, n: 1 }, 3), '1.235');
  assert.equal(formatSigned(-1.5, 1), '−1.5');
  assert.equal(formatSigned(0.25), '+0.25');
});
