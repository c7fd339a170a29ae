import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FitError, fitExperiment } from '../../src/fit/fit';
import { type FitSpec, parameterNames } from '../../src/fit/model';
import type { Experiment } from '../../src/physics/lab/record';
import { simulateSpringSlider } from '../../src/physics/springSlider';
import type { StateLaw } from '../../src/physics/stateLaws';
import { createRng } from '../../src/util/random';

interface Truth {
  a: number;
  b: number;
  dc: number;
  b2?: number;
  dc2?: number;
  k: number;
  mu0: number;
  trend: number;
}

/**
 * A record straight from the simulator (the truth), with the trend added on the load-point
 * displacement written out by hand: nothing of the fit's own model code is used.
 */
function record(
  law: StateLaw,
  p: Truth,
  steps: { time: number; velocity: number }[],
  n: number,
  dt: number,
  noise = 0,
  seed = 0,
): Experiment {
  const v0 = 1e-6;
  const t = Float64Array.from({ length: n }, (_, i) => i * dt);
  const states = [{ law, b: p.b, dc: p.dc }, ...(p.b2 !== undefined ? [{ law, b: p.b2, dc: p.dc2 as number }] : [])];
  const sim = simulateSpringSlider(
    {
      params: { mu0: p.mu0, a: p.a, vRef: v0, k: p.k, states },
      v0,
      duration: t[n - 1],
      jumpTimes: steps.map((s) => s.time),
      velocities: [v0, ...steps.map((s) => s.velocity)],
    },
    t,
  );
  const rng = createRng(seed);
  const V = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let v = v0;
    let from = 0;
    for (const s of steps) {
      if (s.time > t[i]) break;
      x += v * (s.time - from);
      [from, v] = [s.time, s.velocity];
    }
    x += v * (t[i] - from);
    V[i] = v;
    mu[i] = sim.mu[i] + p.trend * x + noise * rng.normal();
  }
  return { source: 'synthetic', velocity: 'V', t, V, mu, lines: Int32Array.from(t, (_, i) => i + 2), steps };
}

const oneState: Truth = { a: 0.01, b: 0.015, dc: 2e-5, k: 2000, mu0: 0.6, trend: 3 };
const upStep = [{ time: 50.25, velocity: 1e-5 }];

function relErrors(got: Record<string, number>, want: Truth, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, Math.abs(got[k] / (want as unknown as Record<string, number>)[k] - 1)]));
}

test('a noise-free one-state record is recovered to 1e-6 relative from the default starts', () => {
  const spec: FitSpec = { law: 'aging', states: 1, k: 'free', trend: 'linear' };
  const f = fitExperiment(record('aging', oneState, upStep, 300, 0.5), spec);
  const err = relErrors(f.result.params, oneState, ['a', 'b', 'dc', 'k', 'mu0', 'trend']);
  for (const [k, e] of Object.entries(err)) assert.ok(e < 1e-6, `${k}: relative error ${e}`);
  assert.ok(f.result.rms < 1e-9);
  assert.equal(f.result.samples, 300);
  // what data --from-fit draws from: 300 rows 0.5 s apart from 1 µm/s
  assert.deepEqual(f.result.record, { v0: 1e-6, duration: 149.5, sampleRate: 2 });
  assert.ok(f.starts.length >= 6, 'several starts');
});

test('noise-free records with the slip law (k fixed, no trend) and with two states are recovered to 1e-6', () => {
  const slip: FitSpec = { law: 'slip', states: 1, k: 2000, trend: 'none' };
  const truthSlip = { ...oneState, trend: 0 };
  const fs = fitExperiment(record('slip', truthSlip, upStep, 300, 0.5), slip);
  for (const [k, e] of Object.entries(relErrors(fs.result.params, truthSlip, ['a', 'b', 'dc', 'mu0'])))
    assert.ok(e < 1e-6, `slip ${k}: ${e}`);
  assert.equal(fs.result.params.k, 2000);
  assert.equal(fs.result.stderr.k, 0);

  const two: Truth = { a: 0.01, b: 0.006, dc: 1e-5, b2: 0.004, dc2: 1e-4, k: 3000, mu0: 0.6, trend: 0 };
  const spec: FitSpec = { law: 'aging', states: 2, k: 'free', trend: 'none' };
  const steps = [
    { time: 40.25, velocity: 1e-5 },
    { time: 120.25, velocity: 1e-6 },
  ];
  // one start 30 % off the truth in every parameter: the multi-start path is the test above
  const names = parameterNames(spec);
  const start = names.map((n) =>
    n === 'lnDc'
      ? Math.log(1.3e-5)
      : n === 'lnDc2'
        ? Math.log(0.7e-4)
        : n === 'lnK'
          ? Math.log(2000)
          : n === 'mu0'
            ? 0.6
            : ({ a: 0.013, b: 0.004, b2: 0.005 }[n] ?? 0),
  );
  const f2 = fitExperiment(record('aging', two, steps, 500, 0.5), spec, { starts: [start] });
  for (const [k, e] of Object.entries(relErrors(f2.result.params, two, ['a', 'b', 'dc', 'b2', 'dc2', 'k', 'mu0'])))
    assert.ok(e < 1e-6, `two states ${k}: ${e}`);
});

test('coverage: with lab-level noise the truth lies within ±2 standard errors in at least 90 % of 40 draws', () => {
  const spec: FitSpec = { law: 'aging', states: 1, k: 'free', trend: 'linear' };
  const names = parameterNames(spec);
  const truthTheta = names.map((n) =>
    n === 'lnDc' ? Math.log(oneState.dc) : n === 'lnK' ? Math.log(oneState.k) : (oneState as unknown as Record<string, number>)[n],
  );
  const keys = ['a', 'b', 'dc', 'k'] as const;
  const inside = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
  let rmsOverNoise = 0;
  for (let draw = 0; draw < 40; draw++) {
    const f = fitExperiment(record('aging', oneState, upStep, 150, 1, 5e-4, 100 + draw), spec, { starts: [truthTheta] });
    for (const k of keys) if (Math.abs(f.result.params[k] - oneState[k]) <= 2 * f.result.stderr[k]) inside[k]++;
    rmsOverNoise += f.result.rms / 5e-4 / 40;
  }
  for (const k of keys) assert.ok(inside[k] >= 36, `${k}: inside ±2 se in ${inside[k]} of 40 draws`);
  assert.ok(Math.abs(rmsOverNoise - 1) < 0.05, `mean rms / noise = ${rmsOverNoise}`);
});

test('a record without a step is refused; a model that cannot be evaluated from any start is a FitError', () => {
  const flat = record('aging', oneState, [], 50, 1);
  assert.throws(() => fitExperiment({ ...flat, steps: [] }, { law: 'aging', states: 1, k: 'free', trend: 'none' }), /has no velocity step/);
  const spec: FitSpec = { law: 'aging', states: 1, k: 'free', trend: 'none' };
  const bad = parameterNames(spec).map(() => -1); // a < 0: the simulator refuses
  assert.throws(() => fitExperiment(record('aging', oneState, upStep, 120, 1), spec, { starts: [bad] }), FitError);
});
