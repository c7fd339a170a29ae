import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { GraphDocument } from '../../src/graph';
import { RUN_DEFAULTS } from '../../src/graph';
import { completeRun, flagsPatch, resolveRun, trainingSeed } from '../../src/run/runSpec';

const doc = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8')) as GraphDocument;

test('the training seed falls back to the data seed, and --seed sets both', () => {
  const run = completeRun({ data: { seed: 7, rule: 'equal-slip' }, training: { ...RUN_DEFAULTS.training } });
  assert.equal(trainingSeed(run), 7);
  assert.equal(trainingSeed({ ...run, training: { ...run.training, seed: 3 } }), 3);
  const seeded = resolveRun({ ...doc, run }, flagsPatch({ seed: 11 }));
  assert.equal(seeded.data.seed, 11);
  assert.equal(seeded.training.seed, 11);
});

test('defaults fill what the document leaves open; later patches win; count stays implicit', () => {
  const r = resolveRun({ ...doc, run: undefined }, { training: { epochs: 4 } }, flagsPatch({ epochs: 2, lr: 5e-4 }));
  assert.deepEqual(r.data, { count: 15000, seed: 0, rule: 'equal-slip', testFraction: 0.2 });
  assert.deepEqual(r.training, { epochs: 2, batchSize: 32, learningRate: 5e-4, seed: 0, schedule: { type: 'constant' } });
  assert.deepEqual(r.doc.run.data, { seed: 0, rule: 'equal-slip' });
  assert.equal(r.init, undefined);
  assert.equal(resolveRun(doc, flagsPatch({ init: 'runs/me' })).init, 'runs/me');
});
