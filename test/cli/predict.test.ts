import assert from 'node:assert/strict';
import { cpSync, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { sequenceCsv } from '../../src/physics/exportCsv';
import type { PredictionsFile } from '../../src/train/predictionsFile';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-predict-'));
// biome-ignore lint/suspicious/noExplicitAny: test reads JSON files it wrote
const json = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

// 24 experiments in one CSV with a sequence column, each starting from its own measured mu.
const source = generateDataset(dataConfig({ count: 24, seed: 9 }));
const offsets = source.sequences.map((_, i) => 0.01 * i);
let csv = 'sequence,t,V,mu\n';
source.sequences.forEach((s, i) => {
  for (const row of sequenceCsv(s, source.config).trim().split('\n').slice(1)) {
    const [t, v, mu] = row.split(',').map(Number);
    csv += `run${i},${t},${v},${mu + offsets[i]}\n`;
  }
});
writeFileSync(join(dir, 'lab.csv'), csv);
const data = join(dir, 'lab.json');
const imported = cli('import', join(dir, 'lab.csv'), '--out', data, '--seed', '3');
const run = join(dir, 'run');
const trained = cli(
  'train',
  'graphs/stage-me.json',
  '--data',
  data,
  '--epochs',
  '1',
  '--batch',
  '8',
  '--seed',
  '1',
  '--backend',
  'cpu',
  '--out',
  run,
);
const pred = join(dir, 'pred.json');
const predicted = cli('predict', run, '--out', pred, '--backend', 'cpu');

test('train --data trains on an imported file and records it', () => {
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(JSON.parse(imported.stdout).count, 24);
  assert.equal(trained.code, 0, trained.stderr);
  const provenance = json(join(run, 'run.json'));
  assert.equal(provenance.dataset.file, data);
  assert.equal(provenance.dataset.count, 24);
  assert.equal(provenance.dataset.test, 5);
});

test("predict writes every sequence's prediction in normalized units and in mu, valid against its schema", () => {
  assert.equal(predicted.code, 0, predicted.stderr);
  const p: PredictionsFile = json(pred);
  const schema = json('schema/predictions.schema.json');
  const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
  const validate = new AjvCtor({ allowUnionTypes: true }).compile(schema);
  const valid = validate(p);
  assert.ok(valid, JSON.stringify(validate.errors));
  assert.equal(p.format, 'slidegraph/predictions');
  assert.equal(p.data, data, "the run's own dataset file by default");
  const ds = json(data);
  assert.equal(p.sequences.length, 24);
  p.sequences.forEach((s, i) => {
    assert.equal(s.index, i);
    assert.equal(s.split, ds.sequences[i].split);
    // mu(0) is each experiment's own first measured mu
    const first = Number(
      csv
        .split('\n')
        .find((l) => l.startsWith(`run${i},`))!
        .split(',')[3],
    );
    assert.equal(s.muStart, first);
    s.mu.forEach((m, j) => assert.ok(Math.abs(m - (first + 0.01 * s.normalized[j])) < 1e-15));
    const target: number[] = ds.sequences[i].Targets;
    let d = 0;
    let n = 0;
    target.forEach((y, j) => {
      d += (s.normalized[j] - y) ** 2;
      n += y ** 2;
    });
    // the run scores float32 targets, so agreement is to float32 precision
    const want = (100 * Math.sqrt(d)) / Math.sqrt(n);
    assert.ok(Math.abs(Number(s.testErrorPercent) - want) < 1e-5 * want, `${s.testErrorPercent} vs ${want}`);
  });
  // the test split's errors are the ones evaluate reports
  const ev = cli('evaluate', run, '--backend', 'cpu');
  assert.equal(ev.code, 0, ev.stderr);
  const tests = p.sequences.filter((s: { split: string }) => s.split === 'test').map((s) => Number(s.testErrorPercent));
  const mean = tests.reduce((a: number, b: number) => a + b, 0) / tests.length;
  assert.ok(Math.abs(JSON.parse(ev.stdout).testErrorPercent.mean - mean) < 1e-9);
});

test("losses reads predict's file: ME is the mean squared error of the predictions, as a loop", () => {
  const r = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', pred, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  const p: PredictionsFile = json(pred);
  const ds = json(data);
  let me = 0;
  p.sequences.forEach((s: { normalized: number[] }, i: number) => {
    let sum = 0;
    s.normalized.forEach((v, j) => {
      sum += (v - ds.sequences[i].Targets[j]) ** 2;
    });
    me += sum / s.normalized.length / p.sequences.length;
  });
  const got = JSON.parse(r.stdout).terms.ME;
  assert.ok(Math.abs(got - me) < 1e-5 * me, `ME ${got}, loop ${me}`);
});

test('losses refuses predictions made for another dataset or not matching their schema; train refuses --count with --data', () => {
  const other = join(dir, 'other.json');
  assert.equal(cli('data', '--count', '24', '--seed', '4', '--out', other).code, 0);
  const wrongData = cli('losses', 'graphs/stage-me.json', '--data', other, '--predictions', pred);
  assert.equal(wrongData.code, 2);
  assert.match(
    wrongData.stderr,
    /^slidegraph: .*pred\.json: datasetSha256: the predictions are for dataset [0-9a-f]{64}, --data has [0-9a-f]{64}\n$/,
  );
  const p: PredictionsFile = json(pred);
  (p.sequences[3] as { split: string }).split = 'validation';
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify(p));
  const bad = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', broken);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^slidegraph: .*broken\.json: sequences\[3\]\.split: must be one of train, test, got "validation"\n$/);
  const both = cli('train', 'graphs/stage-me.json', '--data', data, '--count', '5');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--count: does not apply with --data/);
});

test('an --out that names an input of the same command is refused and the input kept (issue 25)', () => {
  assert.equal(predicted.code, 0, predicted.stderr);
  const keep = (path: string) => ({ path, before: readFileSync(path, 'utf8') });
  const inputs = [
    keep(join(run, 'weights.json')),
    keep(data),
    keep(join(run, 'graph.json')),
    keep(join(run, 'run.json')),
    keep(join(dir, 'lab.csv')),
  ];
  const linked = join(dir, 'weights-link.json');
  linkSync(join(run, 'weights.json'), linked);
  const symlinked = join(dir, 'data-link.json');
  symlinkSync(data, symlinked);
  const cases: [string[], RegExp][] = [
    [['predict', run, '--out', join(run, 'weights.json')], /is the run's weights\.json/],
    [['predict', run, '--out', join(run, '..', 'run', 'run.json')], /is the run's run\.json/],
    [['predict', run, '--out', join(run, 'graph.json')], /is the run's graph\.json/],
    [['predict', run, '--out', join(run, 'checkpoints', 'epoch-0001.json')], /is the run's checkpoints\/epoch-0001\.json/],
    [['predict', run, '--out', data], /is the dataset file/],
    [['predict', run, '--out', symlinked], /is the dataset file/],
    [['predict', run, '--out', linked], /is the run's weights\.json/],
    [['import', join(dir, 'lab.csv'), '--out', join(dir, 'lab.csv')], /is the CSV file/],
  ];
  for (const [args, why] of cases) {
    const r = cli(...args, ...(args[0] === 'predict' ? ['--backend', 'cpu'] : []));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^slidegraph: --out: .* an input of this command; writing there would destroy it\. Choose another --out\n$/);
    assert.match(r.stderr, why);
  }
  for (const i of inputs) assert.equal(readFileSync(i.path, 'utf8'), i.before, i.path);
  // a predictions file inside the run folder is fine, and may be written again
  for (let k = 0; k < 2; k++) assert.equal(cli('predict', run, '--out', join(run, 'predictions.json'), '--backend', 'cpu').code, 0);
});

test('losses pairs predictions by their index: a shuffled file scores the same; a repeated index or a wrong split is refused (issue 25)', () => {
  assert.equal(predicted.code, 0, predicted.stderr);
  const straight = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', pred, '--backend', 'cpu');
  assert.equal(straight.code, 0, straight.stderr);
  const p: PredictionsFile = json(pred);
  const shuffled = join(dir, 'shuffled.json');
  writeFileSync(shuffled, JSON.stringify({ ...p, sequences: [...p.sequences].reverse() }));
  const r = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', shuffled, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, straight.stdout);
  const twice = join(dir, 'twice.json');
  writeFileSync(twice, JSON.stringify({ ...p, sequences: p.sequences.map((s, i) => (i === 5 ? { ...s, index: 2 } : s)) }));
  const t = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', twice, '--backend', 'cpu');
  assert.equal(t.code, 2);
  assert.match(t.stderr, /^slidegraph: .*twice\.json: sequences\[5\]\.index: is 2, as sequences\[2\]\.index is: each sequence once\n$/);
  const swapped = join(dir, 'swapped.json');
  const test0 = p.sequences.findIndex((s) => s.split === 'test');
  const train0 = p.sequences.findIndex((s) => s.split === 'train');
  const seqs = p.sequences.map((s, i) =>
    i === test0 ? { ...s, index: p.sequences[train0].index } : i === train0 ? { ...s, index: p.sequences[test0].index } : s,
  );
  writeFileSync(swapped, JSON.stringify({ ...p, sequences: seqs }));
  const w = cli('losses', 'graphs/stage-me.json', '--data', data, '--predictions', swapped, '--backend', 'cpu');
  assert.equal(w.code, 2);
  assert.match(w.stderr, /split: is "(train|test)", the dataset's sequence \d+ is in "(test|train)"\n$/);
});

test('weights that overflow 32-bit floats: evaluate and predict exit 3 naming the tensor, and write nothing (issue 25)', () => {
  assert.equal(trained.code, 0, trained.stderr);
  const big = join(dir, 'big');
  cpSync(run, big, { recursive: true });
  const w = json(join(big, 'weights.json'));
  const name = Object.keys(w.weights)[0];
  w.weights[name].values[1] = 1e39;
  writeFileSync(join(big, 'weights.json'), JSON.stringify(w));
  const e = cli('evaluate', big, '--backend', 'cpu');
  assert.equal(e.code, 3, e.stderr);
  assert.equal(
    e.stderr,
    `slidegraph: ${join(big, 'weights.json')}: weights.${name}[1] is Infinity: not a finite number, so nothing was written\n`,
  );
  assert.equal(e.stdout, '');
  const out = join(dir, 'big-pred.json');
  const p = cli('predict', big, '--out', out, '--backend', 'cpu');
  assert.equal(p.code, 3, p.stderr);
  assert.match(p.stderr, new RegExp(`weights\\.${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\[1\\] is Infinity`));
  assert.ok(!existsSync(out));
});

test('a run folder without run.json is neither resumed nor evaluated on guessed data (issue 25)', () => {
  assert.equal(trained.code, 0, trained.stderr);
  const bare = join(dir, 'bare');
  cpSync(run, bare, { recursive: true });
  rmSync(join(bare, 'run.json'));
  const e = cli('evaluate', bare, '--backend', 'cpu');
  assert.equal(e.code, 2);
  assert.equal(
    e.stderr,
    `slidegraph: RUNDIR: ${bare} has no run.json, so the data the run trained on cannot be known; name the dataset to score it on with --data FILE\n`,
  );
  const p = cli('predict', bare, '--out', join(dir, 'bare-pred.json'), '--backend', 'cpu');
  assert.equal(p.code, 2);
  assert.ok(!existsSync(join(dir, 'bare-pred.json')));
  // with the dataset named, the number has its provenance
  assert.equal(cli('evaluate', bare, '--data', data, '--backend', 'cpu').code, 0);
  const r = cli('train', '--resume', bare, '--backend', 'cpu');
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^slidegraph: --resume: .*bare has no run\.json, so the data its epochs trained on cannot be known; train it again into a new folder \(slidegraph train .*graph\.json --out NEW\)\n$/,
  );
  assert.ok(!existsSync(join(bare, 'run.json')));
});
