import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureFloor } from '../../src/paper/featureFloor';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import type { GeneratedProtocol } from '../../src/physics/generator';
import { shsHoldRange } from '../../src/physics/generator';
import { linspace } from '../../src/physics/sampling';
import { prepareRun } from '../../src/runs/prepareRun';
import { cli } from '../support/cli';

test("protocol 'jumps' is the absent setting: the config, and so every dataset hash, stays the paper's", () => {
  assert.equal(JSON.stringify(dataConfig({ protocol: 'jumps' })), JSON.stringify(dataConfig()));
  assert.equal(dataConfig().protocol, undefined);
});

test('shs: slide at V, a hold log-uniform over three decades, slide at V again; the first slide is half the total slip', () => {
  const config = dataConfig({ count: 3000, seed: 5, protocol: 'shs' });
  const ds = generateDataset(config);
  const T = config.duration;
  const D = config.totalSlipDc * config.params.dc;
  const decades = [0, 0, 0];
  for (const s of ds.sequences) {
    const p = s.protocol as GeneratedProtocol;
    assert.equal(p.jumpTimes.length, 2);
    assert.equal(p.hold, 1);
    const [t1, t2] = p.jumpTimes;
    assert.ok(t1 >= 0.1 * T && t1 <= 0.4 * T, `t1 ${t1}`);
    assert.equal(p.velocities[0], p.velocities[2]);
    assert.equal(p.velocities[1], config.holdVelocity);
    assert.ok(Math.abs(p.velocities[0] * t1 - D / 2) <= 1e-12 * D);
    const x = Math.log10((t2 - t1) / T / shsHoldRange.min); // 0..3 over the three decades
    assert.ok(x >= 0 && x <= 3, `hold ${t2 - t1}`);
    decades[Math.min(2, Math.floor(x))]++;
  }
  // log-uniform: a third in each decade (sd of a share of 3000 is 0.009)
  for (const n of decades) assert.ok(Math.abs(n / 3000 - 1 / 3) < 0.04, decades.join(', '));
  assert.equal(shsHoldRange.max / shsHoldRange.min, 1000);
});

/** The aging law by classical RK4 (fixed steps, restarted at each jump), independent of the closed form. */
function rk4Targets(config: ReturnType<typeof dataConfig>, p: GeneratedProtocol, t: Float64Array): number[] {
  const { a, b, dc, mu0, vRef } = config.params;
  const mu = (v: number, th: number) => mu0 + a * Math.log(v / vRef) + b * Math.log((vRef * th) / dc);
  const bounds = [0, ...p.jumpTimes, config.duration];
  let theta = dc / p.velocities[0];
  const out: number[] = [];
  let k = 0;
  let now = 0;
  const start = mu(p.velocities[0], theta);
  for (const ti of t) {
    while (true) {
      const end = Math.min(ti, bounds[k + 1]);
      const v = p.velocities[k];
      const steps = 2000;
      const h = (end - now) / steps;
      const f = (th: number) => 1 - (v * th) / dc;
      for (let i = 0; i < steps; i++) {
        const k1 = f(theta);
        const k2 = f(theta + (h / 2) * k1);
        const k3 = f(theta + (h / 2) * k2);
        const k4 = f(theta + h * k3);
        theta += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      }
      now = end;
      if (ti >= bounds[k + 1] && k + 1 < p.velocities.length) k++;
      else break;
    }
    out.push((mu(p.velocities[k], theta) - start) / config.dmuCh);
  }
  return out;
}

test('mixed: each sequence draws jumps, shs, ramps or sine evenly, and then draws as that kind does', () => {
  const ds = generateDataset(dataConfig({ count: 2000, seed: 8, protocol: 'mixed' }));
  const kinds = { jumps: 0, shs: 0, ramps: 0, sine: 0 };
  for (const s of ds.sequences) {
    const p = s.protocol as GeneratedProtocol;
    // a jumps sequence with two jumps has V before ≠ V after the hold (each slides D/2 over its own length)
    if (p.shape) kinds[p.shape.kind]++;
    else if (p.jumpTimes.length === 2 && p.velocities[0] === p.velocities[2]) kinds.shs++;
    else kinds.jumps++;
  }
  for (const [k, n] of Object.entries(kinds)) assert.ok(Math.abs(n / 2000 - 0.25) < 0.04, `${k}: ${n} of 2000`);
});

test('shs targets agree with an RK4 integration of the aging law, a hold seen by several samples included', () => {
  const config = dataConfig({ count: 200, seed: 2, protocol: 'shs' });
  const ds = generateDataset(config);
  const t = linspace(0, config.duration, config.samples);
  const dt = t[1];
  const long = ds.sequences.find((s) => {
    const p = s.protocol as GeneratedProtocol;
    return p.jumpTimes[1] - p.jumpTimes[0] > 10 * dt;
  });
  assert.ok(long, 'a hold of more than 10 samples');
  const want = rk4Targets(config, long.protocol as GeneratedProtocol, t);
  const peak = Math.max(...want.map(Math.abs));
  want.forEach((y, i) => assert.ok(Math.abs(long.Targets[i] - y) <= 1e-6 * peak, `sample ${i}: ${long.Targets[i]} vs RK4 ${y}`));
  // the hold's samples carry the healing terms
  assert.ok(long.LogTerms.some((x) => x !== 0) && long.Nh > 0);
});

test('protocol as a run.data setting, a data flag and a floor: validated, grid timing and timing-aware floors refused', () => {
  const run = prepareRun('graphs/stage-me.json', [], [['run.data.protocol', 'shs']]).run;
  assert.equal(run.data.protocol, 'shs');
  assert.throws(() => prepareRun('graphs/stage-me.json', [], [['run.data.protocol', 'zigzag']]), /protocol/);
  assert.throws(() => dataConfig({ protocol: 'shs', timing: 'grid' }), /timing uniform/);
  const config = dataConfig({ count: 4, seed: 1, protocol: 'shs' });
  const seqs = generateDataset(config).sequences;
  assert.throws(() => featureFloor(config, seqs, { predictor: 'forward', features: 'v', draws: 2 }), /agnostic/);
  assert.equal(featureFloor(config, seqs, { predictor: 'agnostic', features: 'v', draws: 2 }).errors.length, 4);
  const bad = cli('data', '--count', '2', '--protocol', 'zigzag', '--out', '/dev/null');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--protocol/);
});
