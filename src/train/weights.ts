import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeights } from './types';

/** Copies, never views: a backend may reuse the memory behind dataSync() after the next update. */
export function readWeights(variables: Map<string, tf.Variable>): NamedWeights {
  return Object.fromEntries(
    [...variables].map(([name, v]) => [name, { shape: [...v.shape], values: (v.dataSync() as Float32Array).slice() }]),
  );
}

export function toInitial(weights: NamedWeights): Map<string, { shape: number[]; values: Float32Array }> {
  return new Map(Object.entries(weights));
}

/** Writes saved values into live variables; every variable must be found with its shape. */
export function assignWeights(variables: Map<string, tf.Variable>, weights: NamedWeights): void {
  for (const [name, v] of variables) {
    const w = weights[name];
    if (!w) throw new Error(`the checkpoint has no weight '${name}'`);
    if (w.shape.join(',') !== v.shape.join(','))
      throw new Error(`weight '${name}' has shape [${w.shape}] in the checkpoint, [${v.shape}] in the graph`);
    tf.tidy(() => v.assign(tf.tensor(w.values, w.shape, 'float32')));
  }
}
