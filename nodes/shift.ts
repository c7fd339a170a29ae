import * as tf from '@tensorflow/tfjs';
import { type BlockDef, describeType, problem } from './block';

/** Rest drops the first entry, Most the last (Mathematica's names); both shorten by one. */
export function shift(type: 'Rest' | 'Most', description: string): BlockDef {
  return {
    type,
    category: 'op',
    description,
    inputs: [{ name: 'x', accepts: ['sequence', 'jumps'] }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ inputs }) => {
      const x = inputs.x!;
      if (x.shape.length !== 1 || x.shape[0] < 2) return problem('x', `needs at least 2 entries, got ${describeType(x)}`);
      return { out: { kind: x.kind, shape: [x.shape[0] - 1] } };
    },
    emit: ({ inputs }) => ({ out: tf.slice(inputs.x, [0, type === 'Rest' ? 1 : 0], [-1, inputs.x.shape[1]! - 1]) }),
  };
}
