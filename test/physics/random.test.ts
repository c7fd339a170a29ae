import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng, permutation } from '../../src/util/random';

test('a seed and label reproduce the same stream; labels are independent', () => {
  const a = createRng(42, 'data');
  const b = createRng(42, 'data');
  const c = createRng(42, 'split');
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(
    xs,
    Array.from({ length: 100 }, () => b.next()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 100 }, () => c.next()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test('uniform draws have the right mean and variance; int covers its range evenly', () => {
  const r = createRng(1);
  const n = 200_000;
  let sum = 0,
    sq = 0;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    sum += x;
    sq += x * x;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 0.005);
  assert.ok(Math.abs(sq / n - (sum * sum) / n / n - 1 / 12) < 0.002);
  const hist = [0, 0, 0, 0];
  for (let i = 0; i < 40_000; i++) hist[r.int(4)]++;
  assert.ok(
    hist.every((h) => Math.abs(h - 10_000) < 400),
    String(hist),
  );
  let ns = 0,
    ns2 = 0;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    ns += z;
    ns2 += z * z;
  }
  assert.ok(Math.abs(ns / n) < 0.01 && Math.abs(ns2 / n - 1) < 0.02);
});

test('permutation is a permutation and seeds refuse junk', () => {
  const p = permutation(1000, createRng(5));
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.throws(() => createRng(-1), /seed/);
  assert.throws(() => createRng(1.5), /seed/);
});
