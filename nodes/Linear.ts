import { defineBlock, describeType, param, problem, shapes } from './block';
import { featureSize } from './recurrent';
import { tf } from './tfjs';

/**
 * The paper's folded LinearLayer: the same affine map at every time step. With units = 1 it
 * returns a plain sequence [T], which is what Predictions and the loss blocks expect.
 */
const Linear = defineBlock({
  type: 'Linear',
  category: 'layer',
  role: { kind: 'op' },
  description: 'Affine map W h + b applied at every time step ("folded" over time). units = 1 gives one number per step.',
  inputs: [{ name: 'x', accepts: ['sequence'] }],
  outputs: [{ name: 'out' }],
  params: [param.int('units', { default: 1, min: 1, max: 1024, description: 'outputs per step' })],
  inferShape: ({ inputs, params }) => {
    const x = inputs.x!;
    if (x.shape.length < 1 || x.shape.length > 2) return problem('x', `must be a sequence [T] or [T, F], got ${describeType(x)}`);
    const u = params.units;
    return shapes({ out: { kind: 'sequence', shape: u === 1 ? [x.shape[0]] : [x.shape[0], u] } });
  },
  weights: (ctx) => [
    { name: 'kernel', shape: [featureSize(ctx), ctx.params.units], init: 'glorot' },
    { name: 'bias', shape: [ctx.params.units], init: 'zeros' },
  ],
  emit: ({ inputs, weights, types }) => {
    const [b, t] = inputs.x.shape;
    const f = weights.kernel.shape[0];
    const y = tf.add(tf.matMul(tf.reshape(inputs.x, [b * t!, f]), weights.kernel), weights.bias);
    return { out: tf.reshape(y, [b, ...types.out.shape]) };
  },
  summary: (p) => ` ${p.units}`,
});
export default Linear;
