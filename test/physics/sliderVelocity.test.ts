import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectProtocol, importDataset, importDefaults } from '../../src/physics/importExperiments';
import type { Experiment } from '../../src/physics/lab/record';
import { frictionRate, withSliderVelocity } from '../../src/physics/lab/sliderVelocity';
import { linspace } from '../../src/physics/sampling';
import { simulateSpringSlider } from '../../src/physics/springSlider';
import { InputError } from '../../src/util/inputError';
import { createRng } from '../../src/util/random';

/**
 * A lab-like spring-slider record whose slider velocity is known: 1 → 10 µm/s at 30 s, 100 s at
 * 10 Hz, k = 1000 per metre (0.001 per µm), aging law a = 0.005, b = 0.008, Dc = 20 µm.
 */
const k = 1000;
const t = linspace(0, 100, 1001);
const sim = simulateSpringSlider(
  {
    params: { mu0: 0.6, a: 0.005, vRef: 1e-6, k, states: [{ law: 'aging', b: 0.008, dc: 2e-5 }] },
    v0: 1e-6,
    duration: 100,
    jumpTimes: [30],
    velocities: [1e-6, 1e-5],
  },
  t,
);
const Vlp = t.map((x) => (x >= 30 ? 1e-5 : 1e-6));

function record(noise: number): Experiment {
  const rng = createRng(7, 'slider noise');
  const mu = sim.mu.map((m) => m + noise * rng.normal());
  return { source: 'ss.csv', velocity: 'V', t, V: Vlp, mu, lines: Int32Array.from(t, (_, i) => i + 2) };
}
const breaks = (e: Experiment) => detectProtocol(e, importDefaults).jumpRows;
/** rows at least `after` s past the step and `edge` rows from either end */
const settled = (after: number, edge: number) =>
  [...t.keys()].filter(
    (i) => (t[i] < 30 || t[i] >= 30 + after) && i >= edge && i < t.length - edge && !(t[i] < 30 && t[i] > 30 - edge * 0.1),
  );

test('the smoothed rate of a straight line is its slope, on either side of a break, whatever the window', () => {
  const mu = t.map((x) => (x < 30 ? 0.6 + 2e-3 * x : 0.5 - 7e-4 * x));
  for (const half of [1, 5, 20]) {
    const r = frictionRate(t, mu, [300], half);
    r.forEach((x, i) => assert.ok(Math.abs(x - (i < 300 ? 2e-3 : -7e-4)) < 1e-12, `half ${half} row ${i}: ${x}`));
  }
});

test('without noise V = V_lp − (dμ/dt)/k gives the simulated slider velocity', () => {
  const e = record(0);
  assert.deepEqual(breaks(e), [300]);
  const s = withSliderVelocity(e, k, breaks(e)).slider!;
  // the slider accelerates past 10 µm/s and settles over a few seconds (the truth peaks at 14.5 µm/s
  // 3 s after the step); the 11-row line smooths that curvature, so 1 s on it agrees to 2.5 % of
  // the new velocity, and 10 s on, to 0.1 % of the slider's own
  for (const i of settled(1, 0)) assert.ok(Math.abs(s[i] - sim.V[i]) < 0.025 * 1e-5, `row ${i}: ${s[i]} vs ${sim.V[i]}`);
  for (const i of settled(10, 0)) assert.ok(Math.abs(s[i] - sim.V[i]) < 1e-3 * sim.V[i], `row ${i}: ${s[i]} vs ${sim.V[i]}`);
  // the load point's V is not it: right after the step the slider still lags by µm/s
  assert.ok(Math.abs(Vlp[302] - sim.V[302]) > 1e-6);
  assert.ok(Math.abs(s[302] - sim.V[302]) < 0.3 * Math.abs(Vlp[302] - sim.V[302]), 'the correction removes most of the lag');
});

test('with noise σ in μ the error has the sd of a least-squares slope, σ / (k Δt √(n(n² − 1)/12))', () => {
  const sigma = 2e-5;
  const e = record(sigma);
  for (const half of [5, 10]) {
    // the estimate is linear in μ: its noisy part is the noisy estimate less the clean one
    const noisy = withSliderVelocity(e, k, breaks(e), half).slider!;
    const clean = withSliderVelocity(record(0), k, [300], half).slider!;
    const n = 2 * half + 1;
    const predicted = sigma / (k * 0.1 * Math.sqrt((n * (n * n - 1)) / 12));
    const rows = settled(0, half).filter((i) => Math.abs(i - 300) > half); // full two-sided lines only
    const rms = Math.sqrt(rows.reduce((a, i) => a + (noisy[i] - clean[i]) ** 2, 0) / rows.length);
    assert.ok(Math.abs(rms / predicted - 1) < 0.2, `half ${half}: rms ${rms} vs ${predicted}`);
  }
});

test('import with the slider velocity: features are V/Vch of the slider, jumps keep the load point ratio', () => {
  const e = withSliderVelocity(record(0), k, [300]);
  const ds = importDataset([e], { ...importDefaults, samples: 1001, vCh: 1e-5, dmuCh: 0.01 });
  const q = ds.sequences[0];
  for (const i of settled(1, 0)) assert.ok(Math.abs(q.Features[i] - sim.V[i] / 1e-5) < 0.025, `Features[${i}]`);
  assert.ok(Math.abs(q.LogVRatio[0] - Math.log(10)) < 1e-12);
  // MeanV integrates the slider's V: over the whole record its mean is the slip over 100 s / Vch
  const meanV = q.MeanV.slice(1).reduce((a, x) => a + x, 0) / 1000;
  assert.ok(Math.abs(meanV - sim.slip[1000] / 100 / 1e-5) < 2e-3, `${meanV} vs ${sim.slip[1000] / 100 / 1e-5}`);
});

test('a stiffness that is not > 0 is refused naming --k', () => {
  for (const bad of [0, -5, Number.NaN])
    assert.throws(
      () => withSliderVelocity(record(0), bad, [300]),
      (x: unknown) => x instanceof InputError && x.field === '--k',
    );
});
