import { defineBlock, describeType, problem, shapes } from './block';
import { inRow } from './fused';
import { tf } from './tfjs';

/**
 * x at several 0-based positions per sequence, e.g. Predictions at PosBeforeJ. Done as a one-hot
 * product rather than tf.gather so the gradient is a plain matmul-like op on every backend.
 */
const Gather = defineBlock({
  type: 'Gather',
  category: 'op',
  role: { kind: 'op' },
  description: 'x at the 0-based positions of an index vector (e.g. Predictions at PosAfterJ), one value per jump.',
  inputs: [
    { name: 'x', accepts: ['sequence'] },
    { name: 'at', accepts: ['index'] },
  ],
  outputs: [{ name: 'out' }],
  params: [],
  inferShape: ({ inputs }) => {
    const x = inputs.x!,
      at = inputs.at!;
    if (x.shape.length !== 1) return problem('x', `must be one value per step, got ${describeType(x)}`);
    if (at.shape.length !== 1) return problem('at', `must be a vector of positions (like PosBeforeJ), got ${describeType(at)}`);
    return shapes({ out: { kind: 'jumps', shape: [at.shape[0]] } });
  },
  emit: ({ inputs, types }) => {
    const hot = tf.oneHot(inputs.at, types.x.shape[0]); // [B, J, T]
    return { out: tf.sum(tf.mul(hot, tf.expandDims(inputs.x, 1)), 2) };
  },
  // out[b][j] = x[b][at[b][j]]; dx[b][at[b][j]] += g[b][j] (a position outside the row gives 0)
  fused: {
    forward: ({ batch, size }, { x, at }, { out }) => {
      const n = size.x,
        J = size.out;
      for (let b = 0; b < batch; b++) {
        for (let j = b * J; j < (b + 1) * J; j++) {
          const p = inRow(at[j], n);
          out[j] = p < 0 ? 0 : x[b * n + p];
        }
      }
    },
    backward: ({ batch, size }, { at }, _, { out: g }, { x: dx }) => {
      const n = size.x,
        J = size.out;
      for (let b = 0; b < batch; b++) {
        for (let j = b * J; j < (b + 1) * J; j++) {
          const p = inRow(at[j], n);
          if (p >= 0) dx[b * n + p] += g[j];
        }
      }
    },
  },
});
export default Gather;
