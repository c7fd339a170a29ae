import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileOpenFile } from '../../src/editor/doc/compile';
import { runDataShape } from '../../src/editor/doc/dataShape';
import { inRecordUnits, recordScaleOf } from '../../src/editor/run/recordScale';
import { type GraphDocument, loadGraph } from '../../src/graph';
import { parseDataset } from '../../src/physics/datasetFile';
import { cli } from '../support/cli';

const RECORD = 'data/lab/velstep3_TR2_exp013_sepiolite.txt';
const dir = mkdtempSync(join(tmpdir(), 'sg-editor-units-'));

/** The record read independently of src/physics/lab: tab-separated, one header line, µm. */
function plainRecord() {
  const rows = readFileSync(RECORD, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t').map(Number));
  const t0 = rows[0][0];
  return { t: rows.map((r) => r[0] - t0), displ: rows.map((r) => r[1] * 1e-6), mu: rows.map((r) => r[2]) };
}

function interpolate(xs: number[], ys: number[], x: number): number {
  let k = 0;
  while (k + 2 < xs.length && xs[k + 1] <= x) k++;
  return ys[k] + ((ys[k + 1] - ys[k]) * (x - xs[k])) / (xs[k + 1] - xs[k]);
}

/** The windows the browser test trains on: 14 windows of 37 samples 4 s apart, one every 150 s, at the record's own scale. */
const WINDOWS = ['--window', '37', '--every', '4', '--stride', '150'];

test('windows imported from the lab record at its own scale read back as the record: μ, V in m/s, t in s', () => {
  const out = join(dir, 'windows.json');
  const r = cli('import', RECORD, '--out', out, ...WINDOWS);
  assert.equal(r.code, 0, r.stderr);
  const ds = parseDataset(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.equal(ds.config.samples, 37);
  assert.equal(ds.sequences.length, 14);
  // every window held out here, so that each is a test sequence as the chart shows them
  const held = { ...ds, sequences: ds.sequences.map((s) => ({ ...s, split: 'test' as const })) };
  const scale = recordScaleOf(held, 'windows.json');
  const rec = plainRecord();
  const slope = (a: number, b: number) => (interpolate(rec.t, rec.displ, b) - interpolate(rec.t, rec.displ, a)) / (b - a);
  // Vch is the record's fastest velocity: the load point's mean speed after the step (t > 1300 s)
  assert.ok(Math.abs(scale.vCh / slope(1300, rec.t[rec.t.length - 1]) - 1) < 0.02, `Vch ${scale.vCh}`);
  held.sequences.forEach((s, j) => {
    const start = Number(/@([\d.]+)s$/.exec((s.protocol as { source: string }).source)![1]);
    assert.equal(start, 150 * j);
    // as the worker sends them: float32, normalized; a prediction 0.5 δμch above the target
    const target = Float32Array.from(s.Targets);
    const prediction = target.map((y) => y + 0.5);
    const shown = inRecordUnits({ index: j, target, prediction, features: Float32Array.from(s.Features) }, scale);
    assert.deepEqual(shown.units, { mu: 'μ', v: 'V (m/s)' });
    for (let i = 0; i < 37; i++) {
      assert.ok(Math.abs(shown.t![i] - 4 * i) < 1e-9, `window ${j}: t[${i}] = ${shown.t![i]}`);
      const mu = interpolate(rec.t, rec.mu, start + 4 * i);
      // float32 targets of |y| ≤ 1 at δμch ≈ 0.046: a few 1e-9 of μ
      assert.ok(Math.abs(shown.target[i] - mu) < 1e-7, `window ${j}: μ[${i}] = ${shown.target[i]}, the record says ${mu}`);
      assert.ok(Math.abs(shown.prediction[i] - (mu + 0.5 * scale.dmuCh)) < 1e-7, `window ${j}: prediction[${i}]`);
    }
  });
  // V in m/s across the step, in the window that holds it (1200–1344 s), from the displacement alone
  const step = inRecordUnits(
    { index: 8, target: held.sequences[8].Targets, prediction: held.sequences[8].Targets, features: held.sequences[8].Features },
    scale,
  );
  assert.ok(Math.abs(step.features[0] / slope(0, 1200) - 1) < 0.02, `V before the step ${step.features[0]} m/s`);
  assert.ok(Math.abs(step.features[36] / slope(1300, 1344) - 1) < 0.05, `V after the step ${step.features[36]} m/s`);
  // an index the scale does not know is left as it came
  const other = { index: 14, target: step.target, prediction: step.target, features: step.target };
  assert.equal(inRecordUnits(other, scale), other);
});

test('the page compiles for the run data: a loaded file, else run.data, else the paper 100 samples', () => {
  const files: Record<string, GraphDocument> = {};
  for (const f of readdirSync('graphs').filter((n) => n.endsWith('.json'))) {
    const r = loadGraph(readFileSync(`graphs/${f}`, 'utf8'), f);
    if (r.ok) files[f] = r.doc;
  }
  const top = 'fig6-global.json';
  const fig6 = files[top];
  const noRun = { ...fig6 };
  delete noRun.run;
  assert.deepEqual(runDataShape(noRun, null), { samples: 100, maxJumps: 5 });
  const set = { ...fig6, run: { ...fig6.run!, data: { ...fig6.run!.data, samples: 64, maxJumps: 7 } } };
  assert.deepEqual(runDataShape(set, null), { samples: 64, maxJumps: 7 });
  assert.deepEqual(runDataShape(set, { samples: 37, maxJumps: 5 }), { samples: 37, maxJumps: 5 });
  const typeOf = (samples: number) => {
    const r = compileOpenFile(files, top, { samples, maxJumps: 5 });
    assert.ok(r.ok);
    return r.plan.socketTypes.main.outputs.Predictions;
  };
  assert.deepEqual(typeOf(37), { kind: 'sequence', shape: [37] });
  assert.deepEqual(typeOf(1001), { kind: 'sequence', shape: [1001] });
  const plain = compileOpenFile(files, top);
  assert.ok(plain.ok);
  assert.deepEqual(plain.plan.data, { samples: 100, maxJumps: 5 });
});

test("the browser test's lab dataset is what `slidegraph import --window` writes today", () => {
  const out = join(dir, 'fixture.json');
  const r = cli('import', RECORD, '--out', out, ...WINDOWS);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), readFileSync('test/browser/fixtures/lab-import.json', 'utf8'));
});
