import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CompareWindow,
  compareOnWindows,
  lawFriction,
  overlapsAny,
  predictorCurves,
  requireFitOfRecord,
  scoreWindows,
  trainedStretches,
  windowsOfDataset,
  windowsWithSteps,
} from '../../src/fit/compare';
import type { FitFile } from '../../src/fit/fitFile';
import { importDataset, importDefaults } from '../../src/physics/importExperiments';
import { linspace } from '../../src/physics/sampling';
import { InputError } from '../../src/util/inputError';
import { createRng } from '../../src/util/random';
import { rk4Friction } from '../support/rk4SpringSlider';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

const win = (index: number, mu: number[], muStart: number): CompareWindow => ({
  index,
  t: linspace(0, mu.length - 1, mu.length),
  mu: Float64Array.from(mu),
  muStart,
});

test('rms and eq. (15) of known residuals', () => {
  const w = [win(0, [1, 2, 3, 4], 1), win(1, [5, 5, 6, 6], 5)];
  const r0 = [0.1, -0.1, 0.1, -0.1];
  const r1 = [0.2, 0.2, 0.2, 0.2];
  const s = scoreWindows(w, [w[0].mu.map((m, i) => m + r0[i]), w[1].mu.map((m, i) => m + r1[i])]);
  // pooled over the 8 samples: (4 × 0.01 + 4 × 0.04) / 8
  close(s.rms, Math.sqrt(0.025), 1e-15, 'pooled rms');
  close(s.perWindow[0].rms, 0.1, 1e-15, 'window 0 rms');
  close(s.perWindow[1].rms, 0.2, 1e-15, 'window 1 rms');
  // eq. (15) on the change from the start: targets (0, 1, 2, 3) and (0, 0, 1, 1)
  close(s.perWindow[0].eq15, (100 * 0.2) / Math.sqrt(14), 1e-12, 'window 0 eq. (15)');
  close(s.perWindow[1].eq15, (100 * 0.4) / Math.sqrt(2), 1e-12, 'window 1 eq. (15)');
  close(s.eq15.mean, (100 * 0.2) / Math.sqrt(14) / 2 + (100 * 0.4) / Math.sqrt(2) / 2, 1e-12, 'mean eq. (15)');
});

test('the constant predictor: eq. (15) is exactly 100 % where μ moves, its rms the closed form of a ramp', () => {
  // μ = m0 + c i, i = 0..n−1: rms of c i is c √((n − 1)(2n − 1)/6)
  const n = 50;
  const c = 3e-4;
  const ramp = win(
    0,
    Array.from({ length: n }, (_, i) => 0.6 + c * i),
    0.6,
  );
  const flat = win(1, [0.5, 0.5, 0.5], 0.5);
  const curves = predictorCurves([ramp, flat], {
    law: [ramp.mu, flat.mu],
    net: [ramp.mu, flat.mu],
  });
  const s = compareOnWindows([ramp, flat], curves).constant;
  close(s.perWindow[0].rms, c * Math.sqrt(((n - 1) * (2 * n - 1)) / 6), 1e-15, 'ramp rms');
  assert.equal(s.perWindow[0].eq15, 100);
  // a window whose μ never moves has no relative error: counted apart, not a division by zero
  assert.ok(Number.isNaN(s.perWindow[1].eq15));
  assert.deepEqual([s.eq15.count, s.eq15.undefinedCount, s.eq15.mean], [1, 1, 100]);
});

// A record from a known law, integrated independently (RK4 in test/support), with white noise.
const law = { a: 0.01, b: 0.006, dc: 2e-5, k: 2e3, mu0: 0.6, trend: 5 };
const steps = [
  { time: 30, velocity: 1e-5 },
  { time: 65, velocity: 3e-6 },
];
const v0 = 1e-6;
const fit: FitFile = {
  law: 'aging',
  states: 1,
  params: law,
  noise: 1e-4,
  steps,
  record: { v0, duration: 100, sampleRate: 10, vCh: 1e-5, dmuCh: 0.01 },
};

function syntheticRecord(sd: number) {
  const t = linspace(0, 100, 1001);
  const truth = rk4Friction(law, { v0, steps }, t);
  const rng = createRng(7, 'compare-test');
  const noise = Float64Array.from(t, () => sd * rng.normal());
  const V = Float64Array.from(t, (x) => (x >= 65 ? 3e-6 : x >= 30 ? 1e-5 : v0));
  return {
    experiment: {
      source: 'synthetic.csv',
      velocity: 'V',
      t,
      V,
      mu: truth.map((m, i) => m + noise[i]),
      lines: Int32Array.from(t, (_, i) => i + 2),
    },
    truth,
    noise,
  };
}

test("the fitted law's μ is the spring-slider's: against an independent RK4, steady state and the trend", () => {
  const t = Float64Array.from([99, 0, 29.9, 40, 64.5, 80]); // any order
  const mu = lawFriction(fit, t, 'fit.json');
  const ref = rk4Friction(
    law,
    { v0, steps },
    [...t].sort((x, y) => x - y),
  );
  const sorted = [...t].sort((x, y) => x - y);
  t.forEach((x, i) => close(mu[i], ref[sorted.indexOf(x)], 1e-9, `μ at ${x} s`));
  // 29.9 s: steady at v0, plus the trend over 29.9 µm of load-point slip
  close(mu[2], law.mu0 + law.trend * 29.9e-6, 1e-12, 'steady before the step');
  // 64.5 s: 34.5 s at 10 µm/s, 17,000 Dc after the step: steady at ln(10) above, (a − b) ln 10
  close(mu[4], law.mu0 + (law.a - law.b) * Math.log(10) + law.trend * (30e-6 + 34.5e-5), 1e-10, 'steady after the step');
});

test('a "net" that is the true law scores what the fitted law scores, and both are the noise about the start', () => {
  const sd = 1e-4;
  const { experiment, truth } = syntheticRecord(sd);
  // 101 samples over 100 s: every tenth row, so no interpolation enters the measured μ
  const ds = importDataset([experiment], { ...importDefaults, samples: 101, vCh: 1e-6, dmuCh: 0.01 });
  const windows = windowsOfDataset(ds);
  assert.equal(windows.length, 1);
  requireFitOfRecord(fit, steps, 100, 'fit.json');
  const lawMu = windows.map((w) => lawFriction(fit, w.t, 'fit.json'));
  // the true law, independently: RK4 at the window's samples, given the window's start as every predictor is
  const trueLaw = windows.map((w) => {
    const r = rk4Friction(law, { v0, steps }, w.t);
    return r.map((m) => w.muStart + (m - r[0]));
  });
  const s = compareOnWindows(windows, predictorCurves(windows, { law: lawMu, net: trueLaw }));
  // expected, from the truth and the noise alone: residual (muStart − truth(t0)) + truth(t) − μ(t)
  const w = windows[0];
  const rows = Array.from(w.t, (_, i) => 10 * i);
  const resid = rows.map((r) => w.muStart - truth[0] + truth[r] - experiment.mu[r]);
  const expectedRms = Math.sqrt(resid.reduce((acc, r) => acc + r * r, 0) / resid.length);
  const target = rows.map((r) => experiment.mu[r] - w.muStart);
  const expectedEq15 = (100 * Math.hypot(...resid)) / Math.hypot(...target);
  close(s.net.rms, expectedRms, 1e-9, 'true-law net rms');
  close(s.law.rms, expectedRms, 1e-9, 'fitted-law rms');
  close(s.net.eq15.mean, expectedEq15, 1e-6, 'true-law net eq. (15)');
  close(s.law.eq15.mean, expectedEq15, 1e-6, 'fitted-law eq. (15)');
  // the noise level sets it: √2 sd at most (start and sample both noisy), far below the step's change
  assert.ok(s.law.rms > 0.5 * sd && s.law.rms < 2 * sd, String(s.law.rms));
  assert.ok(s.constant.rms > 20 * s.law.rms, `constant ${s.constant.rms} vs law ${s.law.rms}`);
  assert.equal(s.constant.eq15.mean, 100);
});

test('a fit of another record is refused naming the file and the field', () => {
  assert.throws(
    () => requireFitOfRecord(fit, [{ time: 31, velocity: 1e-5 }, steps[1]], 100, 'fit.json'),
    (e: unknown) => e instanceof InputError && e.field === 'steps' && e.source === 'fit.json',
  );
});

test('the stretches a run trained on: the train windows import cut from this record, by file name; overlap is any shared instant', () => {
  const seq = (source: string, split: 'train' | 'test', duration = 9.9) => ({ protocol: { source, duration }, split });
  const ds = {
    config: {},
    sequences: [
      seq('/data/lab/rec.csv@0s', 'train'),
      seq('rec.csv@20s', 'test'),
      seq('lab/other.csv@10s', 'train'),
      seq('rec.csv@1.25e+3s', 'train'),
    ],
  } as unknown as Parameters<typeof trainedStretches>[0];
  assert.deepEqual(trainedStretches(ds, 'data/lab/rec.csv'), [
    { from: 0, to: 9.9 },
    { from: 1250, to: 1259.9 },
  ]);
  const w = (from: number) => ({ index: 0, t: linspace(from, from + 9.9, 100), mu: new Float64Array(100), muStart: 0 });
  const seen = trainedStretches(ds, 'rec.csv');
  assert.deepEqual(
    [0, 9.9, 10, 20, 1240.1, 1240, 1260].map((from) => overlapsAny(w(from), seen)),
    [true, true, false, false, true, false, false],
  );
  // a record imported whole: all of it was seen
  const whole = { config: {}, sequences: [seq('rec.csv', 'train', 2233)] } as unknown as Parameters<typeof trainedStretches>[0];
  assert.deepEqual(trainedStretches(whole, 'rec.csv'), [{ from: 0, to: 2233 }]);
});

test('the windows a step acts on: after the sample before the first, up to the last', () => {
  const w = (from: number) => ({ index: 0, t: linspace(from, from + 9.9, 100), mu: new Float64Array(100), muStart: 0 });
  const windows = [w(0), w(10), w(20)];
  const at = (time: number) => windowsWithSteps(windows, [{ time, velocity: 1e-6 }]);
  assert.deepEqual([at(-0.05), at(0), at(9.9), at(9.95), at(10), at(29.9), at(29.95), at(-0.1)], [[0], [0], [0], [1], [1], [2], [], []]);
  assert.deepEqual(
    windowsWithSteps(windows, [
      { time: 5, velocity: 1 },
      { time: 25, velocity: 2 },
    ]),
    [0, 2],
  );
});
