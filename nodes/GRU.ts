import * as tf from '@tensorflow/tfjs';
import type { BlockDef } from './block';
import { featureSize, recurrentShape, unitsParam } from './recurrent';

/**
 * The paper's GRU, eqs. (4)–(7): sigmoid gates, reset applied to h before U, and
 * h_t = (1 - z) h_{t-1} + z h̃_t, from h_0 = 0. Weight columns are ordered (z, r, h).
 */
function gruSequence(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor3D {
  const [b, t, f] = x.shape;
  const h = recurrent.shape[0];
  const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [b * t, f]), kernel), bias), [b, t, 3 * h]);
  const [uzr, uh] = tf.split(recurrent, [2 * h, h], 1);
  let state: tf.Tensor2D = tf.zeros([b, h]);
  const outs: tf.Tensor2D[] = [];
  for (let s = 0; s < t; s++) {
    const [xz, xr, xh] = tf.split(tf.reshape(tf.slice(xw, [0, s, 0], [-1, 1, -1]), [b, 3 * h]), 3, 1);
    const [hz, hr] = tf.split(tf.matMul(state, uzr), 2, 1);
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const cand = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, state), uh)));
    state = tf.add(state, tf.mul(z, tf.sub(cand, state)));
    outs.push(state);
  }
  return tf.stack(outs, 1) as tf.Tensor3D;
}

const GRU: BlockDef = {
  type: 'GRU',
  category: 'layer',
  description: 'Gated recurrent layer, eqs. (4)–(7) of the paper, returning the hidden state at every step.',
  inputs: [{ name: 'x', accepts: ['sequence'] }],
  outputs: [{ name: 'out' }],
  params: [unitsParam],
  inferShape: recurrentShape,
  weights: (ctx) => {
    const h = ctx.params.units as number;
    return [
      { name: 'kernel', shape: [featureSize(ctx), 3 * h], init: 'glorot' },
      { name: 'recurrentKernel', shape: [h, 3 * h], init: 'orthogonal-gates' },
      { name: 'bias', shape: [3 * h], init: 'zeros' },
    ];
  },
  emit: ({ inputs, weights }) => {
    const x = inputs.x.rank === 2 ? tf.expandDims(inputs.x, 2) : inputs.x;
    return { out: gruSequence(x as tf.Tensor3D, weights.kernel as tf.Tensor2D, weights.recurrentKernel as tf.Tensor2D, weights.bias as tf.Tensor1D) };
  },
};
export default GRU;
