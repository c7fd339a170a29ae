import * as tf from '@tensorflow/tfjs-core';

/**
 * The paper's GRU, eqs. (4)–(7), written with tf ops one time step at a time: sigmoid gates,
 * reset applied to h before U, and h_t = (1 - z) h_{t-1} + z h̃_t, from h_0 = 0. Weight columns
 * are ordered (z, r, h). Slow (a dozen tensors per step, autodiff through all of them), but
 * obviously right and backend-agnostic: the fused op is tested against it, and it serves backends
 * the fused op does not cover (webgl).
 */
export function gruSequenceReference(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, f] = x.shape;
    const h = recurrent.shape[0];
    const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [b * t, f]), kernel), bias), [b, t, 3 * h]);
    const [uzr, uh] = tf.split(recurrent, [2 * h, h], 1);
    let state: tf.Tensor2D = tf.zeros([b, h]);
    const outs: tf.Tensor2D[] = [];
    for (let s = 0; s < t; s++) {
      const [xz, xr, xh] = tf.split(tf.reshape(tf.slice(xw, [0, s, 0], [-1, 1, -1]), [b, 3 * h]), 3, 1);
      const [hz, hr] = tf.split(tf.matMul(state, uzr), 2, 1);
      const z = tf.sigmoid(tf.add(xz, hz));
      const r = tf.sigmoid(tf.add(xr, hr));
      const cand = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, state), uh)));
      state = tf.add(state, tf.mul(z, tf.sub(cand, state)));
      outs.push(state);
    }
    return tf.stack(outs, 1) as tf.Tensor3D;
  });
}
