import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { againstSetting, isSeed, readRunSet, smooth, sweptKeys } from '../../src/editor/compare/runSet';

const fig6 = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8'));
/** A run folder's two files: graph.json with its settings, metrics.json with test errors `errors` per epoch. */
function folder(name: string, lr: number, seed: number, errors: number[]) {
  const graph = { ...fig6, run: { ...fig6.run, data: { ...fig6.run.data, seed }, training: { ...fig6.run.training, learningRate: lr } } };
  const epochs = errors.map((e, i) => ({
    epoch: i + 1,
    step: 10 * (i + 1),
    train: { ME: e / 10, total: e / 5 },
    test: { ME: e / 10, total: e / 5 },
    testErrorPercent: e,
    numTensors: 1,
  }));
  const metrics = { format: 'slidegraph/metrics', version: 1, graph: 'fig6', status: 'done', epochs, timings: [], swaps: [] };
  return [
    { path: `sweep/${name}/graph.json`, text: JSON.stringify(graph) },
    { path: `sweep/${name}/metrics.json`, text: JSON.stringify(metrics) },
  ];
}

test('a sweep folder: runs read through their schema, swept settings found, final metric against a setting with sd over seeds', () => {
  const files = [
    ...folder('a', 1e-3, 0, [9, 5, 4]),
    ...folder('b', 1e-3, 1, [9, 6, 2]),
    ...folder('c', 2e-3, 0, [8, 3, 3]),
    ...folder('d', 2e-3, 1, [8, 3, 3]),
    { path: 'sweep/e/metrics.json', text: '{"format": "slidegraph/metrics", "version": 1, "graph": 3}' },
  ];
  const { runs, refused } = readRunSet(files);
  assert.deepEqual(
    runs.map((r) => [r.name, r.final.epochs, r.final.testErrorPercent]),
    [
      ['a', 3, 4],
      ['b', 3, 2],
      ['c', 3, 3],
      ['d', 3, 3],
    ],
  );
  assert.equal(refused.length, 1);
  assert.match(refused[0], /^sweep\/e\/metrics\.json: /);
  assert.deepEqual(sweptKeys(runs), ['data.seed', 'training.learningRate']);
  assert.equal(isSeed('data.seed'), true);
  assert.equal(isSeed('training.learningRate'), false);
  // lr 1e-3: final errors 4 and 2, mean 3, sample sd √2; lr 2e-3: 3 and 3, sd 0.
  assert.deepEqual(againstSetting(runs, 'training.learningRate', 'testErrorPercent'), [
    { x: 1e-3, mean: 3, sd: Math.SQRT2, n: 2 },
    { x: 2e-3, mean: 3, sd: 0, n: 2 },
  ]);
});

test('smoothing is a debiased exponential moving average: a constant stays itself, a step decays geometrically', () => {
  assert.deepEqual(
    smooth([5, 5, 5], 0.9),
    [5, 5, 5].map((v, i) => (v * (1 - 0.9 ** (i + 1))) / (1 - 0.9 ** (i + 1))),
  );
  for (const [got, want] of smooth([1, 0, 0], 0.5).map((v, i) => [v, [1, 1 / 3, 1 / 7][i]])) assert.ok(Math.abs(got - want) < 1e-15);
  assert.deepEqual(smooth([3, 1, 4], 0), [3, 1, 4]);
});
