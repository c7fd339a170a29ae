import { defineBlock, describeType, problem, sameShape, shapes } from './block';
import { perSequenceAxes } from './elementwise';
import { tf } from './tfjs';

/** Eq. (9): ||a - b||² / N for each sequence. */
const MS = defineBlock({
  type: 'MS',
  category: 'loss',
  role: { kind: 'op' },
  description: 'Mean squared difference of two sequences, eq. (9): ||a - b||² / N, one number per sequence.',
  inputs: [
    { name: 'a', accepts: ['sequence', 'jumps'] },
    { name: 'b', accepts: ['sequence', 'jumps'] },
  ],
  outputs: [{ name: 'out' }],
  params: [],
  inferShape: ({ inputs }) => {
    const a = inputs.a!,
      b = inputs.b!;
    if (a.kind !== b.kind || !sameShape(a, b)) return problem('b', `must match a: a is ${describeType(a)}, b is ${describeType(b)}`);
    return shapes({ out: { kind: 'scalar', shape: [] } });
  },
  emit: ({ inputs }) => ({ out: tf.mean(tf.squaredDifference(inputs.a, inputs.b), perSequenceAxes(inputs.a)) }),
  // out[b] = Σ (a - b)² / n; da += 2 (a - b) g / n, db -= the same
  fused: {
    forward: ({ batch, size }, { a, b: y }, { out }) => {
      const n = size.a;
      for (let b = 0; b < batch; b++) {
        let s = 0;
        for (let i = b * n; i < (b + 1) * n; i++) s += (a[i] - y[i]) ** 2;
        out[b] = s / n;
      }
    },
    backward: ({ batch, size }, { a, b: y }, _, { out: g }, { a: da, b: dy }) => {
      const n = size.a;
      for (let b = 0; b < batch; b++) {
        for (let i = b * n; i < (b + 1) * n; i++) {
          const d = (2 * (a[i] - y[i]) * g[b]) / n;
          da[i] += d;
          dy[i] -= d;
        }
      }
    },
  },
});
export default MS;
