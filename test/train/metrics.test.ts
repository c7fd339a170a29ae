import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricsCsv, swapsCsv } from '../../src/train/metrics';

test('metrics.csv keeps every term a swap added, leaving earlier rows empty there', () => {
  const row = (epoch: number, train: Record<string, number>) => ({
    epoch,
    step: 10 * epoch,
    train: { ...train, total: 1 },
    test: { ...train, total: 2 },
    testErrorPercent: 5,
    numTensors: 9,
  });
  const csv = metricsCsv([row(1, { ME: 0.5 }), row(2, { ME: 0.4, DE: 3 })])
    .trim()
    .split('\n');
  assert.deepEqual(csv, [
    'epoch,step,train_ME,train_DE,train_total,test_ME,test_DE,test_total,testErrorPercent,numTensors',
    '1,10,0.5,,1,0.5,,2,5,9',
    '2,20,0.4,3,1,0.4,3,2,5,9',
  ]);
});

test('swaps.csv quotes notes with commas and quotes, so every row has four fields', () => {
  const csv = swapsCsv([
    { epoch: 2, step: 12, note: 'added DE' },
    { epoch: 3, step: 20, note: 'set a, b', refused: 'socket "x" is empty' },
  ]);
  assert.equal(csv, 'epoch,step,note,refused\n2,12,added DE,\n3,20,"set a, b","socket ""x"" is empty"\n');
});
