import { defineBlock, describeType, problem, shapes, type ValueType } from './block';
import { tf } from './tfjs';

const sockets = ['x1', 'x2', 'x3', 'x4'] as const;

/**
 * Several per-step inputs side by side, as one sequence of feature vectors for a recurrent
 * layer: sequence[T] or [T, F] each, all with the same T, become sequence[T, ΣF] in socket order.
 */
const Stack = defineBlock({
  type: 'Stack',
  category: 'op',
  role: { kind: 'op' },
  description:
    'Stacks 2 to 4 sequences of one length into one sequence of feature vectors, sequence[T×k] (e.g. [V/Vch, MeanV] as the input of a recurrent layer).',
  inputs: sockets.map((name, i) => ({
    name,
    accepts: ['sequence'] as const,
    ...(i >= 2 ? { optional: true, description: 'optional further features' } : {}),
  })),
  outputs: [{ name: 'out' }],
  params: [],
  inferShape: ({ inputs }) => {
    const wired = sockets.filter((s) => inputs[s]).map((s) => [s, inputs[s]!] as [string, ValueType]);
    const t = wired[0][1].shape[0];
    let width = 0;
    for (const [s, x] of wired) {
      if (x.shape.length < 1 || x.shape.length > 2) return problem(s, `must be a sequence [T] or [T, F], got ${describeType(x)}`);
      if (x.shape[0] !== t) return problem(s, `must have ${t} steps like x1, got ${describeType(x)}`);
      width += x.shape.length === 1 ? 1 : x.shape[1];
    }
    return shapes({ out: { kind: 'sequence', shape: [t, width] } });
  },
  emit: ({ inputs }) => {
    const parts = sockets.filter((s) => inputs[s]).map((s) => (inputs[s].rank === 2 ? tf.expandDims(inputs[s], 2) : inputs[s]));
    return { out: tf.concat(parts, 2) };
  },
});
export default Stack;
