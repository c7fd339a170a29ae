import { defineBlock, param, shapes } from './block';
import { floatKinds } from './elementwise';
import { tf } from './tfjs';

const Scale = defineBlock({
  type: 'Scale',
  category: 'op',
  role: { kind: 'op', lossWeight: 'x' },
  description: 'factor × x: the loss weights alpha, beta, gamma of eq. (14).',
  inputs: [{ name: 'x', accepts: floatKinds }],
  outputs: [{ name: 'out' }],
  params: [param.number('factor', { default: 1, min: -1e6, max: 1e6, description: 'the multiplier' })],
  inferShape: ({ inputs }) => shapes({ out: inputs.x! }),
  emit: ({ inputs, params }) => ({ out: tf.mul(inputs.x, params.factor) }),
  fused: {
    forward: ({ params }, { x }, { out }) => {
      const f = params.factor;
      for (let i = 0; i < out.length; i++) out[i] = f * x[i];
    },
    backward: ({ params }, _, __, { out: g }, { x: dx }) => {
      const f = params.factor;
      for (let i = 0; i < g.length; i++) dx[i] += f * g[i];
    },
  },
  summary: (p) => ` ×${p.factor}`,
});
export default Scale;
