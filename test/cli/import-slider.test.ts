import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { experimentCsv } from '../../src/physics/csv';
import { linspace } from '../../src/physics/sampling';
import { simulateSpringSlider } from '../../src/physics/springSlider';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-import-slider-'));
// a spring-slider record: 1 → 10 µm/s at 30 s, 100 s at 10 Hz, k = 1000 per metre
const t = linspace(0, 100, 1001);
const sim = simulateSpringSlider(
  {
    params: { mu0: 0.6, a: 0.005, vRef: 1e-6, k: 1000, states: [{ law: 'aging', b: 0.008, dc: 2e-5 }] },
    v0: 1e-6,
    duration: 100,
    jumpTimes: [30],
    velocities: [1e-6, 1e-5],
  },
  t,
);
const file = join(dir, 'ss.csv');
writeFileSync(
  file,
  experimentCsv(
    t,
    t.map((x) => (x >= 30 ? 1e-5 : 1e-6)),
    sim.mu,
  ),
);
const fit = (k: unknown) => ({
  format: 'slidegraph/fit',
  version: 1,
  law: 'aging',
  states: 1,
  params: { a: 0.005, b: 0.008, dc: 2e-5, k, mu0: 0.6, trend: 0 },
  stderr: { a: 0, b: 0, dc: 0, k: 0, mu0: 0, trend: 0 },
  rms: 0,
  noise: null,
  samples: 1001,
  steps: [{ time: 30, velocity: 1e-5 }],
  correlation: { a_b: 0, a_dc: 0, b_dc: 0 },
});

test("import --slider-velocity --k K or FIT.json: features are the slider's simulated velocity", () => {
  writeFileSync(join(dir, 'fit.json'), JSON.stringify(fit(1000)));
  for (const k of ['1000', join(dir, 'fit.json')]) {
    const out = join(dir, 'slider.json');
    const r = cli('import', file, '--slider-velocity', '--k', k, '--samples', '1001', '--vch', '1e-5', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).sliderVelocity, { k: 1000, from: k === '1000' ? 'given' : k, smoothRows: 5 });
    const q = JSON.parse(readFileSync(out, 'utf8')).sequences[0];
    // 1 s after the step and beyond, within 2.5 % of the new velocity (test/physics/sliderVelocity.test.ts)
    for (let i = 0; i < 1001; i++) if (i < 300 || i >= 310) assert.ok(Math.abs(q.Features[i] - sim.V[i] / 1e-5) < 0.025, `Features[${i}]`);
  }
  // with --window the velocity is derived on the whole record and then cut: windows at 0, 25, 50, 75 s
  const w = cli('import', file, '--slider-velocity', '--k', '1000', '--window', '101', '--stride', '25', '--out', join(dir, 'sw.json'));
  assert.equal(w.code, 0, w.stderr);
  const sw = JSON.parse(readFileSync(join(dir, 'sw.json'), 'utf8'));
  assert.equal(sw.sequences.length, 4);
  assert.equal(sw.config.vCh, 1e-5, "the record's fastest load-point velocity");
  sw.sequences.forEach((q: { Features: number[] }, m: number) =>
    q.Features.forEach((f, i) => {
      const row = 250 * m + i;
      if (row < 300 || row >= 310) assert.ok(Math.abs(f - sim.V[row] / 1e-5) < 0.025, `window ${m} Features[${i}]`);
    }),
  );
  // the load point's route, for contrast: right after the step it is off by the slider's lag
  const plain = cli('import', file, '--samples', '1001', '--vch', '1e-5', '--out', join(dir, 'plain.json'));
  assert.equal(plain.code, 0, plain.stderr);
  const p = JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')).sequences[0];
  assert.ok(Math.abs(p.Features[305] - sim.V[305] / 1e-5) > 0.5);
});

test('a stiffness that is not > 0, a fit failing its schema, or a missing --k: one line naming it, exit 2', () => {
  writeFileSync(join(dir, 'soft.json'), JSON.stringify(fit(0)));
  writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ ...fit(1000), law: 'friction' }));
  const cases: [string[], string][] = [
    [['--slider-velocity', '--k', '0'], '--k: must be a stiffness > 0'],
    [['--slider-velocity', '--k', '-3'], '--k: must be a stiffness > 0'],
    [['--slider-velocity', '--k', join(dir, 'soft.json')], `${join(dir, 'soft.json')}: params.k`],
    [['--slider-velocity', '--k', join(dir, 'wrong.json')], `${join(dir, 'wrong.json')}: law`],
    [['--slider-velocity', '--k', join(dir, 'none.json')], `${join(dir, 'none.json')}`],
    [['--slider-velocity'], '--slider-velocity: needs'],
    [['--k', '1000'], '--k: applies to the slider velocity'],
  ];
  for (const [flags, words] of cases) {
    const r = cli('import', file, ...flags, '--out', join(dir, 'bad.json'));
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].includes(words), `${lines[0]} should include ${words}`);
  }
});
