import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { GRU_CHUNK_ROWS } from '../../src/kernels/gru/chunked';
import { getGruKernel } from '../../src/kernels/gru/kernel';
import { fusedGru } from '../../src/kernels/gru/op';
import { gruSequenceReference } from '../../src/kernels/gru/reference';
import { gruBackward64, gruForward64, hiddenStates64 } from '../../src/kernels/gru/reference64';
import { setGruThreads } from '../../src/kernels/gru/threads';
import { useBackend } from '../../src/runs/backend';
import { assertClose, KINDS, makeCase } from './support';

/**
 * Sequences cut from a lab record at its own rate (`import --window`) are as long as the user asks:
 * every GRU path reads the length from its input, with nothing sized for the paper's 100. Checked
 * at 37 and 1,001 steps against the float64 reference (eqs. 4-7 as plain loops). Over 1,001 steps
 * float32 rounding adds up in the gradients, so the tolerance is 1e-4 of the largest entry.
 */
after(() => setGruThreads(1));

const GRADIENTS = ['dX', 'dKernel', 'dRecurrentKernel', 'dBias'] as const;

for (const T of [37, 1001]) {
  const c = makeCase([GRU_CHUNK_ROWS + 3, T, 2, 5], 37);
  const reference = gruForward64(c.dims, c.x32, c.params32);
  const expected = gruBackward64(reference, c.probe32);
  const h64 = hiddenStates64(reference);

  for (const kind of KINDS)
    for (const threads of kind === 'wasm' ? [1, 2] : [1])
      test(`${kind} kernel on ${threads} thread(s), T = ${T}: outputs and all four gradients match the reference`, () => {
        setGruThreads(threads);
        const k = getGruKernel(kind);
        const { h, tape } = k.forward(c.dims, c.x32, c.params32);
        assertClose(h, h64, `${kind} h`, 1e-4);
        const g = k.backward(tape!, c.probe32);
        for (const key of GRADIENTS) assertClose(g[key], expected[key], `${kind} ${key}`, 1e-4);
        setGruThreads(1);
      });

  for (const [name, gru] of [
    ['the fused tfjs op', (x: tf.Tensor3D, k: tf.Tensor2D, u: tf.Tensor2D, b: tf.Tensor1D) => fusedGru(x, k, u, b, 'wasm')],
    ['the tf-ops loop (backends without the fused op)', gruSequenceReference],
  ] as const)
    test(`${name} on the cpu backend, T = ${T}: outputs and gradients match the reference`, async () => {
      await useBackend('cpu');
      const x = tf.tensor3d(c.x32, [c.B, T, c.I]);
      const k = tf.tensor2d(c.kernel32, [c.I, 3 * c.H]);
      const u = tf.tensor2d(c.recurrentKernel32, [c.H, 3 * c.H]);
      const b = tf.tensor1d(c.bias32);
      const probe = tf.tensor3d(c.probe32, [c.B, T, c.H]);
      const h = tf.tidy(() => gru(x, k, u, b).dataSync() as Float32Array);
      assertClose(h, h64, `${name} h`, 1e-4);
      const grads = tf.grads((xx: tf.Tensor, kk: tf.Tensor, uu: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(gru(xx as tf.Tensor3D, kk as tf.Tensor2D, uu as tf.Tensor2D, bb as tf.Tensor1D), probe)),
      )([x, k, u, b]);
      grads.forEach((g, i) => assertClose(g.dataSync(), expected[GRADIENTS[i]], `${name} ${GRADIENTS[i]}`, 1e-4));
      tf.dispose([x, k, u, b, probe, ...grads]);
    });
}
