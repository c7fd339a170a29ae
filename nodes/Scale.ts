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
};
export default Scale;
