// Every file format Slidegraph reads back is checked with ajv against its schema, and the
// version-less forms written before run.json, metrics.json, evaluation.json and checkpoints had a format and
// version are upgraded by an explicit migration (one test each), as graphs are.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks, parseDataset } from '../../src/physics/datasetFile';
import { newestUsableCheckpoint } from '../../src/runs/checkpoints';
import { readRunEvaluation, writeRunEvaluation } from '../../src/runs/evaluationFile';
import { readRunMetrics } from '../../src/runs/metricsFile';
import { readRunRecord } from '../../src/runs/runRecord';
import { parseWeights } from '../../src/train/weightsFile';
import { cli } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'sg-formats-'));
let n = 0;
const folder = (files: Record<string, unknown>) => {
  const dir = join(tmp, `f${n++}`);
  mkdirSync(join(dir, 'checkpoints'), { recursive: true });
  for (const [f, v] of Object.entries(files)) writeFileSync(join(dir, f), typeof v === 'string' ? v : JSON.stringify(v));
  return dir;
};

const versions = { slidegraph: '0.1.0', tfjs: '4.22.0', node: 'v20.0.0', backend: 'cpu' };
const dataset = { sha256: 'a'.repeat(64), count: 40, train: 32, test: 8, seed: 3, rule: 'equal-slip' };
const tensor = (values: number[]) => ({ shape: [values.length], values });

test('run.json without format and version (version 0) reads as version 1 without data settings', () => {
  const legacy = { graphFile: 'graphs/stage-me.json', versions, startedAt: '2026-11-20T10:00:00.000Z', dataset };
  const r = readRunRecord(folder({ 'run.json': legacy }));
  assert.deepEqual(r, { format: 'slidegraph/run', version: 1, ...legacy });
  assert.equal(r?.dataset.settings, undefined, 'the settings of that time are not invented');
});

test('run.json: a newer version and a field of the wrong type are refused naming the file and the JSON path', () => {
  const dir = folder({ 'run.json': { format: 'slidegraph/run', version: 2, versions, dataset } });
  assert.throws(
    () => readRunRecord(dir),
    (e: Error) => e.message === `${join(dir, 'run.json')}: version: is 2, written by a newer Slidegraph; this one reads up to version 1`,
  );
  const bad = folder({ 'run.json': { format: 'slidegraph/run', version: 1, versions, dataset: { ...dataset, settings: { hold: 1 } } } });
  assert.throws(
    () => readRunRecord(bad),
    (e: Error) => e.message === `${join(bad, 'run.json')}: dataset.settings.count: is missing`,
  );
  const wrongFormat = folder({ 'run.json': { format: 'slidegraph/metrics', version: 1 } });
  assert.throws(() => readRunRecord(wrongFormat), /run\.json: format: must be "slidegraph\/run", got "slidegraph\/metrics"$/);
});

test('metrics.json without format and version (version 0) reads as version 1; a damaged one names the path', () => {
  const legacy = { graph: 'stage-me', status: 'done', epochs: [], timings: [{ epoch: 1, seconds: 2 }], swaps: [] };
  const dir = folder({ 'metrics.json': legacy });
  assert.deepEqual(readRunMetrics(join(dir, 'metrics.json')), legacy);
  const bad = folder({ 'metrics.json': { ...legacy, status: 'finished' } });
  assert.throws(
    () => readRunMetrics(join(bad, 'metrics.json')),
    (e: Error) => e.message === `${join(bad, 'metrics.json')}: status: must be one of running, done, error, interrupted, got "finished"`,
  );
});

test('evaluation.json without format and version (version 0) reads as version 1, null errors as NaN; a damaged one names the path', () => {
  const histogram = { edges: [0, 2, 4], counts: [1, 1] };
  const legacy = { epoch: 3, errorsPercent: [1.5, null, 3.25], histogram };
  const dir = folder({ 'evaluation.json': legacy });
  assert.deepEqual(readRunEvaluation(join(dir, 'evaluation.json')), { epoch: 3, errorsPercent: [1.5, NaN, 3.25], histogram });
  // What a run writes reads back as it was, NaN included.
  const written = join(folder({}), 'evaluation.json');
  writeRunEvaluation(written, { epoch: 2, errorsPercent: [NaN, 0.5], histogram });
  assert.deepEqual(readRunEvaluation(written).errorsPercent, [NaN, 0.5]);
  const bad = folder({ 'evaluation.json': { ...legacy, errorsPercent: [1, 'x'] } });
  assert.throws(
    () => readRunEvaluation(join(bad, 'evaluation.json')),
    (e: Error) => e.message === `${join(bad, 'evaluation.json')}: errorsPercent[1]: must be a number or a null, got "x"`,
  );
});

test('a checkpoint without format and version (version 0) reads as version 1; without moments they read as empty', () => {
  const weights = { 'gru/W': tensor([1, 2]) };
  const legacy = {
    epoch: 1,
    step: 3,
    weights,
    optimizer: { step: 3, m: { 'gru/W': tensor([0.1, 0.2]) }, v: { 'gru/W': tensor([0.3, 0.4]) } },
  };
  const dir = folder({});
  writeFileSync(join(dir, 'checkpoints', 'epoch-0001.json'), JSON.stringify(legacy));
  const found = newestUsableCheckpoint(dir, 'checkpoints');
  assert.equal(found?.checkpoint.step, 3);
  assert.deepEqual(Array.from(found!.checkpoint.optimizer.v['gru/W'].values), [0.30000001192092896, 0.4000000059604645]);
  const { m: _m, v: _v, ...noMoments } = legacy.optimizer;
  writeFileSync(join(dir, 'checkpoints', 'epoch-0001.json'), JSON.stringify({ ...legacy, optimizer: noMoments }));
  assert.deepEqual(newestUsableCheckpoint(dir, 'checkpoints')?.checkpoint.optimizer.m, {});
  // A checkpoint whose tensor does not fill its shape names the file and the tensor.
  writeFileSync(
    join(dir, 'checkpoints', 'epoch-0001.json'),
    JSON.stringify({ ...legacy, weights: { 'gru/W': { shape: [3], values: [1, 2] } } }),
  );
  assert.throws(
    () => newestUsableCheckpoint(dir, 'checkpoints'),
    (e: Error) => e.message.includes(`epoch-0001.json: weights.gru/W: has 2 values for shape [3] (3 values)`),
  );
});

test('a version 1 dataset (no MeanV, LogVRatio, JumpPairs, drawn with the hold rule not-first) upgrades to version 2', () => {
  const ds = generateDataset(dataConfig({ count: 6, seed: 5, hold: 'not-first' }));
  const v2 = JSON.parse([...datasetJsonChunks(ds)].join(''));
  const { hold: _h, ...config } = v2.config;
  const v1 = {
    ...v2,
    version: 1,
    config,
    sequences: v2.sequences.map(({ MeanV: _a, LogVRatio: _b, JumpPairs: _c, ...s }: Record<string, unknown>) => s),
  };
  const back = parseDataset(v1, 'v1.json');
  assert.equal(back.config.hold, 'not-first');
  assert.deepEqual(back, parseDataset(v2, 'v2.json'));
  assert.throws(() => parseDataset({ ...v2, version: 3 }, 'v3.json'), /v3\.json: version: is 3, written by a newer Slidegraph/);
  assert.throws(
    () => parseDataset({ ...v2, format: undefined, version: undefined }, 'x.json'),
    /x\.json: format: must be "slidegraph\/dataset"/,
  );
});

test('a weights file is checked with its schema: the message names the JSON path', () => {
  const ok = { format: 'slidegraph/weights', version: 1, weights: { 'a/W': tensor([1]) } };
  assert.deepEqual(Object.keys(parseWeights(JSON.stringify(ok))), ['a/W']);
  assert.equal(
    parseWeights(JSON.stringify({ ...ok, weights: { 'a/W': { shape: [1], values: ['x'] } } })),
    'weights.a/W.values[0]: must be a number, got "x"',
  );
  assert.equal(
    parseWeights(JSON.stringify({ weights: {} })),
    'format: is missing: the file is not a Slidegraph weights file (expected "format": "slidegraph/weights")',
  );
  // A tensor named __proto__ is an ordinary name, never the prototype of the result.
  const proto = parseWeights('{"format":"slidegraph/weights","version":1,"weights":{"__proto__":{"shape":[1],"values":[2]}}}');
  assert.ok(typeof proto !== 'string' && Object.hasOwn(proto, '__proto__') && Object.getPrototypeOf(proto) === Object.prototype);
});

test('sweep.json and reproduce.json are checked with their schema: a task or collect names the file and the point field', () => {
  const point = {
    name: 'ME',
    dir: 'ME',
    graph: '/g.json',
    patches: [{ training: { seed: 0 } }],
    set: [['run.training.learningRate', 0.002]],
  };
  const list = { format: 'slidegraph/reproduce-points', version: 1, points: [point] };
  const dir = folder({
    'reproduce.json': { ...list, points: [{ ...point, set: [['run.training.learningRate']] }] },
    'sweep.json': { ...list, format: 'slidegraph/sweep-points' },
    'newer.json': { ...list, version: 2 },
  });
  const task = cli('task', join(dir, 'reproduce.json'), '0');
  assert.equal(task.code, 2);
  assert.equal(task.stderr, `slidegraph: ${join(dir, 'reproduce.json')}: points[0].set[0]: must have at least 2 entries, got 1\n`);
  // A sweep list says which sweep it came from; a reproduction's list does not.
  const collect = cli('collect', dir);
  assert.equal(collect.code, 2);
  assert.equal(collect.stderr, `slidegraph: ${join(dir, 'sweep.json')}: sweep: is missing\n`);
  const newer = cli('task', join(dir, 'newer.json'), '0');
  assert.match(newer.stderr, /newer\.json: version: is 2, written by a newer Slidegraph; this one reads up to version 1\n$/);
});
