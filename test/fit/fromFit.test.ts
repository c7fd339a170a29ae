import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type FitFile, parseFitFile } from '../../src/fit/fitFile';
import { fromFitConfig } from '../../src/fit/fromFit';
import { generateDataset, type Sequence } from '../../src/physics/dataset';
import { datasetJsonChunks, parseDataset } from '../../src/physics/datasetFile';
import { fittedProtocol, holdRange } from '../../src/physics/fittedMachine';
import type { GeneratedProtocol } from '../../src/physics/generator';
import { createRng } from '../../src/util/random';

const file = 'test/fixtures/fits/sepiolite.fit.json';
const fit = parseFitFile(JSON.parse(readFileSync(file, 'utf8')), file);
const p = fit.params;
const vMin = fit.record.v0;
const vMax = fit.steps[0].velocity;

/**
 * The fitted model as the paper's equations in a plain loop: classical RK4 in (μ, θ₁, θ₂…) at a
 * fixed step, stopping exactly at every jump, aging law, from steady state at the first velocity
 * with Vref = the record's v0, plus trend × load-point displacement. Shares no code with the simulator.
 */
function rk4Friction(fx: FitFile, pr: GeneratedProtocol, t: Float64Array, h: number): Float64Array {
  const q = fx.params;
  const vRef = fx.record.v0;
  const states = [[q.b, q.dc], ...(fx.states === 2 ? [[q.b2 as number, q.dc2 as number]] : [])];
  const slider = (y: number[]) =>
    vRef * Math.exp((y[0] - q.mu0 - states.reduce((a, [b, dc], n) => a + b * Math.log((vRef * y[1 + n]) / dc), 0)) / q.a);
  const f = (vlp: number, y: number[]) => {
    const v = slider(y);
    return [q.k * (vlp - v), ...states.map(([, dc], n) => 1 - (v * y[1 + n]) / dc)];
  };
  const v0 = pr.velocities[0];
  let y = [q.mu0 + (q.a - states.reduce((a, [b]) => a + b, 0)) * Math.log(v0 / vRef), ...states.map(([, dc]) => dc / v0)];
  const step = (y0: number[], k: number[], c: number) => y0.map((x, n) => x + c * k[n]);
  let now = 0;
  let x = 0;
  const out = new Float64Array(t.length);
  const stops = [...pr.jumpTimes, Infinity];
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (now < t[i]) {
      const vlp = pr.velocities[j];
      const end = Math.min(t[i], stops[j]);
      while (now < end) {
        const dt = Math.min(h, end - now);
        const k1 = f(vlp, y);
        const k2 = f(vlp, step(y, k1, dt / 2));
        const k3 = f(vlp, step(y, k2, dt / 2));
        const k4 = f(vlp, step(y, k3, dt));
        y = y.map((v, n) => v + (dt / 6) * (k1[n] + 2 * k2[n] + 2 * k3[n] + k4[n]));
        x += vlp * dt;
        now += dt;
      }
      if (now >= stops[j]) j++;
    }
    out[i] = y[0] + q.trend * x;
  }
  return out;
}

const noiseless = fromFitConfig(fit, { count: 8, seed: 3, duration: 120, noiseMu: 0 }, file);

test('the config is the fit: its spring, states, trend, the record velocity range, sample rate, noise and an input that says what it is', () => {
  const c = fromFitConfig(fit, { count: 2, seed: 0 }, file);
  assert.equal(c.system, 'spring-slider');
  assert.equal(c.k, p.k);
  assert.deepEqual(c.params, { mu0: p.mu0, a: p.a, b: p.b, vRef: fit.record.v0, dc: p.dc });
  assert.deepEqual(c.fromFit?.states, [{ law: 'aging', b: p.b, dc: p.dc }]);
  assert.equal(c.fromFit?.input, 'load-point velocity');
  assert.equal(c.fromFit?.trend, p.trend);
  assert.deepEqual([c.fromFit?.vMin, c.fromFit?.vMax], [vMin, vMax]);
  // the record's length at its own rate: 2233 s × 7.3529 Hz = 16,419.0 intervals
  assert.equal(c.duration, 2233);
  assert.equal(c.samples, Math.round(2233 * 7.3529) + 1);
  // its noise, in units of δμch
  assert.ok(Math.abs(c.noise.mu * c.dmuCh - (fit.noise as number)) < 1e-15);
});

test('with noise 0, every drawn record equals a plain RK4 loop of the fitted spring-slider, holds included', () => {
  const ds = generateDataset(noiseless);
  const c = ds.config;
  const t = Float64Array.from({ length: c.samples }, (_, i) => (c.duration * i) / (c.samples - 1));
  const held = ds.sequences.filter((s) => s.protocol.hold > 0).length;
  assert.ok(held > 0 && held < ds.sequences.length, `${held} of ${ds.sequences.length} records hold`);
  for (const [n, s] of ds.sequences.entries()) {
    const pr = s.protocol as GeneratedProtocol;
    const mu = rk4Friction(fit, pr, t, 0.02);
    let worst = 0;
    for (let i = 0; i < t.length; i++) worst = Math.max(worst, Math.abs(s.Targets[i] * c.dmuCh - (mu[i] - mu[0])));
    // RK4 at 0.02 s against relaxation times of tens of seconds: its error is far below 1e-9
    assert.ok(worst < 1e-8, `sequence ${n}: μ differs by ${worst}`);
    for (let i = 0; i < t.length; i++) {
      const vlp = pr.velocities[pr.jumpTimes.filter((tau) => tau <= t[i]).length];
      assert.equal(s.Features[i], vlp / c.vCh);
    }
  }
});

test('two fitted states: a drawn record equals the plain RK4 loop with both', () => {
  // a second, slower state that weakens: b2 > 0 with Dc2 = 5 Dc (k = 1704 stays far above the bound b2/Dc2 = 5 per m)
  const two: FitFile = { ...fit, states: 2, params: { ...p, b2: 0.004, dc2: 5 * p.dc } };
  const ds = generateDataset(fromFitConfig(two, { count: 3, seed: 1, duration: 120, noiseMu: 0 }, file));
  assert.equal(ds.config.fromFit?.states.length, 2);
  const c = ds.config;
  const t = Float64Array.from({ length: c.samples }, (_, i) => (c.duration * i) / (c.samples - 1));
  for (const s of ds.sequences) {
    const mu = rk4Friction(two, s.protocol as GeneratedProtocol, t, 0.02);
    const one = rk4Friction(fit, s.protocol as GeneratedProtocol, t, 0.02);
    let worst = 0;
    let apart = 0;
    for (let i = 0; i < t.length; i++) {
      worst = Math.max(worst, Math.abs(s.Targets[i] * c.dmuCh - (mu[i] - mu[0])));
      apart = Math.max(apart, Math.abs(mu[i] - mu[0] - (one[i] - one[0])));
    }
    assert.ok(worst < 1e-8, `μ differs by ${worst}`);
    assert.ok(apart > 1e-4, `the second state changes μ by ${apart}, which this test must see`);
  }
});

test("the noise of the drawn records is the record's measured level", () => {
  const noisy = generateDataset(fromFitConfig(fit, { count: 20, seed: 3, duration: 120 }, file));
  const clean = generateDataset({ ...noisy.config, noise: { mu: 0, v: 0 } });
  let s2 = 0;
  let n = 0;
  noisy.sequences.forEach((s, k) => {
    for (let i = 0; i < s.Targets.length; i++) {
      s2 += ((s.Targets[i] - clean.sequences[k].Targets[i]) * noisy.config.dmuCh) ** 2;
      n++;
    }
  });
  const sd = Math.sqrt(s2 / n);
  // n = 20 × 883 draws: the sd of an sd estimate is σ/√(2n) = 0.53 %; 3 % is more than 5 of those
  assert.ok(Math.abs(sd / (fit.noise as number) - 1) < 0.03, `measured ${sd}, the fit's ${fit.noise}`);
});

test("velocities stay within the record's range, spread over it log-uniformly, and holds spread over decades", () => {
  const c = fromFitConfig(fit, { count: 1, seed: 0 }, file);
  const m = c.fromFit!;
  const rng = createRng(5, 'data');
  const logs: number[] = [];
  const holds: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const pr = fittedProtocol(rng, c, m);
    pr.velocities.forEach((v, k) => {
      if (pr.hold > 0 && k === pr.hold) {
        assert.equal(v, 0);
        holds.push(pr.jumpTimes[k] - pr.jumpTimes[k - 1]);
        return;
      }
      assert.ok(v >= vMin && v <= vMax, `velocity ${v} outside [${vMin}, ${vMax}]`);
      logs.push(Math.log(v / vMin) / Math.log(vMax / vMin));
    });
    assert.ok(pr.jumpTimes.every((x, k) => x > (k === 0 ? 0 : pr.jumpTimes[k - 1]) && x < c.duration));
    assert.ok(pr.jumpTimes.length >= c.minJumps && pr.jumpTimes.length <= c.maxJumps);
  }
  // log-uniform: the mean of log(v/vMin)/log(vMax/vMin) is 1/2 and its variance 1/12
  const mean = logs.reduce((a, x) => a + x, 0) / logs.length;
  const variance = logs.reduce((a, x) => a + (x - mean) ** 2, 0) / logs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.01, `variance ${variance}`);
  // hold lengths log-uniform over [holdMin, holdMax]: three decades for this record
  const { holdMin, holdMax } = holdRange(c.duration, fit.record.sampleRate);
  assert.ok(Math.abs(Math.log10(holdMax / holdMin) - 3) < 1e-9);
  assert.ok(holds.every((h) => h >= holdMin * (1 - 1e-9) && h <= holdMax * (1 + 1e-9)));
  assert.ok(Math.min(...holds) < 2 * holdMin && Math.max(...holds) > holdMax / 2, 'holds reach both ends');
  // one draw in two holds (every record has 2 jumps or more under the interior rule): 1000 ± 22
  assert.ok(holds.length > 900 && holds.length < 1100, `${holds.length} of 2000 records hold`);
});

test('a dataset drawn from a fit reads back with its fitted machine', () => {
  const ds = generateDataset({ ...noiseless, count: 2 });
  const back = parseDataset(JSON.parse([...datasetJsonChunks(ds)].join('')), 'x.json');
  assert.deepEqual(back.config, ds.config);
  const s = back.sequences[0] as Sequence;
  assert.deepEqual(Array.from(s.Targets), Array.from(ds.sequences[0].Targets));
  const tampered = JSON.parse([...datasetJsonChunks(ds)].join(''));
  tampered.config.fromFit.vMax = -1;
  assert.throws(() => parseDataset(tampered, 'x.json'), /x\.json: config\.fromFit\.vMax: must be > 0/);
});
