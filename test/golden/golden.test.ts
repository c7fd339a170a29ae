import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { cli } from '../support/cli';

/**
 * Golden values. They are not derived here: they pin today's numbers so that any change to the
 * physics, the dataset file or training shows up as a failing test. A deliberate change updates
 * them in the same commit and says why.
 */

test('golden: the dataset of `data --count 64 --seed 0` has a fixed sha256', () => {
  const hash = createHash('sha256');
  for (const chunk of datasetJsonChunks(generateDataset(dataConfig({ count: 64, seed: 0 })))) hash.update(chunk);
  assert.equal(hash.digest('hex'), 'e0710bc213b815ecb69c60cff18457139f0d542ee2906d48ee8a0828c0ae4b31');
});

const GOLDEN_EPOCH = {
  train: { ME: 11.9923, ICs: 0.00593422, DE: 154.181, H: 0.00133, total: 27.4163 },
  test: { ME: 11.9447, ICs: 0.0315891, DE: 168.961, H: 0.00151962, total: 28.8725 },
  testErrorPercent: 100.023,
};

test('golden: the first epoch of fig. 6 on 64 sequences (seed 0, cpu backend) has fixed losses', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'sg-golden-')), 'run');
  const r = cli('train', 'graphs/fig6-global.json', '--count', '64', '--epochs', '1', '--seed', '0', '--backend', 'cpu', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const first = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).epochs[0];
  const rounded = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v.toPrecision(6))]));
  assert.deepEqual(
    { train: rounded(first.train), test: rounded(first.test), testErrorPercent: Number(first.testErrorPercent.toPrecision(6)) },
    GOLDEN_EPOCH,
  );
});
