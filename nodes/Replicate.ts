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
  // A broadcasting product, not tf.tile (nor tf.broadcastTo, which runs the Tile kernel): Tile's
  // gradient is one slice and one add per step, T of each on every training step; Mul's is one sum.
  emit: ({ inputs, types }) => ({ out: tf.mul(tf.expandDims(inputs.x, 1), tf.ones([1, types.out.shape[0]])) }),
};
export default Replicate;
