import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import type { BlockDef, ValueType } from '../../nodes/block';
import { registry } from '../../nodes/index';
import { bindBlockOps } from '../../nodes/tfjs';
import { initialWeights } from '../../src/compile/init';
import { gruSequence } from '../../src/kernels/gru/index';
import { createRng } from '../../src/util/random';

// The blocks' emit rules run here directly, not through src/compile/model.ts, which binds them.
bindBlockOps({ tf, gruSequence });

const B = 2,
  T = 6,
  J = 3;
const data = { samples: T, maxJumps: J };
const rng = createRng(4);
const seqT: ValueType = { kind: 'sequence', shape: [T] };
const rand = (shape: number[]) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

/** Float inputs (the ones gradients flow into) and fixed index inputs for each block under test. */
const cases: Record<string, { types: Record<string, ValueType>; params?: Record<string, number>; fixed?: Record<string, tf.Tensor> }> = {
  Subtract: { types: { a: seqT, b: seqT } },
  Plus: { types: { a: seqT, b: seqT } },
  Times: { types: { a: seqT, b: seqT } },
  Square: { types: { x: seqT } },
  Log: { types: { x: seqT } },
  Total: { types: { x: seqT } },
  Mean: { types: { x: seqT } },
  Scale: { types: { x: seqT }, params: { factor: -0.7 } },
  Rest: { types: { x: seqT } },
  Most: { types: { x: seqT } },
  Replicate: { types: { x: { kind: 'scalar', shape: [] } }, params: { length: 0 } },
  MS: { types: { a: seqT, b: seqT } },
  Part: { types: { x: seqT }, params: { index: 2 }, fixed: {} },
  Gather: {
    types: { x: seqT },
    fixed: {
      at: tf.tensor2d(
        [
          [0, 2, 5],
          [1, 1, 4],
        ],
        [2, 3],
        'int32',
      ),
    },
  },
  GRU: { types: { x: seqT }, params: { units: 3 } },
  LSTM: { types: { x: seqT }, params: { units: 2 } },
  Linear: { types: { x: { kind: 'sequence', shape: [T, 3] } }, params: { units: 2 } },
  Stack: { types: { x1: seqT, x2: { kind: 'sequence', shape: [T, 2] }, x3: seqT } },
};
const partAt = tf.tensor1d([3, 0], 'int32');

function setup(block: BlockDef, c: (typeof cases)[string]) {
  const params: Record<string, number | string> = Object.fromEntries(block.params.map((p) => [p.name, p.default]));
  Object.assign(params, c.params ?? {});
  const inputTypes: Record<string, ValueType> = { ...c.types };
  if (c.fixed?.at) inputTypes.at = { kind: 'index', shape: [J] };
  const shaped = block.inferShape({ params, inputs: inputTypes, data });
  if (!shaped.ok) throw new Error(`${block.type}: ${shaped.errors[0].message}`);
  const out = shaped.shapes;
  const specs = block.weights?.({ params, inputs: inputTypes, data }) ?? [];
  const weights = Object.fromEntries(
    specs.map((w) => [w.name, tf.variable(tf.add(tf.tensor(initialWeights(w, w.name, 3), w.shape), tf.mul(rand(w.shape), 0.1)))]),
  );
  return { params, types: { ...inputTypes, ...out }, weights };
}

for (const [type, c] of Object.entries(cases)) {
  test(`${type}: gradients are finite and match central finite differences`, () => {
    const block = registry.get(type)!;
    const { params, types, weights } = setup(block, c);
    const inputs = Object.fromEntries(
      Object.entries(c.types).map(([k, t]) => [k, type === 'Log' ? tf.add(tf.abs(rand([B, ...t.shape])), 0.5) : rand([B, ...t.shape])]),
    );
    const fixed = { ...(c.fixed ?? {}) };
    const outShape = [B, ...types.out.shape];
    const probe = rand(outShape);
    const names = Object.keys(inputs);
    // f(inputs, weights) = sum(out * probe): a scalar that depends on every output entry
    const f = (ins: Record<string, tf.Tensor>) =>
      tf.tidy(
        () =>
          tf.sum(tf.mul(block.emit({ params, inputs: { ...ins, ...fixed }, types, weights, field: () => partAt }).out, probe)) as tf.Scalar,
      );
    const grads = tf.grads((...xs: tf.Tensor[]) => f(Object.fromEntries(names.map((n, i) => [n, xs[i]]))))(names.map((n) => inputs[n]));
    const wgrads = Object.keys(weights).length ? tf.variableGrads(() => f(inputs), Object.values(weights)).grads : {};
    const targets: [string, tf.Tensor, tf.Tensor, (v: tf.Tensor) => number][] = [
      ...names.map((n, i): [string, tf.Tensor, tf.Tensor, (v: tf.Tensor) => number] => [
        n,
        inputs[n],
        grads[i],
        (v) => f({ ...inputs, [n]: v }).dataSync()[0],
      ]),
      ...Object.entries(weights).map(([n, w]): [string, tf.Tensor, tf.Tensor, (v: tf.Tensor) => number] => [
        n,
        w,
        wgrads[w.name],
        (v) => {
          const keep = w.clone();
          w.assign(v);
          const r = f(inputs).dataSync()[0];
          w.assign(keep);
          keep.dispose();
          return r;
        },
      ]),
    ];
    for (const [name, x, g, evalAt] of targets) {
      const gv = g.dataSync();
      assert.ok(gv.every(Number.isFinite), `${type}.${name}: non-finite gradient`);
      const base = x.dataSync();
      const eps = 1e-2;
      for (let k = 0; k < Math.min(base.length, 6); k++) {
        const idx = Math.floor((k * base.length) / Math.min(base.length, 6));
        const plus = Float32Array.from(base);
        plus[idx] += eps;
        const minus = Float32Array.from(base);
        minus[idx] -= eps;
        const fd = (evalAt(tf.tensor(plus, x.shape)) - evalAt(tf.tensor(minus, x.shape))) / (2 * eps);
        assert.ok(
          Math.abs(gv[idx] - fd) <= 3e-3 + 1e-2 * Math.abs(fd),
          `${type}.${name}[${idx}]: analytic ${gv[idx]} vs finite difference ${fd}`,
        );
      }
    }
  });
}

test('Part with a wired index and the catalogue is covered', () => {
  const part = registry.get('Part')!;
  const x = tf.tensor2d([
    [1, 2, 3, 4, 5, 6],
    [7, 8, 9, 10, 11, 12],
  ]);
  const out = part.emit({ params: { index: 1 }, inputs: { x, at: partAt }, types: { x: seqT }, weights: {}, field: () => partAt }).out;
  assert.deepEqual(Array.from(out.dataSync()), [4, 7]);
  const g = tf.grad((v: tf.Tensor) =>
    tf.sum(part.emit({ params: { index: 1 }, inputs: { x: v, at: partAt }, types: { x: seqT }, weights: {}, field: () => partAt }).out),
  )(x);
  assert.deepEqual(Array.from(g.dataSync()), [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
  const untested = [...registry.values()].filter((b) => b.category !== 'data' && b.category !== 'structure' && !(b.type in cases));
  assert.deepEqual(
    untested.map((b) => b.type),
    [],
  );
});
