import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fusedGru } from '../src/kernels/gru/op';

/**
 * The peer model of bench/torch_peer.py: GRU(H) over x [B, T, 1], a Linear(1) folded over time,
 * MSE against y, one Adam (1e-3) step. Built with the fused op or with tfjs-layers' GRU
 * (sigmoid gates, reset before U: the paper's cell up to the z ↔ 1 − z convention).
 */
/** tfjs-layers accepts only resetAfter: false (reset applied before U); its typings omit the option. */
const RESET_BEFORE = { resetAfter: false } as object;

export interface PeerModel {
  step(): void;
  dispose(): void;
}

export function gruLinear(impl: 'fused' | 'layers', H: number, B: number, T: number): PeerModel {
  const x = tf.randomNormal([B, T, 1], 0, 1, 'float32', 1) as tf.Tensor3D;
  const y = tf.randomNormal([B * T, 1], 0, 1, 'float32', 2);
  const v = tf.variable(tf.randomNormal([H, 1], 0, 1 / Math.sqrt(H), 'float32', 3)) as tf.Variable<tf.Rank.R2>;
  const c = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.adam(1e-3);
  let vars: tf.Variable[];
  let gru: (x: tf.Tensor3D) => tf.Tensor;
  let layer: tfl.layers.Layer | null = null;
  if (impl === 'fused') {
    const w = tf.variable(tf.randomNormal([1, 3 * H], 0, 0.5, 'float32', 4)) as tf.Variable<tf.Rank.R2>;
    const u = tf.variable(tf.randomNormal([H, 3 * H], 0, 1 / Math.sqrt(H), 'float32', 5)) as tf.Variable<tf.Rank.R2>;
    const b = tf.variable(tf.zeros([3 * H])) as tf.Variable<tf.Rank.R1>;
    vars = [w, u, b, v, c];
    gru = (input) => fusedGru(input, w, u, b);
  } else {
    // glorot, not the default orthogonal init: same cost per step, and no warning about its slowness
    const l = tfl.layers.gru({
      units: H,
      recurrentActivation: 'sigmoid',
      ...RESET_BEFORE,
      returnSequences: true,
      recurrentInitializer: 'glorotUniform',
    });
    tf.dispose(l.apply(tf.zeros([1, T, 1])) as tf.Tensor);
    layer = l;
    vars = [...l.trainableWeights.map((w) => w.read() as tf.Variable), v, c];
    gru = (input) => l.apply(input) as tf.Tensor;
  }
  const loss = () => tf.losses.meanSquaredError(y, tf.add(tf.matMul(tf.reshape(gru(x), [B * T, H]), v), c)) as tf.Scalar;
  return {
    step: () => void optimizer.minimize(loss, false, vars),
    dispose() {
      optimizer.dispose();
      layer?.dispose();
      tf.dispose([x, y, ...(impl === 'fused' ? vars : [v, c])]);
    },
  };
}
