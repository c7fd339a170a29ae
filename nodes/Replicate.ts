import { defineBlock, param, shapes } from './block';
import { tf } from './tfjs';

const Replicate = defineBlock({
  type: 'Replicate',
  category: 'op',
  role: { kind: 'op' },
  description: 'A per-sequence number repeated along time, to subtract it from a whole sequence (fig. 5).',
  inputs: [{ name: 'x', accepts: ['scalar'] }],
  outputs: [{ name: 'out' }],
  params: [param.int('length', { default: 0, min: 0, max: 100000, description: 'number of steps; 0 = the number of samples T' })],
  inferShape: ({ params, data }) => shapes({ out: { kind: 'sequence', shape: [params.length || data.samples] } }),
  // A broadcasting product, not tf.tile (nor tf.broadcastTo, which runs the Tile kernel): Tile's
  // gradient is one slice and one add per step, T of each on every training step; Mul's is one sum.
  emit: ({ inputs, types }) => ({ out: tf.mul(tf.expandDims(inputs.x, 1), tf.ones([1, types.out.shape[0]])) }),
  // out[b][t] = x[b]; dx[b] += Σ_t g[b][t]
  fused: {
    forward: ({ batch, size }, { x }, { out }) => {
      const n = size.out;
      for (let b = 0; b < batch; b++) out.fill(x[b], b * n, (b + 1) * n);
    },
    backward: ({ batch, size }, _, __, { out: g }, { x: dx }) => {
      const n = size.out;
      for (let b = 0; b < batch; b++) {
        let s = 0;
        for (let i = b * n; i < (b + 1) * n; i++) s += g[i];
        dx[b] += s;
      }
    },
  },
});
export default Replicate;
