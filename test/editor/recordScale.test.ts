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

test('a dataset imported from the lab record at its own scale reads back as the record: μ, V in m/s, t in s', () => {
  const out = join(dir, 'lab.json');
  const r = cli('import', RECORD, '--out', out, '--samples', '37', '--vch', '1e-5', '--dmu-ch', '0.002');
  assert.equal(r.code, 0, r.stderr);
  const ds = parseDataset(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.equal(ds.config.samples, 37);
  // one record, one sequence: held out here so that it is a test sequence, as the chart shows them
  const held = { ...ds, sequences: ds.sequences.map((s) => ({ ...s, split: 'test' as const })) };
  const scale = recordScaleOf(held, 'lab.json');
  const s = held.sequences[0];
  // as the worker sends them: float32, normalized; a prediction 0.5 δμch above the target
  const target = Float32Array.from(s.Targets);
  const prediction = target.map((y) => y + 0.5);
  const shown = inRecordUnits({ index: 0, target, prediction, features: Float32Array.from(s.Features) }, scale);
  assert.deepEqual(shown.units, { mu: 'μ', v: 'V (m/s)' });

  const rec = plainRecord();
  const duration = rec.t[rec.t.length - 1];
  assert.equal(shown.t!.length, 37);
  for (let i = 0; i < 37; i++) {
    const ti = (i * duration) / 36;
    assert.ok(Math.abs(shown.t![i] - ti) < 1e-9, `t[${i}] = ${shown.t![i]}, want ${ti}`);
    const mu = interpolate(rec.t, rec.mu, ti);
    // float32 targets of |y| < 5 at δμch = 0.002: a few 1e-9 of μ
    assert.ok(Math.abs(shown.target[i] - mu) < 1e-7, `μ[${i}] = ${shown.target[i]}, the record says ${mu}`);
    assert.ok(Math.abs(shown.prediction[i] - (mu + 0.001)) < 1e-7, `prediction[${i}]`);
  }
  // V: the load point's mean speed before the step (t < 1200 s) and after it (t > 1300 s), from
  // the displacement column alone
  const slope = (a: number, b: number) => (interpolate(rec.t, rec.displ, b) - interpolate(rec.t, rec.displ, a)) / (b - a);
  const before = slope(0, 1200);
  const after = slope(1300, duration);
  assert.ok(Math.abs(shown.features[0] / before - 1) < 0.02, `V[0] = ${shown.features[0]} m/s, the record's ${before}`);
  assert.ok(Math.abs(shown.features[36] / after - 1) < 0.02, `V[36] = ${shown.features[36]} m/s, the record's ${after}`);
  // an index the scale does not know is left as it came
  const other = { index: 3, target, prediction, features: target };
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

test("the browser test's lab dataset is what `slidegraph import` writes today", () => {
  const out = join(dir, 'fixture.json');
  // five copies of the record (the same experiment five times): two held out for testing
  const r = cli(
    'import',
    RECORD,
    RECORD,
    RECORD,
    RECORD,
    RECORD,
    '--out',
    out,
    '--samples',
    '37',
    '--vch',
    '1e-5',
    '--dmu-ch',
    '0.002',
    '--test-fraction',
    '0.4',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), readFileSync('test/browser/fixtures/lab-import.json', 'utf8'));
});
