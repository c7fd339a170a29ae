import * as tf from '@tensorflow/tfjs-core';
import '../../compile/tfjsParts';
import { getGruKernel } from './kernel';
import type { GruKernelKind, GruTape } from './types';

/**
 * The fused GRU as one TensorFlow.js op: `tf.customGrad` around a kernel's forward pass (which
 * keeps its activations on a tape, outside tfjs) and its analytic BPTT backward pass.
 *
 * customGrad rather than a registered kernel + gradient: a registered gradient sees only tensors
 * saved through tfjs, so the tape (gates, states, r ⊙ h for every step) would have to be copied
 * into tensors and back out again on every step; here the gradient closure holds the tape itself.
 * customGrad also works unchanged on every backend that can read data synchronously, so `cpu` and
 * `wasm` share one code path.
 */
type GruOp = (x: tf.Tensor, kernel: tf.Tensor, recurrentKernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor3D;

const ops = new Map<GruKernelKind | 'auto', GruOp>();

/** True while tfjs records a gradient tape: only then is keeping activations worth its memory. */
function recording(): boolean {
  const state = (tf.engine() as unknown as { state?: { gradientDepth?: number } }).state;
  return state?.gradientDepth === undefined ? true : state.gradientDepth > 0;
}

function makeOp(kind: GruKernelKind | 'auto'): GruOp {
  const kernel = getGruKernel(kind);
  const f = (x: tf.Tensor, w: tf.Tensor, u: tf.Tensor, b: tf.Tensor) => {
    const [batch, time, input] = x.shape;
    const hidden = u.shape[0];
    const dims = { batch, time, input, hidden };
    const params = {
      kernel: w.dataSync() as Float32Array,
      recurrentKernel: u.dataSync() as Float32Array,
      bias: b.dataSync() as Float32Array,
    };
    const { h, tape } = kernel.forward(dims, x.dataSync() as Float32Array, params, { saveForBackward: recording() });
    const value = tf.tensor3d(h, [batch, time, hidden]);
    const gradFunc = (dy: tf.Tensor) => {
      if (!tape) throw new Error('GRU: gradient requested for a forward pass that kept no tape');
      const g = kernel.backward(tape as GruTape, dy.dataSync() as Float32Array);
      return [
        tf.tensor3d(g.dX, [batch, time, input]),
        tf.tensor2d(g.dKernel, [input, 3 * hidden]),
        tf.tensor2d(g.dRecurrentKernel, [hidden, 3 * hidden]),
        tf.tensor1d(g.dBias),
      ];
    };
    return { value, gradFunc };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as GruOp;
}

/**
 * h [B, T, H] for x [B, T, I], kernel [I, 3H], recurrentKernel [H, 3H], bias [3H] (column blocks
 * z, r, h). Differentiable with respect to all four inputs.
 */
export function fusedGru(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  kind: GruKernelKind | 'auto' = 'auto',
): tf.Tensor3D {
  let op = ops.get(kind);
  if (!op) {
    op = makeOp(kind);
    ops.set(kind, op);
  }
  return op(x, kernel, recurrentKernel, bias);
}
