import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

/**
 * `train --threads N` runs the GRU kernel's chunks of each batch on N threads; the numbers must
 * not depend on N. Batches of 32 are two chunks, so 2 threads really split them.
 */
test('train --threads 1 and --threads 2 write the same weights and metrics, bit for bit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-threads-'));
  const runs = [1, 2].map((threads) => {
    const out = join(dir, `t${threads}`);
    const r = cli(
      'train',
      'graphs/fig6-global.json',
      '--count',
      '80',
      '--epochs',
      '2',
      '--seed',
      '3',
      '--threads',
      String(threads),
      '--out',
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { epochs: Array<{ train: { total: number } }> };
    return { weights: readFileSync(join(out, 'weights.json'), 'utf8'), metrics };
  });
  assert.ok(runs[0].metrics.epochs.length === 2 && Number.isFinite(runs[0].metrics.epochs[1].train.total));
  assert.equal(runs[1].weights, runs[0].weights);
  assert.deepEqual(
    runs[1].metrics.epochs.map((e) => e.train),
    runs[0].metrics.epochs.map((e) => e.train),
  );
});

test('--threads must be a whole number from 1: one line, exit 2', () => {
  const r = cli('train', 'graphs/fig6-global.json', '--threads', '0');
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--threads/);
});
