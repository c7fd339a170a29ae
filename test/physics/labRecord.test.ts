import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperimentsCsv } from '../../src/physics/csv';
import { detected, lineResidualSd } from '../../src/physics/lab/detected';
import { fileLines } from '../../src/physics/lab/lines';
import { readExperiments } from '../../src/physics/lab/record';
import { createRng } from '../../src/util/random';

const realRecord = 'data/lab/velstep3_TR2_exp013_sepiolite.txt';

test('one experiment written in every dialect reads to the same SI numbers', () => {
  const rows = [
    [0, 1e-6, 0.6],
    [0.5, 1e-6, 0.61],
    [1.5, 1e-5, 0.625],
  ];
  const want = parseExperimentsCsv(`t,V,mu\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'plain.csv')[0];
  const dialects: Record<string, string> = {
    semicolon: `t;V;mu\n${rows.map((r) => r.join(';')).join('\n')}\n`,
    'semicolon, decimal comma': `t;V;mu\n${rows.map((r) => r.map((x) => String(x).replace('.', ',')).join(';')).join('\n')}\n`,
    tab: `Time(s)\tV [um/s]\tFriction\n${rows.map(([t, v, m]) => [t, v * 1e6, m].join('\t')).join('\n')}\n`,
    spaces: `  t [ms]    v (mm/s)   MU\n${rows.map(([t, v, m]) => `  ${t * 1000}     ${v * 1e3}    ${m}`).join('\n')}\n`,
    'quoted, CRLF, BOM, comments': `\uFEFF# exported by R\r\n"elapsed time, s","Vlp","mu"\r\n${rows.map((r) => r.map((x) => `"${x}"`).join(',')).join('\r\n')}\r\n# end\r\n`,
    'shear over normal': `Time(s),V,Shear_stress(MPa),Normal_stress(MPa)\n${rows.map(([t, v, m]) => [t, v, m * 40, 40].join(',')).join('\n')}\n`,
  };
  for (const [name, text] of Object.entries(dialects)) {
    const opts = name.startsWith('quoted') ? { columns: { time: 'elapsed time, s' } } : {};
    const [e] = parseExperimentsCsv(text, `${name}.csv`, opts);
    for (const k of ['t', 'V', 'mu'] as const)
      e[k].forEach((x, i) =>
        assert.ok(Math.abs(x - want[k][i]) <= 1e-15 * Math.abs(want[k][i]), `${name}: ${k}[${i}] = ${x}, want ${want[k][i]}`),
      );
  }
});

test('--columns overrides the usual names; an unknown column or unit is named', () => {
  const text = 'clock [s],speed [um/s],mu,mu2\n0,1,0.6,0.7\n1,1,0.6,0.7\n';
  const [e] = parseExperimentsCsv(text, 'x.csv', { columns: { time: 'clock [s]', velocity: 'SPEED [um/s]', friction: 'mu2' } });
  assert.deepEqual([...e.V], [1e-6, 1e-6]);
  assert.deepEqual([...e.mu], [0.7, 0.7]);
  assert.throws(
    () => parseExperimentsCsv(text, 'x.csv', { columns: { time: 'nope' } }),
    /x\.csv: row 1, column nope: is named by --columns/,
  );
  assert.throws(
    () => parseExperimentsCsv('t (fortnights),V,mu\n0,1,1\n', 'y.csv'),
    /y\.csv: row 1, column t \(fortnights\): has a unit "fortnights"/,
  );
});

/** A displacement record: lines at the given velocities, with Gaussian noise of sd `noise` (m). */
function displacementRecord(steps: { at: number; v: number }[], n: number, dt: number, noise: number, seed: number) {
  const rng = createRng(seed);
  let x = 0;
  let text = 'Time(s),lp_disp [um],mu\n';
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    if (i > 0) {
      // the exact displacement across a row interval that may hold a step
      let a = t - dt;
      while (k + 1 < steps.length && steps[k + 1].at <= t) {
        x += steps[k].v * (steps[k + 1].at - a);
        a = steps[k + 1].at;
        k++;
      }
      x += steps[k].v * (t - a);
    }
    text += `${t},${(x + noise * rng.normal()) * 1e6},0.6\n`;
  }
  return text;
}

test('steps from a displacement: exact without noise, within the noise with it; a hold is V = 0', () => {
  const steps = [
    { at: 0, v: 1e-6 },
    { at: 30.25, v: 1e-5 },
    { at: 60.5, v: 0 },
    { at: 90.75, v: 3e-6 },
  ];
  const [exact] = parseExperimentsCsv(displacementRecord(steps, 1200, 0.1, 0, 1), 'exact.csv');
  assert.equal(exact.steps?.length, 3);
  exact.steps?.forEach((s, j) => {
    assert.ok(Math.abs(s.time - steps[j + 1].at) < 1e-6, `step ${j} at ${s.time}`);
    assert.ok(Math.abs(s.velocity - steps[j + 1].v) <= 1e-6 * steps[1].v, `step ${j}: ${s.velocity}`);
  });
  const [noisy] = parseExperimentsCsv(displacementRecord(steps, 1200, 0.1, 2e-7, 2), 'noisy.csv');
  assert.equal(noisy.steps?.length, 3);
  assert.equal(noisy.steps?.[1].velocity, 0, 'the hold is exactly 0');
  noisy.steps?.forEach((s, j) => {
    assert.ok(Math.abs(s.time - steps[j + 1].at) < 0.5, `step ${j} at ${s.time}, want ${steps[j + 1].at}`);
    assert.ok(Math.abs(s.velocity - steps[j + 1].v) < 0.05 * 1e-5, `step ${j}: ${s.velocity}`);
  });
  assert.equal(detected(noisy).holds, 1);
});

test('a measured velocity with noise gets levels, not a step on every row', () => {
  const rng = createRng(3);
  let text = 't,V,mu\n';
  for (let i = 0; i < 3000; i++) text += `${i * 0.01},${(i < 1000 ? 1e-6 : 1e-5) * (1 + 0.02 * rng.normal())},0.6\n`;
  const [e] = parseExperimentsCsv(text, 'v.csv');
  assert.equal(e.steps?.length, 1);
  assert.ok(Math.abs((e.steps?.[0].time ?? 0) - 10) <= 0.01);
  assert.ok(Math.abs((e.steps?.[0].velocity ?? 0) - 1e-5) < 2e-8);
});

test('the noise of mu is the residual sd about a line on the first steady segment', () => {
  const t = [0, 1, 2, 3, 4];
  // residuals +1 -1 -1 +1 0 about mu = 2t (sum and t-weighted sum are 0), so sd = sqrt(4/3)
  const mu = [1, 1, 3, 7, 8];
  assert.ok(Math.abs(lineResidualSd(t, mu, 5) - Math.sqrt(4 / 3)) < 1e-12);
});

test('the real record streams in: one step from 0.2 to 2 um/s near 1235 s, 7.35 Hz, mu noise below 1e-3', () => {
  const [e] = readExperiments(fileLines(realRecord), realRecord, { extra: ['Effective_Normal_stress(MPa)'] });
  const d = detected(e);
  assert.equal(d.rows, 16466);
  assert.equal(d.steps.length, 1);
  assert.ok(Math.abs(d.steps[0].time - 1235) < 3, `step at ${d.steps[0].time}`);
  assert.ok(Math.abs(d.steps[0].velocity - 2e-6) < 0.02e-6, `${d.steps[0].velocity}`);
  assert.ok(Math.abs(e.V[0] - 2e-7) < 0.01e-6, `${e.V[0]}`);
  assert.ok(Math.abs(d.sampleRate - 1 / 0.136) < 0.01);
  assert.ok(d.muNoise > 1e-4 && d.muNoise < 1e-3, `${d.muNoise}`);
  assert.ok(Math.abs((e.extra?.['Effective_Normal_stress(MPa)'][0] ?? 0) - 30.004552e6) < 1);
});

test('a file is read in chunks: a line split across chunks, CRLF and a multibyte character survive', () => {
  const lines = [...fileLines('test/fixtures/bad-csv/tab-short-row.csv', 7)];
  assert.deepEqual(lines, ['Time(s)\tV [um/s]\tmu', '0\t1\t0.6', '1\t1']);
});
