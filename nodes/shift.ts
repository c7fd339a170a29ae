import { type BlockDef, describeType, problem, shapes } from './block';
import type { FusedRule } from './fused';
import { tf } from './tfjs';

/** Rest drops the first entry, Most the last (Mathematica's names); both shorten by one. */
export function shift(type: 'Rest' | 'Most', description: string): BlockDef<unknown> {
  const skip = type === 'Rest' ? 1 : 0;
  // out[b][i] = x[b][i + skip]; dx[b][i + skip] += g[b][i]
  const fused: FusedRule<unknown> = {
    forward: ({ batch, size }, { x }, { out }) => {
      const n = size.x;
      for (let b = 0; b < batch; b++) for (let i = 0; i < n - 1; i++) out[b * (n - 1) + i] = x[b * n + i + skip];
    },
    backward: ({ batch, size }, _, __, { out: g }, { x: dx }) => {
      const n = size.x;
      for (let b = 0; b < batch; b++) for (let i = 0; i < n - 1; i++) dx[b * n + i + skip] += g[b * (n - 1) + i];
    },
  };
  return {
    type,
    category: 'op',
    role: { kind: 'op' },
    description,
    inputs: [{ name: 'x', accepts: ['sequence', 'jumps'] }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ inputs }) => {
      const x = inputs.x!;
      if (x.shape.length !== 1 || x.shape[0] < 2) return problem('x', `needs at least 2 entries, got ${describeType(x)}`);
      return shapes({ out: { kind: x.kind, shape: [x.shape[0] - 1] } });
    },
    emit: ({ inputs }) => ({ out: tf.slice(inputs.x, [0, skip], [-1, inputs.x.shape[1]! - 1]) }),
    fused,
  };
}
