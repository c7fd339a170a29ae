import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floorCategories, informationFloor, sampleCategories } from '../../src/paper/floor';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { linspace } from '../../src/physics/sampling';
import { simulate } from '../../src/physics/simulate';

test('timing grid: the features reveal every jump time, so the floor is exactly 0', () => {
  const config = dataConfig({ count: 40, seed: 3, timing: 'grid' });
  const r = informationFloor(config, generateDataset(config).sequences, 4);
  assert.deepEqual(r.errors, Array(40).fill(0));
  for (const c of floorCategories) assert.deepEqual(r.categories[c], Array(40).fill(0));
});

test('uniform timing: a floor of a few percent, all of it after the first jump, categories adding in squares', () => {
  const config = dataConfig({ count: 60, seed: 3 });
  const ds = generateDataset(config);
  const r = informationFloor(config, ds.sequences, 16);
  const mean = r.errors.reduce((s, e) => s + e, 0) / r.errors.length;
  assert.ok(mean > 1 && mean < 5, `floor ${mean} %`);
  assert.deepEqual(r.categories.beforeFirstJump, Array(60).fill(0), 'before the first jump every redraw agrees');
  r.errors.forEach((e, i) => {
    const sq = floorCategories.reduce((s, c) => s + r.categories[c][i] ** 2, 0);
    assert.ok(Math.abs(Math.sqrt(sq) - e) <= 1e-9 * Math.max(1, e), `sequence ${i}: ${Math.sqrt(sq)} vs ${e}`);
  });
  const after = r.categories.firstAfterJump.reduce((s, e) => s + e, 0) / 60;
  assert.ok(after > r.categories.lateSliding.reduce((s, e) => s + e, 0) / 60, 'most of the floor sits right after the jumps');
  assert.deepEqual(informationFloor(config, ds.sequences, 16).errors, r.errors, 'seeded');
});

test('one jump between two samples: the floor matches the conditional mean by quadrature over the jump time', () => {
  // a single slide-slide step between samples 40 and 41 (hand-built, outside the generator)
  const config = dataConfig({ count: 1, seed: 5, hold: 'not-first', minJumps: 1, maxJumps: 1, holdVelocity: 0.05 });
  const t = linspace(0, config.duration, config.samples);
  const tau = t[40] + 0.1 * (t[41] - t[40]);
  const velocities = [0.4, 0.05];
  const truth = simulate({ params: config.params, duration: config.duration, jumpTimes: [tau], velocities }, t).dmuNorm;
  const n = 4000;
  const mean = new Float64Array(100);
  for (let q = 0; q < n; q++) {
    const at = t[40] + ((q + 0.5) / n) * (t[41] - t[40]);
    const y = simulate({ params: config.params, duration: config.duration, jumpTimes: [at], velocities }, t).dmuNorm;
    for (let i = 0; i < 100; i++) mean[i] += y[i] / n;
  }
  let d = 0;
  let norm = 0;
  for (let i = 0; i < 100; i++) {
    d += (mean[i] - truth[i]) ** 2;
    norm += truth[i] ** 2;
  }
  const want = (100 * Math.sqrt(d)) / Math.sqrt(norm);
  const seq = generateDataset(config).sequences[0];
  const hand = { ...seq, protocol: { jumpTimes: [tau], velocities, hold: 1 } };
  const got = informationFloor(config, [hand], 4000).errors[0];
  assert.ok(want > 0.5, `the case must have a floor, got ${want}`);
  // the Monte Carlo mean of 4000 draws is off by ~1 % of the distance between 0.1 and 0.5
  assert.ok(Math.abs(got - want) / want < 0.04, `floor ${got} vs quadrature ${want}`);
  assert.deepEqual(sampleCategories({ ...hand, PosAfterJ: Int32Array.from([41]) }, t).slice(39, 43), [
    'beforeFirstJump',
    'beforeFirstJump',
    'firstAfterJump',
    'hold',
  ]);
});
