import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createModel } from '../../src/compile/model';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { compileGraphFile } from '../../src/runs/graphFiles';
import { datasetSplit } from '../../src/train/data';
import { cli } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'sg-train-'));
const small = ['--count', '60', '--epochs', '3', '--batch', '16', '--seed', '2', '--backend', 'cpu'];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const first = join(tmp, 'a');
// Every checkpoint kept (0): the tests below resume from the first one.
const trained = cli('train', 'graphs/fig6-global.json', ...small, '--keep-checkpoints', '0', '--out', first);

test('train writes the whole run folder', () => {
  assert.equal(trained.code, 0, trained.stderr);
  for (const f of [
    'graph.json',
    'run.json',
    'metrics.json',
    'metrics.csv',
    'evaluation.json',
    'weights.json',
    'model/model.json',
    'model/weights.bin',
    'fig2-main.json',
  ]) {
    assert.ok(existsSync(join(first, f)), f);
  }
  assert.deepEqual(readdirSync(join(first, 'checkpoints')), ['epoch-0001.json', 'epoch-0002.json', 'epoch-0003.json']);
  const graph = json(join(first, 'graph.json'));
  assert.deepEqual(graph.run, {
    data: { count: 60, seed: 2, rule: 'equal-slip', testFraction: 0.2 },
    training: { epochs: 3, batchSize: 16, learningRate: 0.001, optimizer: 'adam', seed: 2 },
  });
  const run = json(join(first, 'run.json'));
  assert.match(run.dataset.sha256, /^[0-9a-f]{64}$/);
  assert.equal(run.versions.tfjs, tf.version_core);
  const metrics = json(join(first, 'metrics.json'));
  assert.equal(metrics.status, 'done');
  assert.equal(metrics.epochs.length, 3);
  assert.deepEqual(Object.keys(metrics.epochs[0].train), ['ME', 'ICs', 'DE', 'H', 'total']);
  assert.ok(!('seconds' in metrics.epochs[0]), 'timings live apart from the numbers');
  assert.equal(metrics.timings.length, 3);
  const csv = readFileSync(join(first, 'metrics.csv'), 'utf8').trim().split('\n');
  assert.equal(
    csv[0],
    'epoch,step,train_ME,train_ICs,train_DE,train_H,train_total,test_ME,test_ICs,test_DE,test_H,test_total,testErrorPercent,numTensors',
  );
  assert.equal(csv.length, 4);
  assert.equal(Number(csv[3].split(',')[12]), metrics.epochs[2].testErrorPercent);
});

test('the same graph file and seed give identical metrics.json epochs', () => {
  const second = join(tmp, 'b');
  const r = cli('train', 'graphs/fig6-global.json', ...small, '--out', second);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(json(join(second, 'metrics.json')).epochs, json(join(first, 'metrics.json')).epochs);
  assert.equal(json(join(second, 'run.json')).dataset.sha256, json(join(first, 'run.json')).dataset.sha256);
});

test('--resume after an interruption reaches the same final numbers', () => {
  const dir = join(tmp, 'interrupted');
  cpSync(first, dir, { recursive: true });
  // What a Ctrl-C during epoch 2 leaves behind: one checkpoint, no final weights.
  for (const f of ['checkpoints/epoch-0002.json', 'checkpoints/epoch-0003.json', 'weights.json', 'model'])
    rmSync(join(dir, f), { recursive: true });
  const m = json(join(dir, 'metrics.json'));
  writeFileSync(
    join(dir, 'metrics.json'),
    JSON.stringify({ ...m, status: 'interrupted', epochs: m.epochs.slice(0, 1), timings: m.timings.slice(0, 1) }),
  );
  const r = cli('train', '--resume', dir, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(json(join(dir, 'metrics.json')).epochs, json(join(first, 'metrics.json')).epochs);
  assert.deepEqual(json(join(dir, 'weights.json')), json(join(first, 'weights.json')));
});

test('evaluate prints the same test error as the run ended with', () => {
  const r = cli('evaluate', first, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const last = json(join(first, 'metrics.json')).epochs[2];
  assert.equal(out.testErrorPercent.mean, last.testErrorPercent);
  assert.deepEqual(out.testLosses, last.test);
  assert.equal(out.datasetSha256, json(join(first, 'run.json')).dataset.sha256);
});

test('the exported main net loads with tf.loadLayersModel and predicts what the graph predicts', async () => {
  const modelJson = json(join(first, 'model/model.json'));
  const bin = readFileSync(join(first, 'model/weights.bin'));
  const loaded = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  );
  const { plan } = compileGraphFile(join(first, 'graph.json'));
  const weights = json(join(first, 'weights.json')).weights as Record<string, { shape: number[]; values: number[] }>;
  const model = createModel(plan, {
    seed: 0,
    initial: new Map(Object.entries(weights).map(([k, w]) => [k, { shape: w.shape, values: Float32Array.from(w.values) }])),
  });
  const test = datasetSplit(generateDataset(dataConfig({ count: 60, seed: 2 }))).test;
  const x = tf.tensor2d(test.floats.Features.slice(0, 4 * 100), [4, 100]);
  const want = model.predict(() => x).dataSync();
  const got = (loaded.predict(x) as tf.Tensor).dataSync();
  assert.equal(got.length, 400);
  assert.ok(
    got.every((v, i) => Math.abs(v - want[i]) < 1e-4),
    'same predictions',
  );
  tf.dispose(x);
  loaded.dispose();
  model.dispose();
});

test('--init stages a run from a finished run folder and records where it started', () => {
  const dir = join(tmp, 'staged');
  const r = cli(
    'train',
    'graphs/stage-me-ics.json',
    '--count',
    '60',
    '--epochs',
    '1',
    '--batch',
    '16',
    '--seed',
    '2',
    '--backend',
    'cpu',
    '--lr',
    '1e-12',
    '--init',
    first,
    '--out',
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(json(join(dir, 'graph.json')).run.init, first);
  const before = json(join(first, 'weights.json')).weights;
  const after = json(join(dir, 'weights.json')).weights;
  assert.equal(json(join(dir, 'weights.json')).format, 'slidegraph/weights');
  for (const name of Object.keys(after))
    assert.ok(
      after[name].values.every((v: number, i: number) => Math.abs(v - before[name].values[i]) < 1e-6),
      name,
    );
});

test('a NaN loss: exit 3, one line naming the step and the term, metrics kept', () => {
  const dir = join(tmp, 'nan');
  const r = cli('train', 'test/fixtures/graphs/nan-loss.json', '--backend', 'cpu', '--out', dir);
  assert.equal(r.code, 3);
  assert.equal(
    r.stderr,
    `slidegraph: ${dir}: training stopped at step 1 (epoch 1): the loss term 'LogErr' is NaN; no epoch had finished, so there is no checkpoint\n`,
  );
  assert.equal(json(join(dir, 'metrics.json')).status, 'error');
  assert.equal(json(join(dir, 'metrics.json')).error.term, 'LogErr');
});

test('refusals: an existing run folder, a missing --init run, a bad flag', () => {
  const again = cli('train', 'graphs/fig6-global.json', ...small, '--out', first);
  assert.equal(again.code, 2);
  assert.equal(
    again.stderr,
    `slidegraph: --out: ${first} already holds files; continue it with --resume ${first}, or choose another --out\n`,
  );
  const noInit = cli('train', 'graphs/stage-me-ics.json', ...small, '--init', join(tmp, 'nope'), '--out', join(tmp, 'x'));
  assert.equal(noInit.code, 2);
  assert.match(noInit.stderr, /^slidegraph: run folder: .*nope has no weights\.json/);
  const badLr = cli('train', 'graphs/fig6-global.json', '--lr', '-1');
  assert.equal(badLr.code, 2);
  assert.match(badLr.stderr, /^slidegraph: .*--lr/);
});

test('reproduce runs the four stages at a tiny scale and prints tables I and II', () => {
  const dir = join(tmp, 'reproduce');
  const r = cli('reproduce', '--count', '40', '--epochs', '1', '--out', dir, '--backend', 'cpu', '--jobs', '1');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Table I/);
  assert.match(r.stdout, /Table II/);
  const tables = json(join(dir, 'tables.json')) as { stage: string; testErrorPercent: number }[];
  assert.deepEqual(
    tables.map((t) => t.stage),
    ['ME', 'ME+ICs', 'ME+ICs+DE', 'ME+ICs+DE+H'],
  );
  for (const t of tables) assert.equal(t.testErrorPercent, json(join(dir, t.stage, 'metrics.json')).epochs[0].testErrorPercent);
  assert.equal(json(join(dir, 'ME+ICs+DE', 'graph.json')).run.init, join(dir, 'ME+ICs'));

  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  for (const id of ['table-1', 'table-2', 'floor', 'fig7', 'fig8', 'fig9', 'fig10']) assert.match(html, new RegExp(`id="${id}"`), id);
  // The epoch control runs with --seeds or --control only.
  assert.doesNotMatch(html, /id="table-control"/);
  assert.equal((html.match(/<figure id="[^"]+"><svg /g) ?? []).length, 4);
  assert.match(html, /class="warning"[^>]*>This run is far smaller than the paper's: 40 sequences and 1 epoch per stage/);
  assert.match(html, /<table id="provenance">/);
  // one-epoch stages: fig. 7 shows each as a dot
  assert.ok((readFileSync(join(dir, 'fig7.svg'), 'utf8').match(/<circle class="point"/g) ?? []).length >= 4);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'self-contained: no script, nothing fetched');
  for (const f of ['fig7', 'fig8', 'fig9', 'fig10']) assert.match(readFileSync(join(dir, `${f}.svg`), 'utf8'), /^<svg /);
  // the tables show metrics.json's numbers
  const cells = (id: string) =>
    [
      ...html
        .split(`id="${id}"`)[1]
        .split('</table>')[0]
        .matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td>/g),
    ].map((m) => [m[1], Number(m[2])]);
  const m = (stage: string) => json(join(dir, stage, 'metrics.json')).epochs[0];
  assert.deepEqual(
    cells('table-1'),
    tables.map((t) => [t.stage, Number(m(t.stage).train.total.toPrecision(4))]),
  );
  assert.deepEqual(
    cells('table-2'),
    tables.map((t) => [t.stage, Number(m(t.stage).testErrorPercent.toPrecision(4))]),
  );

  // Finished stages are reused only for the same settings, never passed off as other ones.
  const other = cli('reproduce', '--count', '50', '--epochs', '1', '--out', dir, '--backend', 'cpu');
  assert.equal(other.code, 2);
  assert.equal(
    other.stderr,
    `slidegraph: --out: ${join(dir, 'ME')} was trained with --count 40, not 50; choose another --out for these settings\n`,
  );
});

test('Ctrl-C: exit 130 with the way to continue, and --resume then matches an uninterrupted run', async () => {
  const { spawn } = await import('node:child_process');
  const args = ['--count', '400', '--epochs', '3', '--batch', '16', '--seed', '7', '--backend', 'cpu'];
  const dir = join(tmp, 'ctrl-c');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'train', 'graphs/stage-me.json', ...args, '--out', dir]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (!existsSync(join(dir, 'checkpoints', 'epoch-0001.json'))) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.match(stderr, new RegExp(`^slidegraph: interrupted after epoch 1; continue with --resume ${dir}\\n$`));
  assert.equal(json(join(dir, 'metrics.json')).status, 'interrupted');
  const resumed = cli('train', '--resume', dir, '--backend', 'cpu');
  assert.equal(resumed.code, 0, resumed.stderr);
  const whole = join(tmp, 'ctrl-c-whole');
  assert.equal(cli('train', 'graphs/stage-me.json', ...args, '--out', whole).code, 0);
  assert.deepEqual(json(join(dir, 'metrics.json')).epochs, json(join(whole, 'metrics.json')).epochs);
});

test("every graph copy in the run folder names the package's schema by an absolute URL that exists", () => {
  assert.equal(trained.code, 0, trained.stderr);
  const copies = readdirSync(first).filter((f) => f.endsWith('.json') && json(join(first, f)).format === 'slidegraph/graph');
  assert.deepEqual(copies.sort(), [
    'fig2-main.json',
    'fig3-initial-condition.json',
    'fig4-direct-effect.json',
    'fig5-healing.json',
    'graph.json',
  ]);
  for (const f of copies) assert.equal(json(join(first, f)).$schema, pathToFileURL(resolve('schema/graph.schema.json')).href, f);
  assert.ok(existsSync(fileURLToPath(json(join(first, 'graph.json')).$schema)));
});

test('by default a run keeps its newest two checkpoints and the one with the lowest test error', () => {
  const dir = join(tmp, 'pruned');
  const r = cli(
    'train',
    'graphs/fig6-global.json',
    '--count',
    '60',
    '--epochs',
    '5',
    '--batch',
    '16',
    '--seed',
    '5',
    '--backend',
    'cpu',
    '--out',
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const epochs = json(join(dir, 'metrics.json')).epochs as { epoch: number; testErrorPercent: number }[];
  let best = epochs[0];
  for (const e of epochs) if (e.testErrorPercent <= best.testErrorPercent) best = e;
  const want = [...new Set([4, 5, best.epoch])].sort((a, b) => a - b).map((e) => `epoch-000${e}.json`);
  assert.deepEqual(readdirSync(join(dir, 'checkpoints')).sort(), want);
  const one = cli(
    'train',
    'graphs/fig6-global.json',
    '--count',
    '60',
    '--epochs',
    '3',
    '--batch',
    '16',
    '--seed',
    '5',
    '--backend',
    'cpu',
    '--keep-checkpoints',
    '1',
    '--out',
    join(tmp, 'pruned-1'),
  );
  assert.equal(one.code, 0, one.stderr);
  const e3 = json(join(tmp, 'pruned-1', 'metrics.json')).epochs as { epoch: number; testErrorPercent: number }[];
  let b3 = e3[0];
  for (const e of e3) if (e.testErrorPercent <= b3.testErrorPercent) b3 = e;
  assert.deepEqual(
    readdirSync(join(tmp, 'pruned-1', 'checkpoints')).sort(),
    [...new Set([3, b3.epoch])].sort().map((e) => `epoch-000${e}.json`),
  );
});
