import { defineBlock, describeType, param, problem, shapes } from './block';
import { inRow, type Vec } from './fused';
import { tf } from './tfjs';

/**
 * Counting follows the paper and Mathematica: the `index` parameter is 1-based (1 = first
 * sample, -1 = last). A wired `at` socket carries the dataset's own 0-based positions (Nh) and
 * overrides the parameter.
 */
const Part = defineBlock({
  type: 'Part',
  category: 'op',
  role: { kind: 'op' },
  description:
    'One entry of each sequence: x[index] with index counted from 1 as in the paper (-1 = last), or x[at] with a 0-based position from the data (Nh).',
  inputs: [
    { name: 'x', accepts: ['sequence', 'jumps'] },
    { name: 'at', accepts: ['index'], optional: true, description: '0-based position per sequence; overrides index' },
  ],
  outputs: [{ name: 'out' }],
  params: [
    param.int('index', {
      default: 1,
      min: -100000,
      max: 100000,
      description: '1-based position (negative counts from the end); 0 is not a position',
    }),
  ],
  inferShape: ({ inputs, params }) => {
    const x = inputs.x!;
    if (x.shape.length !== 1) return problem('x', `must be one value per step, got ${describeType(x)}`);
    if (inputs.at) {
      if (inputs.at.shape.length !== 0) return problem('at', `must be one position per sequence (like Nh), got ${describeType(inputs.at)}`);
    } else {
      const i = params.index;
      if (i === 0 || Math.abs(i) > x.shape[0]) return problem('x', `index ${i} is outside 1..${x.shape[0]} (or -${x.shape[0]}..-1)`);
    }
    return shapes({ out: { kind: 'scalar', shape: [] } });
  },
  emit: ({ inputs, params, types }) => {
    const n = types.x.shape[0];
    if (inputs.at) return { out: tf.sum(tf.mul(inputs.x, tf.oneHot(inputs.at, n)), 1) };
    const i = params.index;
    const at = i > 0 ? i - 1 : n + i;
    return { out: tf.reshape(tf.slice(inputs.x, [0, at], [-1, 1]), [-1]) };
  },
  // out[b] = x[b][p]; dx[b][p] += g[b], p = at[b] or the index parameter
  fused: {
    forward: ({ batch, size, params }, { x, at }, { out }) => {
      const n = size.x;
      for (let b = 0; b < batch; b++) {
        const p = position(params, at, b, n);
        out[b] = p < 0 ? 0 : x[b * n + p];
      }
    },
    backward: ({ batch, size, params }, { at }, _, { out: g }, { x: dx }) => {
      const n = size.x;
      for (let b = 0; b < batch; b++) {
        const p = position(params, at, b, n);
        if (p >= 0) dx[b * n + p] += g[b];
      }
    },
  },
  summary: (p) => ` [${p.index}]`,
});

/** The 0-based position read in row b: the wired `at`, else the 1-based `index` parameter. */
function position(params: { index: number }, at: Vec | undefined, b: number, n: number): number {
  if (at) return inRow(at[b], n);
  const i = params.index;
  return i > 0 ? i - 1 : n + i;
}
export default Part;
