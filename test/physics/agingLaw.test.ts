import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agingLaw } from '../../src/physics/agingLaw';
import { rk4Theta } from '../support/reference';

const dc = 2e-4;

test('agingLaw matches fine-step RK4 on sliding intervals', () => {
  for (const [theta0, v, dt] of [
    [2e-4, 1, 3e-3],
    [1e-3, 0.5, 1e-3],
    [5e-5, 2, 4e-4],
    [1.3e-4, 0.3, 7e-3],
  ]) {
    const ref = rk4Theta(theta0, v, dt, dc, 200_000);
    const got = agingLaw(theta0, v, dt, dc);
    assert.ok(Math.abs(got - ref) / ref < 1e-12, `theta0=${theta0} v=${v}: ${got} vs ${ref}`);
  }
});

test('steady state stays put at constant V', () => {
  for (const v of [1e-6, 1e-3, 0.7, 3]) {
    const th = dc / v;
    assert.ok(Math.abs(agingLaw(th, v, 0.01, dc) - th) / th < 1e-14);
  }
});

test('a hold of 100 theta_ss: the closed form keeps full precision where the naive form does not', () => {
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
  const closed = agingLaw(thetaSs, vHold, dt, dc);
  const naive = dc / vHold + (thetaSs - dc / vHold) * Math.exp(-x);
  const relClosed = Math.abs(closed - ref) / ref;
  const relNaive = Math.abs(naive - ref) / ref;
  assert.ok(relClosed < 1e-15, `closed form error ${relClosed}`);
  assert.ok(relNaive > 1e-12, `naive form should visibly lose precision, error ${relNaive}`);
  assert.ok(relNaive > 1000 * relClosed);
});
