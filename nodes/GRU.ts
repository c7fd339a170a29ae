import type { Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { defineBlock } from './block';
import { recurrentShape, recurrentWeights, unitsParam, unitsSummary } from './recurrent';
import { gruSequence, tf } from './tfjs';

/**
 * The paper's GRU, eqs. (4)–(7): sigmoid gates, reset applied to h before U, and
 * h_t = (1 - z) h_{t-1} + z h̃_t, from h_0 = 0. Weight columns are ordered (z, r, h). Runs the
 * fused op (src/kernels/gru) on cpu and wasm; see docs/performance.md.
 */
const GRU = defineBlock({
  type: 'GRU',
  category: 'layer',
  role: { kind: 'op' },
  description: 'Gated recurrent layer, eqs. (4)–(7) of the paper, returning the hidden state at every step.',
  inputs: [{ name: 'x', accepts: ['sequence'] }],
  outputs: [{ name: 'out' }],
  params: [unitsParam],
  inferShape: recurrentShape,
  weights: (ctx) => recurrentWeights(ctx, 3),
  emit: ({ inputs, weights }) => {
    const x = inputs.x.rank === 2 ? tf.expandDims(inputs.x, 2) : inputs.x;
    return {
      out: gruSequence(x as Tensor3D, weights.kernel as Tensor2D, weights.recurrentKernel as Tensor2D, weights.bias as Tensor1D),
    };
  },
  summary: unitsSummary,
});
export default GRU;
