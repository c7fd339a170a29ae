import * as tf from '@tensorflow/tfjs';
import type { BlockDef } from './block';
import { floatKinds } from './elementwise';

const Scale: BlockDef = {
  type: 'Scale',
  category: 'op',
  description: 'factor × x: the loss weights alpha, beta, gamma of eq. (14).',
  inputs: [{ name: 'x', accepts: floatKinds }],
  outputs: [{ name: 'out' }],
  params: [{ name: 'factor', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'the multiplier' }],
  inferShape: ({ inputs }) => ({ out: inputs.x! }),
  emit: ({ inputs, params }) => ({ out: tf.mul(inputs.x, params.factor as number) }),
  fused: {
    forward: ({ params }, { x }, { out }) => {
      const f = params.factor as number;
      for (let i = 0; i < out.length; i++) out[i] = f * x[i];
    },
    backward: ({ params }, _, __, { out: g }, { x: dx }) => {
      const f = params.factor as number;
      for (let i = 0; i < g.length; i++) dx[i] += f * g[i];
    },
  },
};
export default Scale;
