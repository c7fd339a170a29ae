import * as tf from '@tensorflow/tfjs-core';
import type { Vec } from '../../../nodes/fused';
import type { FusedLossRunner, HostFields, LossValues } from './run';

/** True while tfjs records a gradient tape: only then is a forward pass worth keeping. */
function recording(): boolean {
  const state = (tf.engine() as unknown as { state?: { gradientDepth?: number } }).state;
  return state?.gradientDepth === undefined ? true : state.gradientDepth > 0;
}

export interface FusedLossResult {
  /** the objective as a scalar tensor, differentiable with respect to the main-net inputs */
  total: tf.Scalar;
  /** every term's value, on the host: reading them costs no tensor read-back */
  values: LossValues;
}

/**
 * The whole loss part of a graph as one TensorFlow.js op: `tf.customGrad` around the fused
 * forward pass (one read of each main-net input) and its backward pass (one gradient tensor per
 * input), the way the GRU's op wraps its kernel. Call inside tf.tidy or dispose `total`.
 */
export function fusedLoss(runner: FusedLossRunner, batch: number, inputs: tf.Tensor[], fields: HostFields): FusedLossResult {
  if (!inputs.length) {
    // Nothing from the main net enters the loss: there is no gradient to carry.
    const tape = runner.forward(batch, [], fields);
    tape.release();
    return { total: tf.scalar(tape.values.total), values: tape.values };
  }
  let values: LossValues | undefined;
  const op = tf.customGrad((...args: unknown[]) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    const tape = runner.forward(
      batch,
      xs.map((x) => x.dataSync() as Vec),
      fields,
    );
    values = tape.values;
    if (!recording()) tape.release();
    return {
      value: tf.scalar(tape.values.total),
      gradFunc: (dy: tf.Tensor) => {
        const grads = tape.backward(dy.dataSync()[0]);
        return grads.map((g, i) => tf.tensor(g, xs[i].shape, 'float32'));
      },
    };
  });
  const total = op(...inputs) as tf.Scalar;
  return { total, values: values! };
}
