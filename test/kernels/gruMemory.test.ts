import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { getUnchunkedGruKernel } from '../../src/kernels/gru/kernel';
import { fusedGru } from '../../src/kernels/gru/op';
import type { WasmGruKernel } from '../../src/kernels/gru/wasmKernel';
import { useBackend } from '../../src/runs/backend';
import { KINDS } from './support';

const B = 4,
  T = 12,
  I = 1,
  H = 5;

for (const backend of ['cpu', 'wasm'] as const) {
  for (const kind of KINDS) {
    test(`${backend} backend, ${kind} kernel: tensors and kernel memory stay flat over 1000 Adam steps`, async () => {
      await useBackend(backend);
      const wasm = getUnchunkedGruKernel('wasm') as WasmGruKernel;
      const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 1) as tf.Tensor3D;
      const y = tf.randomNormal([B, T, 1], 0, 1, 'float32', 2);
      const w = tf.variable(tf.randomNormal([I, 3 * H], 0, 0.5, 'float32', 3)) as tf.Variable<tf.Rank.R2>;
      const u = tf.variable(tf.randomNormal([H, 3 * H], 0, 0.5, 'float32', 4)) as tf.Variable<tf.Rank.R2>;
      const b = tf.variable(tf.zeros([3 * H])) as tf.Variable<tf.Rank.R1>;
      const v = tf.variable(tf.randomNormal([H, 1], 0, 0.5, 'float32', 5)) as tf.Variable<tf.Rank.R2>;
      const optimizer = tf.train.adam(1e-2);
      const lossValue = () => {
        const l = loss();
        const value = l.dataSync()[0];
        l.dispose();
        return value;
      };
      const loss = () =>
        tf.tidy(() => {
          const h = fusedGru(x, w, u, b, kind);
          return tf.mean(tf.square(tf.sub(tf.matMul(tf.reshape(h, [B * T, H]), v), tf.reshape(y, [B * T, 1])))) as tf.Scalar;
        });
      const step = () => optimizer.minimize(loss, true, [w, u, b, v])?.dispose();
      step(); // Adam creates its moment variables on the first step
      const tensors = tf.memory().numTensors;
      const bytes = wasm.bytesInUse;
      const first = lossValue();
      for (let s = 0; s < 1000; s++) step();
      const last = lossValue();
      assert.equal(tf.memory().numTensors, tensors, 'tensors leaked');
      assert.equal(wasm.liveTapes, 0, 'tapes left alive');
      assert.equal(wasm.bytesInUse, bytes, 'wasm kernel memory grew');
      assert.ok(last < first, `training should lower the loss (${first} → ${last})`);
      tf.dispose([x, y, w, u, b, v]);
      optimizer.dispose();
    });
  }
}

test('a forward pass outside a gradient tape keeps no tape', async () => {
  await useBackend('wasm');
  const wasm = getUnchunkedGruKernel('wasm') as WasmGruKernel;
  const live = wasm.liveTapes;
  tf.tidy(() => fusedGru(tf.ones([2, 3, 1]), tf.ones([1, 6]), tf.ones([2, 6]), tf.zeros([6]), 'wasm').dataSync());
  assert.equal(wasm.liveTapes, live);
});
