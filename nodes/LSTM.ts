import type { Tensor2D } from '@tensorflow/tfjs-core';
import { defineBlock } from './block';
import { recurrentShape, recurrentWeights, unitsParam, unitsSummary } from './recurrent';
import { tf } from './tfjs';

/**
 * Long short-term memory, the paper's suggested next step (section VI). Gate columns are
 * ordered (i, f, c, o). The stored bias starts at 0 and a constant 1 is added to the forget gate's
 * pre-activation, so early training keeps memory (an effective forget bias of 1).
 */
const LSTM = defineBlock({
  type: 'LSTM',
  category: 'layer',
  role: { kind: 'op' },
  description: 'Long short-term memory layer (input, forget, cell, output gates), returning the hidden state at every step.',
  inputs: [{ name: 'x', accepts: ['sequence'] }],
  outputs: [{ name: 'out' }],
  params: [unitsParam],
  inferShape: recurrentShape,
  weights: (ctx) => recurrentWeights(ctx, 4),
  emit: ({ inputs, weights, params }) => {
    const h = params.units;
    const x = inputs.x.rank === 2 ? tf.expandDims(inputs.x, 2) : inputs.x;
    const [b, t, f] = x.shape;
    const forgetOne = tf.concat([tf.zeros([h]), tf.ones([h]), tf.zeros([2 * h])]);
    const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [b * t, f!]), weights.kernel), tf.add(weights.bias, forgetOne)), [b, t, 4 * h]);
    let hState: Tensor2D = tf.zeros([b, h]);
    let c: Tensor2D = tf.zeros([b, h]);
    const outs: Tensor2D[] = [];
    for (let s = 0; s < t!; s++) {
      const g = tf.add(tf.reshape(tf.slice(xw, [0, s, 0], [-1, 1, -1]), [b, 4 * h]), tf.matMul(hState, weights.recurrentKernel));
      const [i, fg, cc, o] = tf.split(g, 4, 1) as Tensor2D[];
      c = tf.add(tf.mul(tf.sigmoid(fg), c), tf.mul(tf.sigmoid(i), tf.tanh(cc)));
      hState = tf.mul(tf.sigmoid(o), tf.tanh(c));
      outs.push(hState);
    }
    return { out: tf.stack(outs, 1) };
  },
  summary: unitsSummary,
});
export default LSTM;
