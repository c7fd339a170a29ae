import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evolveState, type StateLaw, stateLaws, steadyState } from '../../src/physics/stateLaws';
import { rk4 } from '../support/reference';

const dc = 2e-4;

/** The three laws' right-hand sides as SPEC §6 writes them. */
function rate(law: StateLaw, v: number): (theta: number) => number {
  if (law === 'aging') return (th) => 1 - (v * th) / dc;
  if (law === 'slip') return (th) => -((v * th) / dc) * Math.log((v * th) / dc);
  return (th) => 1 - ((v * th) / (2 * dc)) ** 2;
}

// sliding from above and below steady state, a velocity step up, and a hold after sliding
const cases: [number, number, number][] = [
  [2e-4, 1, 3e-3],
  [1e-3, 0.5, 1e-3],
  [5e-5, 2, 4e-4],
  [1.3e-4, 0.3, 7e-3],
  [2e-4 / 1e-3, 1, 2e-3],
  [2e-4, 2e-9, 4e-3],
];

for (const law of stateLaws) {
  test(`${law}: the closed form matches an RK4 integration of its ODE`, () => {
    for (const [theta0, v, dt] of cases) {
      const ref = rk4(rate(law, v), theta0, dt, 100_000);
      const got = evolveState(law, theta0, v, dt, dc);
      assert.ok(Math.abs(got - ref) / ref < 1e-11, `${law} theta0=${theta0} v=${v} dt=${dt}: ${got} vs ${ref}`);
    }
  });

  test(`${law}: steady state stays put at constant V, and is reached from elsewhere`, () => {
    for (const v of [1e-6, 1e-3, 0.7, 3]) {
      const th = steadyState(law, v, dc);
      assert.ok(Math.abs(evolveState(law, th, v, 0.01, dc) - th) / th < 1e-14);
      const far = evolveState(law, th * 50, v, (1000 * dc) / v, dc);
      assert.ok(Math.abs(far - th) / th < 1e-12, `${law} v=${v}: ${far} vs ${th}`);
    }
  });
}

test('steady states: Dc/V for aging and slip, 2Dc/V for PRZ', () => {
  assert.equal(steadyState('aging', 0.5, dc), dc / 0.5);
  assert.equal(steadyState('slip', 0.5, dc), dc / 0.5);
  assert.equal(steadyState('prz', 0.5, dc), (2 * dc) / 0.5);
});

test('slip law: the published form θ = (Dc/V)(Vθᵢ/Dc)^exp(−VΔt/Dc) on a sliding interval', () => {
  const [th, v, dt] = [1e-3, 0.5, 2e-4];
  const published = (dc / v) * ((v * th) / dc) ** Math.exp((-v * dt) / dc);
  assert.ok(Math.abs(evolveState('slip', th, v, dt, dc) - published) / published < 1e-14);
});

test('a hold of 100 theta_ss: the aging closed form keeps full precision where the naive form does not', () => {
  const vSlide = 1;
  const thetaSs = dc / vSlide;
  const vHold = 2e-9;
  const dt = 100 * thetaSs;
  // reference: theta_i e^-x + (Dc/V)(1 - e^-x) with 1 - e^-x summed as its Taylor series
  const x = (vHold * dt) / dc;
  let term = x;
  let oneMinusExp = 0;
  for (let k = 1; k < 30; k++) {
    oneMinusExp += term;
    term *= -x / (k + 1);
  }
  const ref = thetaSs * Math.exp(-x) + (dc / vHold) * oneMinusExp;
  const closed = evolveState('aging', thetaSs, vHold, dt, dc);
  const naive = dc / vHold + (thetaSs - dc / vHold) * Math.exp(-x);
  const relClosed = Math.abs(closed - ref) / ref;
  const relNaive = Math.abs(naive - ref) / ref;
  assert.ok(relClosed < 1e-15, `closed form error ${relClosed}`);
  assert.ok(relNaive > 1e-12, `naive form should visibly lose precision, error ${relNaive}`);
  assert.ok(relNaive > 1000 * relClosed);
});

test('holds: slip and PRZ agree with their small-x series to full precision', () => {
  const th = dc / 1;
  const v = 2e-9;
  const dt = 0.005;
  // slip: ln θ = ln θᵢ + y(e^−x − 1) with e^−x − 1 by its series; PRZ: θ ≈ θᵢ + dt − ... in a hold
  const x = (v * dt) / dc;
  const y = Math.log((v * th) / dc);
  const em1 = -x + (x * x) / 2 - (x * x * x) / 6;
  const slipRef = th * Math.exp(y * em1);
  assert.ok(Math.abs(evolveState('slip', th, v, dt, dc) - slipRef) / slipRef < 1e-14);
  // PRZ in a hold: s stays ~1e-8, so dθ/dt = 1 − s² is 1 to 1e-16 and θ = θᵢ + dt
  const prz = evolveState('prz', 2 * th, v, dt, dc);
  assert.ok(Math.abs(prz - (2 * th + dt)) / prz < 1e-14, `${prz}`);
});
