import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkerEvent } from '../../src/editor/run/protocol';
import { initialRunState, MAX_BATCH_POINTS, type RunState, runReducer } from '../../src/editor/run/runState';
import { metricsCsv, swapsCsv } from '../../src/train/metrics';

const losses = (v: number) => ({ ME: v, DE: v / 2, total: 1.5 * v });

test('run events fold into the panel state, batches thinned, swaps kept', () => {
  let s: RunState = runReducer(
    initialRunState,
    { type: 'start', epochs: 2, stepsPerEpoch: 2000, train: 64000, test: 100, terms: ['ME', 'DE'], parameters: 10, fromEpoch: 0 },
    0,
  );
  for (let step = 1; step <= 4000; step++)
    s = runReducer(s, { type: 'batch', epoch: Math.ceil(step / 2000), step, losses: losses(1 / step) }, step);
  assert.ok(s.batches.length <= MAX_BATCH_POINTS && s.batches.length > MAX_BATCH_POINTS / 4);
  assert.equal(s.step, 4000);
  s = runReducer(s, { type: 'swap', epoch: 2, step: 3000, note: 'set beta.factor = 0.5', terms: ['ME', 'DE'] }, 0);
  s = runReducer(
    s,
    { type: 'epoch', epoch: 2, step: 4000, train: losses(0.1), test: losses(0.2), testErrorPercent: 4.2, numTensors: 7, seconds: 1 },
    0,
  );
  s = runReducer(s, { type: 'done', epoch: 2, step: 4000, stopped: false, seconds: 3, weights: {} }, 0);
  assert.equal(s.status, 'done');
  assert.equal(s.swaps[0].x, 1.5);
  const csv = metricsCsv(s.rows).trim().split('\n');
  assert.equal(csv[0], 'epoch,step,train_ME,train_DE,train_total,test_ME,test_DE,test_total,testErrorPercent,numTensors,seconds');
  assert.equal(csv[1], '2,4000,0.1,0.05,0.15000000000000002,0.2,0.1,0.30000000000000004,4.2,7,1');
  assert.equal(csv.length, 2);
  assert.equal(swapsCsv(s.swaps), 'epoch,step,note,refused\n2,3000,set beta.factor = 0.5,\n');
});

test('a swap that removes a term keeps its history and names it dropped; one that adds it back revives it', () => {
  let s: RunState = runReducer(
    initialRunState,
    { type: 'start', epochs: 3, stepsPerEpoch: 10, train: 64, test: 16, terms: ['ME', 'DE'], parameters: 10, fromEpoch: 0 },
    0,
  );
  const epoch = (n: number, l: { total: number } & Record<string, number>) =>
    runReducer(s, { type: 'epoch', epoch: n, step: 10 * n, train: l, test: l, testErrorPercent: 1, numTensors: 7, seconds: 1 }, 0);
  s = epoch(1, { ME: 1, DE: 2, total: 3 });
  s = runReducer(s, { type: 'swap', epoch: 2, step: 12, note: 'removed DE', terms: ['ME'] }, 0);
  s = epoch(2, { ME: 0.5, total: 0.5 });
  assert.deepEqual([s.terms, s.dropped], [['ME', 'DE'], ['DE']]);
  assert.equal(s.rows[0].train.DE, 2);
  s = runReducer(s, { type: 'swap', epoch: 3, step: 22, note: 'refused', terms: ['ME', 'H'], refused: 'bad' }, 0);
  assert.deepEqual([s.terms, s.dropped], [['ME', 'DE'], ['DE']]);
  s = runReducer(s, { type: 'swap', epoch: 3, step: 25, note: 'DE back, H added', terms: ['ME', 'DE', 'H'] }, 0);
  assert.deepEqual([s.terms, s.dropped], [['ME', 'DE', 'H'], []]);
});

test("a run's dataset scale outlives its start event, and a run on generated data has none", () => {
  const scale = { name: 'lab.json', vCh: 2e-6, dmuCh: 0.0456, tests: [{ muStart: 0.454, dt: 4 }] };
  const start: WorkerEvent = { type: 'start', epochs: 1, stepsPerEpoch: 1, train: 11, test: 3, terms: ['ME'], parameters: 1, fromEpoch: 0 };
  // the client puts the scale in the state as it sends the request; the worker's start event keeps it
  const s = runReducer({ ...initialRunState, status: 'preparing', scale }, start, 0);
  assert.equal(s.scale, scale);
  assert.equal(s.status, 'running');
  assert.equal(runReducer({ ...initialRunState, status: 'preparing' }, start, 0).scale, null);
});
