import * as tf from '@tensorflow/tfjs';
import type { BlockDef } from './block';

const Replicate: BlockDef = {
  type: 'Replicate',
  category: 'op',
  description: 'A per-sequence number repeated along time, to subtract it from a whole sequence (fig. 5).',
  inputs: [{ name: 'x', accepts: ['scalar'] }],
  outputs: [{ name: 'out' }],
  params: [{ name: 'length', type: 'int', default: 0, min: 0, max: 100000, description: 'number of steps; 0 = the number of samples T' }],
  inferShape: ({ params, data }) => ({ out: { kind: 'sequence', shape: [(params.length as number) || data.samples] } }),
  emit: ({ inputs, types }) => ({ out: tf.tile(tf.expandDims(inputs.x, 1), [1, types.out.shape[0]]) }),
};
export default Replicate;
