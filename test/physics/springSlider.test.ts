import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulateSpringSlider } from '../../src/physics/springSlider';
import { rsfmodelCases } from './rsfmodelValues';

const t = Float64Array.from({ length: 41 }, (_, i) => i);

for (const c of rsfmodelCases) {
  test(`spring-slider agrees with rsfmodel's published values within 1.5e-8: ${c.name}`, () => {
    const sim = simulateSpringSlider(
      { params: { mu0: 0.6, a: c.a, vRef: 1, k: c.k, states: c.states }, v0: 1, duration: 40, jumpTimes: [10], velocities: [1, 10] },
      t,
    );
    let worst = 0;
    for (let i = 0; i < 41; i++) {
      const check = (got: number, want: number, what: string) => {
        const d = Math.abs(got - want);
        worst = Math.max(worst, d);
        assert.ok(d <= 1.5e-8, `${what}[${i}] = ${got}, rsfmodel ${want} (|Δ| = ${d.toExponential(2)})`);
      };
      check(sim.mu[i], c.mu[i], 'mu');
      check(sim.V[i], c.v[i], 'V');
      c.thetas.forEach((th, j) => check(sim.thetas[j][i], th[i], `theta${j + 1}`));
    }
  });
}

test("spring-slider on rsfmodel's 0.01 s grid: the published extremes and where they fall", () => {
  const fine = Float64Array.from({ length: 4001 }, (_, i) => i * 0.01);
  const sim = simulateSpringSlider(
    {
      params: { mu0: 0.6, a: 0.005, vRef: 1, k: 1e-3, states: [{ law: 'aging', b: 0.01, dc: 10 }] },
      v0: 1,
      duration: 40.01,
      jumpTimes: [10],
      velocities: [1, 10],
    },
    fine,
  );
  const argmax = (a: Float64Array) => a.indexOf(Math.max(...a));
  const argmin = (a: Float64Array) => a.indexOf(Math.min(...a));
  assert.equal(argmax(sim.mu), 1129);
  assert.ok(Math.abs(sim.mu[1129] - 0.60784356) <= 1.5e-8);
  assert.equal(argmin(sim.mu), 1322);
  assert.ok(Math.abs(sim.mu[1322] - 0.58362349) <= 1.5e-8);
  assert.equal(argmin(sim.thetas[0]), 1282);
  assert.ok(Math.abs(sim.thetas[0][1282] - 0.51710192) <= 1.5e-8);
  assert.equal(argmax(sim.V), 1231);
  assert.ok(Math.abs(sim.V[1231] - 35.2686933) <= 1.5e-8);
});

test('spring-slider starts at steady state at v0 (not at vRef) and stays there under a constant load point', () => {
  const p = {
    mu0: 0.5,
    a: 0.005,
    vRef: 1e-4,
    k: 1e3,
    states: [
      { law: 'slip' as const, b: 0.015, dc: 2e-4 },
      { law: 'prz' as const, b: 0.002, dc: 1e-4 },
    ],
  };
  const sim = simulateSpringSlider(
    { params: p, v0: 0.3, duration: 0.01, jumpTimes: [], velocities: [0.3] },
    Float64Array.from([0, 0.005, 0.01]),
  );
  const muSs = 0.5 + (0.005 - 0.015 - 0.002) * Math.log(0.3 / 1e-4);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(sim.mu[i] - muSs) < 1e-12, `mu ${sim.mu[i]} vs ${muSs}`);
    assert.ok(Math.abs(sim.V[i] - 0.3) / 0.3 < 1e-10, `V ${sim.V[i]}`);
    assert.ok(Math.abs(sim.thetas[0][i] - 2e-4 / 0.3) / (2e-4 / 0.3) < 1e-11);
    assert.ok(Math.abs(sim.thetas[1][i] - 2e-4 / 0.3) / (2e-4 / 0.3) < 1e-11, 'prz steady state is 2Dc/V');
    assert.ok(Math.abs(sim.slip[i] - 0.3 * [0, 0.005, 0.01][i]) < 1e-15);
  }
});

test('a load point at rest (V_lp = 0): the spring unloads by k times the slip, mu − mu_hold = −k (slip − slip_hold)', () => {
  const k = 50;
  const sim = simulateSpringSlider(
    {
      params: { mu0: 0.6, a: 0.01, vRef: 1, k, states: [{ law: 'aging', b: 0.005, dc: 10 }] },
      v0: 1,
      duration: 40,
      jumpTimes: [10, 30],
      velocities: [1, 0, 1],
    },
    t,
  );
  for (let i = 11; i <= 30; i++) {
    const want = -k * (sim.slip[i] - sim.slip[10]);
    assert.ok(Math.abs(sim.mu[i] - sim.mu[10] - want) < 1e-9, `t = ${i}: ${sim.mu[i] - sim.mu[10]} vs ${want}`);
  }
  assert.ok(sim.V[29] < 0.05, `the slider slows in the hold: V = ${sim.V[29]}`);
  assert.ok(sim.V[39] > 0.5, 'and reloads after it');
});

test("dense output (ode.dense, the fit's): rsfmodel's values within 1.5e-8 on a 0.01 s grid, in under half the steps of a restart per sample", () => {
  const grid = Float64Array.from({ length: 4001 }, (_, i) => i / 100);
  for (const c of rsfmodelCases) {
    const p = {
      params: { mu0: 0.6, a: c.a, vRef: 1, k: c.k, states: c.states },
      v0: 1,
      duration: 40,
      jumpTimes: [10],
      velocities: [1, 10],
    };
    const ode = { rtol: 1e-12, atol: 1e-14, maxSteps: 2_000_000 };
    const restarts = { steps: 1e9 };
    const dense = { steps: 1e9 };
    const ref = simulateSpringSlider(p, grid, { ...ode, budget: restarts });
    const sim = simulateSpringSlider(p, grid, { ...ode, dense: true, budget: dense });
    for (let i = 0; i < 4001; i += 100) assert.ok(Math.abs(sim.mu[i] - c.mu[i / 100]) <= 1.5e-8, `${c.name}: mu[${i}]`);
    let worst = 0;
    for (let i = 0; i < 4001; i++) {
      worst = Math.max(worst, Math.abs(sim.mu[i] - ref.mu[i]), Math.abs(sim.slip[i] - ref.slip[i]) / 40);
      for (let j = 0; j < c.states.length; j++) worst = Math.max(worst, Math.abs(sim.thetas[j][i] - ref.thetas[j][i]) / ref.thetas[j][i]);
    }
    assert.ok(worst < 1e-9, `${c.name}: dense vs restarts differ by ${worst}`);
    assert.ok(1e9 - dense.steps < (1e9 - restarts.steps) / 2, `${c.name}: ${1e9 - dense.steps} vs ${1e9 - restarts.steps} steps`);
  }
});
