import type * as tf from '@tensorflow/tfjs-core';
import { type BlockDef, shapes } from './block';
import { perSequenceAxes } from './elementwise';
import type { FusedRule } from './fused';

/**
 * A whole sequence or jump vector down to one number per sequence: `weight(n)` times the sum of
 * its n entries. The gradient hands weight(n)·g back to every entry.
 */
export function reduce(
  type: string,
  description: string,
  op: (x: tf.Tensor, axes: number[]) => tf.Tensor,
  weight: (n: number) => number,
): BlockDef<unknown> {
  const fused: FusedRule<unknown> = {
    forward: ({ batch, size }, { x }, { out }) => {
      const n = size.x,
        k = weight(n);
      for (let b = 0; b < batch; b++) {
        let s = 0;
        for (let i = b * n; i < (b + 1) * n; i++) s += x[i];
        out[b] = k * s;
      }
    },
    backward: ({ batch, size }, _, __, { out: g }, { x: dx }) => {
      const n = size.x,
        k = weight(n);
      for (let b = 0; b < batch; b++) for (let i = b * n; i < (b + 1) * n; i++) dx[i] += k * g[b];
    },
  };
  return {
    type,
    category: 'op',
    role: { kind: 'op' },
    description,
    inputs: [{ name: 'x', accepts: ['sequence', 'jumps', 'scalar'] }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: () => shapes({ out: { kind: 'scalar', shape: [] } }),
    emit: ({ inputs }) => {
      const axes = perSequenceAxes(inputs.x);
      return { out: axes.length ? op(inputs.x, axes) : inputs.x };
    },
    fused,
  };
}
