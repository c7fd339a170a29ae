import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import Stack from '../../nodes/Stack';
import { bindBlockOps } from '../../nodes/tfjs';
import { gruSequence } from '../../src/kernels/gru/index';
import { cli, smallRun } from '../support/cli';

// Stack's emit rule runs here directly, not through src/compile/model.ts, which binds the blocks' tfjs.
bindBlockOps({ tf, gruSequence });

const dir = mkdtempSync(join(tmpdir(), 'sg-data-graphs-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

test('Stack puts k sequences side by side as sequence[T×k] and refuses mismatched lengths', async () => {
  await tf.setBackend('cpu');
  const seq = (n: number, f?: number) => ({ kind: 'sequence' as const, shape: f ? [n, f] : [n] });
  const data = { samples: 100, maxJumps: 5 };
  assert.deepEqual(Stack.inferShape({ params: {}, inputs: { x1: seq(100), x2: seq(100) }, data }), {
    ok: true,
    shapes: { out: seq(100, 2) },
  });
  assert.deepEqual(Stack.inferShape({ params: {}, inputs: { x1: seq(100), x2: seq(100, 2), x4: seq(100) }, data }), {
    ok: true,
    shapes: { out: seq(100, 4) },
  });
  assert.deepEqual(Stack.inferShape({ params: {}, inputs: { x1: seq(100), x2: seq(99) }, data }), {
    ok: false,
    errors: [{ socket: 'x2', code: 'shape', message: 'must have 100 steps like x1, got sequence[99]' }],
  });
  const a = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tf.tensor2d([
    [7, 8, 9],
    [10, 11, 12],
  ]);
  const out = Stack.emit({ params: {}, inputs: { x1: a, x2: b }, types: {}, weights: {}, field: () => a }).out;
  assert.deepEqual(out.arraySync(), [
    [
      [1, 7],
      [2, 8],
      [3, 9],
    ],
    [
      [4, 10],
      [5, 11],
      [6, 12],
    ],
  ]);
  tf.dispose([a, b, out]);
});

test('fig6-meanv.json and appendix-a.json check and train', () => {
  const c = cli('check', 'graphs/fig6-meanv.json', 'graphs/appendix-a.json', '--json');
  assert.equal(c.code, 0, c.stderr);
  for (const [graph, terms] of [
    ['fig6-meanv', ['ME', 'ICs', 'DE', 'H']],
    ['appendix-a', ['ME', 'A']],
  ] as const) {
    const out = join(dir, graph);
    const r = cli('train', `graphs/${graph}.json`, ...smallRun(), '--seed', '1', '--backend', 'cpu', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const m = json(join(out, 'metrics.json'));
    assert.equal(m.status, 'done');
    for (const t of terms) assert.ok(Number.isFinite(m.epochs[1].train[t]), `${graph} ${t}`);
    assert.ok(Number.isFinite(m.epochs[1].testErrorPercent));
  }
});

test('appendix-a.json computes Σᵢ (Δᵢ₊₁ ln rᵢ − Δᵢ ln rᵢ₊₁)² over the real jump pairs, as a plain loop does', () => {
  const data = join(dir, 'data.json');
  assert.equal(cli('data', '--count', '8', '--seed', '6', '--out', data).code, 0);
  const ds = json(data);
  const predictions: number[][] = ds.sequences.map((s: { Targets: number[] }) => s.Targets.map((v, i) => v + 0.2 * Math.cos(0.3 * i)));
  const pred = join(dir, 'pred.json');
  writeFileSync(pred, JSON.stringify(predictions));
  const r = cli('losses', 'graphs/appendix-a.json', '--data', data, '--predictions', pred);
  assert.equal(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  let want = 0;
  ds.sequences.forEach((s: { protocol: { velocities: number[] }; PosBeforeJ: number[]; PosAfterJ: number[] }, k: number) => {
    const p = predictions[k];
    const v = s.protocol.velocities;
    const nj = v.length - 1;
    const delta = (i: number) => p[s.PosAfterJ[i]] - p[s.PosBeforeJ[i]];
    const lnr = (i: number) => Math.log(v[i + 1] / v[i]);
    for (let i = 0; i + 1 < nj; i++) want += (delta(i + 1) * lnr(i) - delta(i) * lnr(i + 1)) ** 2 / 8;
  });
  assert.ok(want > 0);
  assert.ok(Math.abs(got.terms.A - want) <= 2e-5 * want, `A: got ${got.terms.A}, want ${want}`);
  assert.ok(Math.abs(got.weighted.A - 1e-4 * want) <= 2e-5 * 1e-4 * want);
});
