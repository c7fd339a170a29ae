import type * as tf from '@tensorflow/tfjs';
import type { BlockDef } from './block';
import { perSequenceAxes } from './elementwise';

/** A whole sequence or jump vector down to one number per sequence. */
export function reduce(type: string, description: string, op: (x: tf.Tensor, axes: number[]) => tf.Tensor): BlockDef {
  return {
    type,
    category: 'op',
    description,
    inputs: [{ name: 'x', accepts: ['sequence', 'jumps', 'scalar'] }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: () => ({ out: { kind: 'scalar', shape: [] } }),
    emit: ({ inputs }) => {
      const axes = perSequenceAxes(inputs.x);
      return { out: axes.length ? op(inputs.x, axes) : inputs.x };
    },
  };
}
