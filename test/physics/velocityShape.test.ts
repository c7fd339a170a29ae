import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureFloor } from '../../src/paper/featureFloor';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import type { GeneratedProtocol } from '../../src/physics/generator';
import { linspace } from '../../src/physics/sampling';
import type { VelocityShape } from '../../src/physics/velocityShape';

/** The shape's velocity, written again here from its stored numbers. */
function v(s: VelocityShape, t: number): number {
  if (s.kind === 'sine') return s.mean * (1 + s.amplitude * Math.sin((2 * Math.PI * t) / s.period + s.phase));
  for (let k = 0; k + 1 < s.times.length; k++)
    if (t <= s.times[k + 1] || k + 2 === s.times.length)
      return s.levels[k] + ((t - s.times[k]) / (s.times[k + 1] - s.times[k])) * (s.levels[k + 1] - s.levels[k]);
  throw new Error('unreachable');
}

/** Aging law by classical RK4 on a fine fixed grid, and the slip by the trapezoid rule on it. */
function reference(config: ReturnType<typeof dataConfig>, s: VelocityShape, t: Float64Array) {
  const { a, b, dc, mu0, vRef } = config.params;
  const mu = (vv: number, th: number) => mu0 + a * Math.log(vv / vRef) + b * Math.log((vRef * th) / dc);
  const steps = 200_000;
  const h = config.duration / steps;
  let theta = dc / v(s, 0);
  let slip = 0;
  const start = mu(v(s, 0), theta);
  const targets: number[] = [];
  const slips: number[] = [];
  let next = 0;
  for (let i = 0; i <= steps; i++) {
    const now = i * h;
    while (next < t.length && Math.abs(t[next] - now) < h / 2) {
      targets.push((mu(v(s, now), theta) - start) / config.dmuCh);
      slips.push(slip);
      next++;
    }
    if (i === steps) break;
    const f = (tt: number, th: number) => 1 - (v(s, tt) * th) / dc;
    const k1 = f(now, theta);
    const k2 = f(now + h / 2, theta + (h / 2) * k1);
    const k3 = f(now + h / 2, theta + (h / 2) * k2);
    const k4 = f(now + h, theta + h * k3);
    theta += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    slip += (h / 2) * (v(s, now) + v(s, now + h));
  }
  return { targets, slips };
}

for (const kind of ['ramps', 'sine'] as const) {
  test(`${kind}: targets against RK4 of the aging law, MeanV against the trapezoid slip, no jump or hold fields`, () => {
    const config = dataConfig({ count: 3, seed: 4, protocol: kind, samples: 101 });
    const ds = generateDataset(config);
    const t = linspace(0, config.duration, config.samples);
    for (const s of ds.sequences.slice(0, 2)) {
      const p = s.protocol as GeneratedProtocol;
      assert.ok(p.shape && p.shape.kind === kind && p.jumpTimes.length === 0);
      const ref = reference(config, p.shape, t);
      assert.equal(ref.targets.length, t.length);
      const peak = Math.max(...ref.targets.map(Math.abs));
      ref.targets.forEach((y, i) => assert.ok(Math.abs(s.Targets[i] - y) <= 1e-6 * peak, `sample ${i}: ${s.Targets[i]} vs RK4 ${y}`));
      for (let i = 1; i < t.length; i++) {
        const meanV = (ref.slips[i] - ref.slips[i - 1]) / (t[i] - t[i - 1]) / config.vCh;
        assert.ok(Math.abs(s.MeanV[i] - meanV) <= 1e-6 * Math.abs(meanV), `MeanV ${i}`);
        assert.ok(Math.abs(s.Features[i] - v(p.shape, t[i]) / config.vCh) <= 1e-12 * s.Features[i], `V ${i}`);
      }
      assert.ok(s.PosBeforeJ.every((x) => x === 0) && s.DeltaF.every((x) => x === 0) && s.JumpPairs.every((x) => x === 0));
      assert.ok(s.Nh === 0 && s.LogTerms.every((x) => x === 0));
    }
    assert.throws(() => featureFloor(config, ds.sequences, { predictor: 'agnostic', features: 'v', draws: 2 }), /no floor/);
  });
}

test('the draws: ramps through 3–6 knots from 0 to T, sine periods 1–100 Dc/V̄, velocities within 0.05–5 m/s', () => {
  const ramps = generateDataset(dataConfig({ count: 300, seed: 1, protocol: 'ramps' }));
  for (const s of ramps.sequences) {
    const shape = (s.protocol as GeneratedProtocol).shape;
    assert.ok(shape?.kind === 'ramps');
    assert.ok(shape.times.length >= 3 && shape.times.length <= 6 && shape.times[0] === 0 && shape.times.at(-1) === 0.013);
    assert.ok(shape.levels.every((x) => x >= 0.05 && x <= 5));
  }
  const sine = generateDataset(dataConfig({ count: 300, seed: 1, protocol: 'sine' }));
  for (const s of sine.sequences) {
    const shape = (s.protocol as GeneratedProtocol).shape;
    assert.ok(shape?.kind === 'sine');
    const c = shape.period / (2e-4 / shape.mean);
    assert.ok(c >= 1 && c <= 100 && shape.amplitude >= 0.2 && shape.amplitude <= 0.9 && shape.mean >= 0.05 && shape.mean <= 5);
  }
  assert.throws(() => dataConfig({ protocol: 'sine', system: 'spring-slider' }), /system direct/);
});
