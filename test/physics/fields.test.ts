import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequenceFields } from '../../src/physics/fields';
import { paperParams } from '../../src/physics/params';
import { linspace } from '../../src/physics/sampling';
import { simulate } from '../../src/physics/simulate';
import { referenceRun } from '../support/reference';

const p = { ...paperParams };
const T = 0.013;
const t = linspace(0, T, 100);

function fieldsOf(jumpTimes: number[], velocities: number[], hold: number) {
  const sim = simulate({ params: p, duration: T, jumpTimes, velocities }, t);
  return sequenceFields(sim, jumpTimes, hold, 0.3, 5);
}

/** Targets by the reference integrator, so DeltaF is checked against an independent mu. */
function refTargets(jumpTimes: number[], velocities: number[]) {
  const r = referenceRun(p, jumpTimes, velocities, t, 2e-7);
  const mu0 = p.mu0 + (p.a - p.b) * Math.log(velocities[0] / p.vRef);
  return r.mu.map((m) => (m - mu0) / 0.01);
}

function expectHold(f: ReturnType<typeof fieldsOf>, first: number, count: number) {
  assert.equal(f.Nh, count ? first + count - 1 : 0);
  for (let i = 0; i < 100; i++) {
    const n = i - first + 1; // position inside the hold, 1-based
    const want = n >= 1 && n <= count - 1 ? 1 / Math.log(n / count) : 0;
    assert.ok(Math.abs(f.LogTerms[i] - want) < 1e-15, `LogTerms[${i}] = ${f.LogTerms[i]}, want ${want}`);
  }
  for (let i = 0; i < 99; i++) {
    const n = i - first + 1;
    assert.equal(f.HoldPairs[i], n >= 1 && n <= count - 2 ? 1 : 0, `HoldPairs[${i}]`);
  }
}

test('a jump exactly on a sample instant puts that sample after the jump', () => {
  const jumps = [t[30], 0.0091];
  const vel = [0.8, 2e-9, 1.2];
  const f = fieldsOf(jumps, vel, 1);
  assert.deepEqual(Array.from(f.PosBeforeJ), [29, 69, 0, 0, 0]);
  assert.deepEqual(Array.from(f.PosAfterJ), [30, 70, 0, 0, 0]);
  assert.ok(Math.abs(f.Features[30] - 2e-9 / 0.3) < 1e-20 && Math.abs(f.Features[29] - 0.8 / 0.3) < 1e-15);
  const ref = refTargets(jumps, vel);
  assert.ok(Math.abs(f.DeltaF[0] - (ref[30] - ref[29])) < 1e-8);
  assert.ok(Math.abs(f.DeltaF[1] - (ref[70] - ref[69])) < 1e-8);
  assert.deepEqual(Array.from(f.DeltaF.slice(2)), [0, 0, 0]);
  // hold = samples 30..69 (t_69 = 0.009064 < 0.0091 <= t_70)
  expectHold(f, 30, 40);
});

test('a hold shorter than one sample spacing has no samples: Nh = 0, LogTerms and HoldPairs zero', () => {
  const f = fieldsOf([0.005, 0.00505], [0.5, 2e-9, 0.5], 1);
  assert.deepEqual(Array.from(f.PosBeforeJ.slice(0, 2)), [38, 38]);
  assert.deepEqual(Array.from(f.PosAfterJ.slice(0, 2)), [39, 39]);
  expectHold(f, 0, 0);
});

test('a hold as the last interval counts the sample at t = T', () => {
  const f = fieldsOf([0.004, 0.009], [0.6, 1.5, 2e-9], 2);
  // t_68 = 0.008929 < 0.009 <= t_69; samples 69..99 = 31
  assert.deepEqual(Array.from(f.PosBeforeJ), [30, 68, 0, 0, 0]);
  expectHold(f, 69, 31);
  assert.equal(f.Nh, 99);
});

test('5 jumps fill every slot; holds of 1 and 2 samples give no pairs', () => {
  const s = T / 99;
  // hold from just before sample 50 to just after it: exactly one sample
  const jumps = [0.001, 0.003, 49.5 * s, 50.5 * s, 0.011];
  const f = fieldsOf(jumps, [0.7, 1.1, 0.3, 2e-9, 0.9, 1.6], 3);
  assert.deepEqual(Array.from(f.PosBeforeJ), [7, 22, 49, 50, 83]);
  assert.deepEqual(Array.from(f.PosAfterJ), [8, 23, 50, 51, 84]);
  assert.ok(f.DeltaF.every((d) => d !== 0));
  expectHold(f, 50, 1);
  const two = fieldsOf([49.5 * s, 51.5 * s], [0.7, 2e-9, 0.9], 1);
  expectHold(two, 50, 2);
  assert.ok(Math.abs(two.LogTerms[50] - 1 / Math.log(1 / 2)) < 1e-15);
});

test('Targets start at zero and Features are V / Vch', () => {
  const f = fieldsOf([0.002, 0.008], [0.45, 2e-9, 0.3], 1);
  assert.equal(f.Targets[0], 0);
  assert.ok(Math.abs(f.Features[0] - 1.5) < 1e-15);
  assert.ok(Math.abs(f.Features[99] - 1) < 1e-15);
});
