import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureFloor } from '../../src/paper/featureFloor';
import { predictorMean } from '../../src/paper/posteriorFloor';
import { type DataConfig, dataConfig, generateDataset, simulateProtocol } from '../../src/physics/dataset';
import type { GeneratedProtocol } from '../../src/physics/generator';
import { linspace } from '../../src/physics/sampling';
import { createRng } from '../../src/util/random';

/**
 * The Bayes floor by brute force: every protocol whose jumps sit on a lattice of L points, with
 * its prior weight (n uniform, every set of jump points equally likely, the hold uniform over the
 * interior), grouped by the features the predictor has seen; the group's weighted mean is the
 * best prediction. Returns Σ w (best − y)² over Σ w y², and the same for predictorMean.
 */
function bruteForce(L: number, mode: 'forward' | 'sequence', draws: number): { brute: number; ours: number } {
  const config = dataConfig({ count: 1, samples: 6, minJumps: 2, maxJumps: 3 });
  const T = config.duration;
  const t = linspace(0, T, config.samples);
  const D = config.totalSlipDc * config.params.dc;
  const all: { p: GeneratedProtocol; w: number; y: Float64Array; V: Float64Array }[] = [];
  const choose = (n: number, k: number) => {
    let c = 1;
    for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
    return c;
  };
  function* subsets(n: number, from: number): Generator<number[]> {
    if (n === 0) yield [];
    else for (let j = from; j < L; j++) for (const r of subsets(n - 1, j + 1)) yield [j, ...r];
  }
  for (let n = 2; n <= 3; n++)
    for (const sub of subsets(n, 0))
      for (let hold = 1; hold <= n - 1; hold++) {
        const jumpTimes = sub.map((j) => ((j + 0.5) * T) / L);
        const b = [0, ...jumpTimes, T];
        const velocities = b.slice(0, -1).map((s, k) => (k === hold ? config.holdVelocity : D / n / (b[k + 1] - s)));
        const p = { jumpTimes, velocities, hold };
        const sim = simulateProtocol(config, p, t);
        all.push({ p, w: 1 / 2 / choose(L, n) / (n - 1), y: sim.dmuNorm, V: sim.V });
      }
  const key = (V: Float64Array, last: number) => Array.from(V.slice(0, last + 1), (v) => v.toPrecision(9)).join();
  let brute = 0;
  let norm = 0;
  for (let i = 0; i < t.length; i++) {
    const last = mode === 'sequence' ? t.length - 1 : i;
    const groups = new Map<string, { w: number; s: number }>();
    for (const a of all) {
      const g = groups.get(key(a.V, last)) ?? { w: 0, s: 0 };
      g.w += a.w;
      g.s += a.w * a.y[i];
      groups.set(key(a.V, last), g);
    }
    for (const a of all) {
      const g = groups.get(key(a.V, last)) as { w: number; s: number };
      brute += a.w * (g.s / g.w - a.y[i]) ** 2;
      norm += a.w * a.y[i] ** 2;
    }
  }
  let ours = 0;
  const rng = createRng(7);
  for (const a of all) {
    // a mean of E effective draws adds the posterior variance / E: scaled off as the floor does
    const { mean, ess } = predictorMean(config, a.p, t, mode, 'v', draws, rng);
    for (let i = 0; i < t.length; i++) ours += a.w * (mean[i] - a.y[i]) ** 2 * (ess[i] === Infinity ? 1 : ess[i] / (ess[i] + 1));
  }
  return { brute: brute / norm, ours: ours / norm };
}

test('sequence floor of V/Vch: the posterior mixture agrees with brute-force enumeration of every lattice protocol', () => {
  // 6 samples, 2–3 jumps: intervals shorter than a sample are common, so n, the hidden intervals
  // and the hold's place are all uncertain; 30 points per record (6 per sample interval)
  const { brute, ours } = bruteForce(30, 'sequence', 64);
  assert.ok(brute > 1e-3, `the case must have a floor, got ${brute}`);
  // measured: 2.513e-3 and 2.481e-3 (60 points: 2.937e-3 and 2.872e-3)
  assert.ok(Math.abs(ours - brute) / brute < 0.05, `ours ${ours} vs brute force ${brute}`);
});

test('forward floor of V/Vch: the posterior with the room left to the jumps to come agrees with brute force', () => {
  // the lattice counts the ways to place the jumps still to come (C(m, r)) where the continuum has
  // (T − next)^r / r!, so the two meet as the lattice refines: 5.54e-3 vs 5.93e-3 at 30 points,
  // 6.23e-3 vs 6.20e-3 at 60; 45 points here
  const { brute, ours } = bruteForce(45, 'forward', 32);
  assert.ok(brute > 3e-3, `the case must have a floor, got ${brute}`);
  assert.ok(Math.abs(ours - brute) / brute < 0.04, `ours ${ours} vs brute force ${brute}`);
});

/** One hidden sliding interval in sample interval 20 (a jump pair at 20.3 and 20.6), then a hold to 80.5, then the last slide. */
function hiddenCase(config: DataConfig, t: Float64Array) {
  const dt = t[1] - t[0];
  const share = (config.totalSlipDc * config.params.dc) / 3;
  const jumpTimes = [t[20] + 0.3 * dt, t[20] + 0.6 * dt, t[80] + 0.5 * dt];
  const velocities = [
    share / jumpTimes[0],
    share / (jumpTimes[1] - jumpTimes[0]),
    config.holdVelocity,
    share / (config.duration - jumpTimes[2]),
  ];
  return { p: { jumpTimes, velocities, hold: 2 }, share, dt };
}

/** The posterior mean by quadrature over the free jump of each placement, weighed by its length. */
function quadrature(
  config: DataConfig,
  t: Float64Array,
  placements: { from: number; to: number; make: (x: number) => GeneratedProtocol }[],
) {
  const mean = new Float64Array(t.length);
  const total = placements.reduce((a, q) => a + (q.to - q.from), 0);
  const m = 2000;
  for (const q of placements)
    for (let j = 0; j < m; j++) {
      const y = simulateProtocol(config, q.make(q.from + ((j + 0.5) / m) * (q.to - q.from)), t).dmuNorm;
      for (let i = 0; i < t.length; i++) mean[i] += (y[i] * (q.to - q.from)) / m / total;
    }
  return mean;
}

const error = (p: ArrayLike<number>, y: ArrayLike<number>) => {
  let d = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    d += (p[i] - y[i]) ** 2;
    n += y[i] ** 2;
  }
  return (100 * Math.sqrt(d)) / Math.sqrt(n);
};

test('sequence floor: a hidden slide before the hold or after it, which V/Vch cannot tell apart, by quadrature', () => {
  const config = dataConfig({ count: 1 });
  const t = linspace(0, config.duration, config.samples);
  const { p, share } = hiddenCase(config, t);
  const [t1, , t3] = p.jumpTimes;
  const v = p.velocities;
  // before the hold: the hidden slide ends anywhere in (τ1, t21]; after it: starts anywhere in (t80, τ3)
  const want = quadrature(config, t, [
    { from: t1, to: t[21], make: (x) => ({ jumpTimes: [t1, x, t3], velocities: [v[0], share / (x - t1), v[2], v[3]], hold: 2 }) },
    { from: t[80], to: t3, make: (x) => ({ jumpTimes: [t1, x, t3], velocities: [v[0], v[2], share / (t3 - x), v[3]], hold: 1 }) },
  ]);
  const { mean, truth } = predictorMean(config, p, t, 'sequence', 'v', 4000, createRng(3));
  const got = error(mean, truth);
  const expected = error(want, truth);
  assert.ok(expected > 1, `the case must be ambiguous, got ${expected} %`);
  assert.ok(Math.abs(got - expected) / expected < 0.03, `${got} % vs quadrature ${expected} %`);
});

test('MeanV states which sample interval slipped the hidden share: only the hold start stays free, by quadrature', () => {
  const config = dataConfig({ count: 1 });
  const t = linspace(0, config.duration, config.samples);
  const { p, share } = hiddenCase(config, t);
  const [t1, , t3] = p.jumpTimes;
  const v = p.velocities;
  const want = quadrature(config, t, [
    { from: t1, to: t[21], make: (x) => ({ jumpTimes: [t1, x, t3], velocities: [v[0], share / (x - t1), v[2], v[3]], hold: 2 }) },
  ]);
  const { mean, truth } = predictorMean(config, p, t, 'sequence', 'meanv', 4000, createRng(3));
  const got = error(mean, truth);
  const expected = error(want, truth);
  assert.ok(expected > 0.01, `the hold's start is uncertain, got ${expected} %`);
  assert.ok(Math.abs(got - expected) / expected < 0.05, `${got} % vs quadrature ${expected} %`);
  assert.ok(got < error(predictorMean(config, p, t, 'sequence', 'v', 400, createRng(3)).mean, truth) / 10, 'MeanV removes the ambiguity');
});

test('seeing the whole sequence can only lower the pooled error; MeanV lowers it further; grid 0', () => {
  const config = dataConfig({ count: 80, seed: 2 });
  const ds = generateDataset(config);
  const pooled = (predictor: 'forward' | 'sequence', features: 'v' | 'meanv') =>
    featureFloor(config, ds.sequences, { predictor, features, draws: 16 }).pooled;
  const [forward, sequence] = [pooled('forward', 'v'), pooled('sequence', 'v')];
  assert.ok(forward > sequence && sequence > 0, `${forward} ${sequence}`);
  assert.ok(pooled('forward', 'meanv') < forward / 4, 'MeanV says where each jump fell');
  const grid = dataConfig({ count: 20, seed: 2, timing: 'grid' });
  const g = featureFloor(grid, generateDataset(grid).sequences, { predictor: 'forward', features: 'grid', draws: 4 });
  assert.deepEqual(g.errors, Array(20).fill(0));
  assert.throws(() => featureFloor(config, ds.sequences, { predictor: 'forward', features: 'grid', draws: 4 }), /timing grid/);
  assert.throws(() => featureFloor(config, ds.sequences, { predictor: 'agnostic', features: 'meanv', draws: 4 }), /agnostic/);
  const many = dataConfig({ count: 2, maxJumps: 9 });
  assert.throws(() => featureFloor(many, generateDataset(many).sequences, { predictor: 'sequence', features: 'v', draws: 4 }), /8 jumps/);
});
