import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-web';
import { cli, smallRun } from '../support/cli';

/**
 * The exported ONNX model, run by onnxruntime (its WebAssembly build: onnxruntime-node downloads
 * its binaries at install time, which this machine cannot), predicts what `predict` predicts from
 * the same run and dataset, to 1e-5.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sg-onnx-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

test('export-onnx: onnxruntime matches predict to 1e-5 on every sequence of both splits', async () => {
  const data = join(tmp, 'data.json');
  assert.equal(cli('data', '--count', '40', '--seed', '4', '--out', data).code, 0);
  const run = join(tmp, 'run');
  const trained = cli(
    'train',
    'graphs/fig6-global.json',
    '--data',
    data,
    '--epochs',
    '2',
    '--batch',
    '16',
    '--backend',
    'cpu',
    '--out',
    run,
  );
  assert.equal(trained.code, 0, trained.stderr);
  const predictions = join(tmp, 'predictions.json');
  assert.equal(cli('predict', run, '--data', data, '--backend', 'cpu', '--out', predictions).code, 0);
  const file = join(tmp, 'main.onnx');
  const exported = cli('export-onnx', run, '--out', file);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(JSON.parse(exported.stdout).opset, 13);

  const ds = json(data);
  const T: number = ds.config.samples;
  const count: number = ds.sequences.length;
  const features = Float32Array.from(ds.sequences.flatMap((s: { Features: number[] }) => s.Features));
  const session = await ort.InferenceSession.create(readFileSync(file));
  assert.deepEqual(session.inputNames, ['features']);
  assert.deepEqual(session.outputNames, ['predictions']);
  const out = await session.run({ features: new ort.Tensor('float32', features, [count, T, 1]) });
  const got = out.predictions;
  assert.deepEqual(got.dims, [count, T]);
  const want = json(predictions).sequences.map((s: { normalized: number[] }) => s.normalized) as number[][];
  let worst = 0;
  for (let i = 0; i < count; i++)
    for (let t = 0; t < T; t++) worst = Math.max(worst, Math.abs((got.data as Float32Array)[i * T + t] - want[i][t]));
  assert.ok(worst <= 1e-5, `largest difference ${worst}`);
  // Not trivially equal: the predictions vary along the sequence and between sequences.
  assert.ok(Math.abs(want[0][0] - want[0][T - 1]) > 1e-3 && Math.abs(want[0][T - 1] - want[1][T - 1]) > 1e-4);
  await session.release();
});

test('export-onnx refuses a main net that is not a plain GRU/Linear chain, in one line', () => {
  const run = join(tmp, 'meanv');
  const trained = cli('train', 'graphs/fig6-meanv.json', ...smallRun(1), '--backend', 'cpu', '--out', run);
  assert.equal(trained.code, 0, trained.stderr);
  const r = cli('export-onnx', run, '--out', join(tmp, 'meanv.onnx'));
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `slidegraph: ${join(run, 'graph.json')}: main net: is not a plain chain of GRU and Linear layers ending in one output, which is what ONNX export writes\n`,
  );
});
