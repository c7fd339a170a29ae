import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paperParams } from '../../src/physics/params';
import { linspace } from '../../src/physics/sampling';
import { simulate } from '../../src/physics/simulate';
import { referenceRun } from '../support/reference';

const p = { ...paperParams };
const T = 0.013;
const grid = linspace(0, T, 100);

test('mu at the 100 samples matches a fine-step RK4 integration within 1e-10', () => {
  const cases = [
    { jumpTimes: [0.0031, 0.0072], velocities: [0.9, 2e-9, 0.75] },
    { jumpTimes: [0.001, 0.004, 0.0041, 0.009, 0.012], velocities: [0.4, 1.7, 0.02, 2e-9, 0.6, 1.1] },
    { jumpTimes: [0.006, 0.0061], velocities: [0.5, 2e-9, 3] },
  ];
  for (const c of cases) {
    const sim = simulate({ params: p, duration: T, ...c }, grid);
    const ref = referenceRun(p, c.jumpTimes, c.velocities, grid, 1e-7);
    for (let i = 0; i < grid.length; i++) {
      assert.ok(Math.abs(sim.mu[i] - ref.mu[i]) <= 1e-10, `sample ${i}: ${sim.mu[i]} vs ${ref.mu[i]}`);
      assert.equal(sim.V[i], ref.V[i]);
    }
  }
});

test('a jump changes mu instantly by a ln(V2/V1) (direct effect), theta stays continuous', () => {
  const tau = 0.005;
  const eps = 1e-15;
  const v1 = 0.2,
    v2 = 1.4;
  const sim = simulate({ params: p, duration: T, jumpTimes: [tau], velocities: [v1, v2] }, Float64Array.from([tau - eps, tau]));
  assert.ok(Math.abs(sim.mu[1] - sim.mu[0] - p.a * Math.log(v2 / v1)) < 1e-12);
  assert.ok(Math.abs(sim.theta[1] - sim.theta[0]) / sim.theta[0] < 1e-9);
  assert.equal(sim.V[1], v2, 'V is right-continuous: the jump instant takes the new velocity');
});

test('steady state is unchanged at constant V', () => {
  const v = 0.37;
  const sim = simulate({ params: p, duration: T, jumpTimes: [], velocities: [v] }, grid);
  const muSs = p.mu0 + (p.a - p.b) * Math.log(v / p.vRef);
  for (let i = 0; i < grid.length; i++) {
    assert.ok(Math.abs(sim.theta[i] - p.dc / v) / (p.dc / v) < 1e-14);
    assert.ok(Math.abs(sim.mu[i] - muSs) < 1e-14);
    assert.ok(Math.abs(sim.dmuNorm[i]) < 1e-11);
  }
});

test('a hold between two samples still changes mu afterwards', () => {
  // spacing is T/99 = 1.31e-4 s; this hold lasts 5e-5 s and no sample falls inside it
  const withHold = simulate({ params: p, duration: T, jumpTimes: [0.005, 0.00505], velocities: [0.5, 2e-9, 0.5] }, grid);
  const without = simulate({ params: p, duration: T, jumpTimes: [], velocities: [0.5] }, grid);
  const ref = referenceRun(p, [0.005, 0.00505], [0.5, 2e-9, 0.5], grid, 1e-7);
  assert.ok(withHold.mu[39] - without.mu[39] > 1e-3, 'healing during the short hold raises mu at the next sample');
  assert.ok(Math.abs(withHold.mu[39] - ref.mu[39]) < 1e-10);
});

test('theta0 overrides the steady-state start', () => {
  const sim = simulate({ params: p, duration: T, jumpTimes: [], velocities: [0.5], theta0: 1e-2 }, Float64Array.from([0, 1e-3]));
  const ref = referenceRun(p, [], [0.5], [0, 1e-3], 1e-8, 1e-2);
  assert.ok(Math.abs(sim.theta[1] - ref.theta[1]) / ref.theta[1] < 1e-12);
  assert.equal(sim.dmuNorm[0], 0);
});
