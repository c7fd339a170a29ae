import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { experimentCsv, parseExperimentsCsv } from '../../src/physics/csv';
import { detectProtocol, importDataset, importDefaults, resample } from '../../src/physics/importExperiments';
import { paperParams } from '../../src/physics/params';
import { linspace } from '../../src/physics/sampling';
import { simulate } from '../../src/physics/simulate';
import { InputError } from '../../src/util/inputError';

const bad = 'test/fixtures/bad-csv';

test('every bad CSV is refused with an InputError naming the file, the row and the column', () => {
  const expected: Record<string, string> = JSON.parse(readFileSync(join(bad, 'expected.json'), 'utf8'));
  const files = readdirSync(bad).filter((f) => f.endsWith('.csv'));
  assert.deepEqual(files.sort(), Object.keys(expected).sort(), 'every corpus file has an expectation');
  for (const f of files) {
    const path = join(bad, f);
    assert.throws(
      () => parseExperimentsCsv(readFileSync(path, 'utf8'), path),
      (e: unknown) => e instanceof InputError && e.message.startsWith(`${path}: ${expected[f]}`) && !e.message.includes('\n'),
      f,
    );
  }
});

test('rows group by the sequence column; comments, blank lines, a BOM, CRLF and extra columns are fine', () => {
  const text =
    '\uFEFF# lab run 12\r\nsequence,t,Vlp,mu,theta\r\nA,0,1e-6,0.60,9\r\nB,5,2e-6,0.70,9\r\n\r\nA,1,1e-6,0.61,9\r\nB,6,3e-6,0.71,9\r\n';
  const ex = parseExperimentsCsv(text, 'lab.csv');
  assert.deepEqual(
    ex.map((e) => [e.source, e.velocity, [...e.t], [...e.V], [...e.mu], [...e.lines]]),
    [
      ['lab.csv#A', 'Vlp', [0, 1], [1e-6, 1e-6], [0.6, 0.61], [3, 6]],
      ['lab.csv#B', 'Vlp', [5, 6], [2e-6, 3e-6], [0.7, 0.71], [4, 7]],
    ],
  );
});

test('a step is the first row showing the new V; the hold is the longest slow interval after the first', () => {
  // rows:          0     1     2     3     4     5     6     7     8
  const V = [1e-5, 1e-5, 0, 0, 0, 1e-5, 1e-9, 1e-9, 1e-5];
  const t = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const e = {
    source: 'x',
    velocity: 'V' as const,
    t: Float64Array.from(t),
    V: Float64Array.from(V),
    mu: new Float64Array(9),
    lines: new Int32Array(9),
  };
  const p = detectProtocol(e, importDefaults);
  assert.deepEqual(p.jumpTimes, [2, 5, 6, 8]);
  assert.deepEqual(p.velocities, [1e-5, 0, 1e-5, 1e-9, 1e-5]);
  assert.equal(p.hold, 1, 'three rows at 0 beat two at 1e-9');
  assert.equal(p.duration, 8);
  // a change of 5e-7 is below the default threshold 1e-6, and a step at 1e-7
  const small = { ...e, V: Float64Array.from([1, 1 + 5e-7, 1 + 5e-7, 1.01, 1.01, 1.01, 1.01, 1.01, 1.01]) };
  assert.deepEqual(detectProtocol(small, importDefaults).jumpTimes, [3]);
  assert.deepEqual(detectProtocol(small, { ...importDefaults, step: 1e-7 }).jumpTimes, [1, 3]);
  // a slow first interval is not a hold
  const first = { ...e, V: Float64Array.from([0, 0, 1, 1, 1, 1, 1, 1, 1]) };
  assert.equal(detectProtocol(first, importDefaults).hold, null);
});

test('resampling holds V from each row and interpolates mu linearly', () => {
  const e = {
    source: 'x',
    velocity: 'V' as const,
    t: Float64Array.from([2, 2.5, 4, 6]),
    V: Float64Array.from([1, 2, 3, 4]),
    mu: Float64Array.from([0.5, 0.6, 0.9, 0.7]),
    lines: new Int32Array(4),
  };
  const s = resample(e, 5); // grid 0, 1, 2, 3, 4 after the shift by t0 = 2
  assert.deepEqual([...s.t], [0, 1, 2, 3, 4]);
  assert.deepEqual([...s.V], [1, 2, 3, 3, 4]);
  const want = [0.5, 0.6 + (0.3 * 0.5) / 1.5, 0.9, 0.8, 0.7];
  s.mu.forEach((m, i) => assert.ok(Math.abs(m - want[i]) < 1e-15, `mu[${i}] = ${m}, want ${want[i]}`));
  // slip: 1 × 0.5 s, then 2 × 1.5 s, then 3 × 2 s
  const slip = [0, 0.5 + 2 * 0.5, 0.5 + 3, 0.5 + 3 + 3, 0.5 + 3 + 6];
  s.slip.forEach((x, i) => assert.ok(Math.abs(x - slip[i]) < 1e-14, `slip[${i}] = ${x}, want ${slip[i]}`));
});

test('an experiment sampled finely gives the fields of the paper rules, counted by hand', () => {
  // 1000 rows of an exact simulation; the jumps fall on rows, the hold is interior.
  const T = 0.013;
  const rows = linspace(0, T, 1001);
  const jumpTimes = [rows[300], rows[500], rows[800]];
  const velocities = [0.5, 2e-9, 1.5, 0.4];
  const sim = simulate({ params: { ...paperParams }, duration: T, jumpTimes, velocities }, rows);
  const csv = experimentCsv(rows, sim.V, sim.mu);
  const [e] = parseExperimentsCsv(csv, 'fine.csv');
  const ds = importDataset([e], { ...importDefaults, testFraction: 0.2 });
  const [s] = ds.sequences;
  assert.deepEqual(s.protocol.jumpTimes, jumpTimes);
  assert.equal(s.protocol.hold, 1);
  const g = linspace(0, T, 100);
  const before = jumpTimes.map((tau) => [...g].filter((x) => x < tau).length - 1);
  assert.deepEqual([...s.PosBeforeJ], [...before, 0, 0]);
  assert.deepEqual([...s.PosAfterJ], [...before.map((i) => i + 1), 0, 0]);
  const holdIdx = [...g.keys()].filter((i) => g[i] >= jumpTimes[0] && g[i] < jumpTimes[1]);
  const nh = holdIdx.length;
  assert.equal(s.Nh, holdIdx[nh - 1]);
  for (let i = 0; i < 100; i++) {
    const n = holdIdx.indexOf(i) + 1;
    const want = n >= 1 && n <= nh - 1 ? 1 / Math.log(n / nh) : 0;
    assert.ok(Math.abs(s.LogTerms[i] - want) < 1e-15, `LogTerms[${i}]`);
  }
  // Targets: mu linearly interpolated between the rows, minus mu(0), over dmu_ch
  for (let i = 0; i < 100; i++) {
    const k = Math.min(999, Math.floor((g[i] / T) * 1000 + 1e-9));
    const f = (g[i] - rows[k]) / (rows[k + 1] - rows[k]);
    const mu = sim.mu[k] + f * (sim.mu[k + 1] - sim.mu[k]);
    assert.ok(Math.abs(s.Targets[i] - (mu - sim.mu[0]) / 0.01) < 1e-9, `Targets[${i}]`);
    assert.equal(s.Features[i], sim.V[k] / 0.3);
  }
  for (let j = 0; j < 3; j++) assert.equal(s.DeltaF[j], s.Targets[before[j] + 1] - s.Targets[before[j]]);
});

test('more steps than --max-jumps are refused naming the row of the first one too many', () => {
  const [e] = parseExperimentsCsv('t,V,mu\n0,1,0.6\n1,2,0.6\n2,1,0.6\n3,2,0.6\n', 'many.csv');
  assert.throws(
    () => importDataset([e], { ...importDefaults, maxJumps: 2 }),
    (err: unknown) =>
      err instanceof InputError &&
      err.message === 'many.csv: row 5, column V: experiment many.csv has 3 velocity steps, more than --max-jumps 2',
  );
  assert.equal(importDataset([e], importDefaults).config.maxJumps, 5, "the paper's width when fewer steps are found");
});
