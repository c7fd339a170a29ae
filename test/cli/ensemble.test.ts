import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-ensemble-'));
// biome-ignore lint/suspicious/noExplicitAny: test reads JSON files it wrote
const json = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

// three tiny runs of three seeds, each on its own seed's data
const runs = [0, 1, 2].map((seed) => {
  const out = join(dir, `seed-${seed}`);
  const r = cli('train', 'graphs/stage-me.json', '--count', '20', '--epochs', '1', '--batch', '8', '--seed', String(seed), '--out', out);
  assert.equal(r.code, 0, r.stderr);
  return out;
});
const data = join(dir, 'data.json');
assert.equal(cli('data', '--count', '20', '--seed', '0', '--out', data).code, 0);

test('predict --ensemble: per-sample mean and sd of the nets, the eq. (15) error of the mean and the ±2 sd calibration, by hand', () => {
  const out = join(dir, 'ensemble.json');
  const r = cli('predict', '--ensemble', runs.join(','), '--data', data, '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const e = json(out);
  const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
  const valid = new AjvCtor({ strict: true, allowUnionTypes: true }).validate(json('schema/ensemble.schema.json'), json(out));
  assert.ok(valid, 'the file satisfies its schema');
  // each net on its own, through the ordinary predict
  const each = runs.map((run, i) => {
    const f = join(dir, `p${i}.json`);
    assert.equal(cli('predict', run, '--data', data, '--out', f).code, 0);
    return json(f).sequences.map((s: { normalized: number[] }) => s.normalized);
  });
  const ds = generateDataset(dataConfig({ count: 20, seed: 0 }));
  let inside = 0;
  let counted = 0;
  let spread = 0;
  ds.sequences.forEach((s, q) => {
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < 100; i++) {
      const xs = each.map((p) => p[q][i]);
      const mean = (xs[0] + xs[1] + xs[2]) / 3;
      const sd = Math.sqrt(xs.reduce((a: number, x: number) => a + (x - mean) ** 2, 0) / 2);
      assert.ok(Math.abs(e.sequences[q].mean[i] - mean) <= 1e-9 * Math.max(1, Math.abs(mean)), `sequence ${q} sample ${i}`);
      assert.ok(Math.abs(e.sequences[q].sd[i] - sd) <= 1e-9 * Math.max(1, sd), `sequence ${q} sample ${i} sd`);
      spread += sd;
      diff += (mean - s.Targets[i]) ** 2;
      norm += s.Targets[i] ** 2;
      if (s.split === 'test') {
        counted++;
        if (Math.abs(s.Targets[i] - mean) <= 2 * sd) inside++;
      }
    }
    const want = (100 * Math.sqrt(diff)) / Math.sqrt(norm);
    assert.ok(Math.abs(e.sequences[q].testErrorPercent - want) <= 1e-9 * want, `sequence ${q}: error of the mean`);
  });
  assert.ok(spread > 0, 'three seeds give three different nets');
  assert.equal(e.calibration.samples, counted);
  assert.equal(e.calibration.within2sd, inside / counted);
  assert.deepEqual(e.runs, runs);
  assert.equal(e.datasetSha256, json(join(dir, 'p0.json')).datasetSha256);
});

test('predict --ensemble SWEEPDIR takes every run under runs/ in name order; fewer than two runs, or a run folder beside --ensemble, is refused in one line', () => {
  const sweep = join(dir, 'sweep');
  mkdirSync(join(sweep, 'runs'), { recursive: true });
  runs.forEach((run, i) => cpSync(run, join(sweep, 'runs', `point-${i}`), { recursive: true }));
  const out = join(dir, 'from-sweep.json');
  assert.equal(cli('predict', '--ensemble', sweep, '--data', data, '--out', out).code, 0);
  const listed = json(join(dir, 'ensemble.json'));
  assert.deepEqual(json(out).sequences, listed.sequences);
  for (const args of [
    ['--ensemble', runs[0]],
    [runs[0], '--ensemble', runs.join(',')],
  ]) {
    const r = cli('predict', ...args, '--out', join(dir, 'x.json'));
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});
