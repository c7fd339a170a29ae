import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { Adam } from '../../src/train/adam';

/** Kingma & Ba's algorithm 1 in float64, the bias corrections applied to m and v as the paper writes them. */
function adamLoop(w0: number[], grads: number[][], lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-7): number[] {
  const w = [...w0];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  grads.forEach((g, k) => {
    const t = k + 1;
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2;
      const mHat = m[i] / (1 - b1 ** t);
      const vHat = v[i] / (1 - b2 ** t);
      // eps scaled the way the folded step size scales it (eps·sqrt(1 - b2^t)), as tf.train.adam does
      w[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps / Math.sqrt(1 - b2 ** t));
    }
  });
  return w;
}

const w0 = [0.5, -1.25, 2, 0, 3e-3, -7];
const grads = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => w0.map((_, i) => Math.sin(3 * k + i) * (i + 1)));

test('Adam follows the algorithm written as a loop, to float32 rounding', () => {
  const x = tf.variable(tf.tensor1d(w0));
  const adam = new Adam(0.01);
  for (const g of grads) tf.tidy(() => adam.apply(new Map([['x', x]]), { x: tf.tensor1d(g) }));
  const want = adamLoop(w0, grads, 0.01);
  const got = x.dataSync();
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) <= 1e-6 * Math.max(1, Math.abs(w)), `w[${i}]: got ${got[i]}, want ${w}`));
  // and it moved: a test that cannot fail is no test
  assert.ok(Math.abs(got[1] - w0[1]) > 1e-3, `w[1] moved only to ${got[1]}`);
  x.dispose();
});

test('state and restore continue exactly where the optimizer was; a weight that is not given a gradient is left alone', () => {
  const run = (split: boolean) => {
    const x = tf.variable(tf.tensor1d(w0));
    const y = tf.variable(tf.tensor1d([1, 2]));
    let adam = new Adam(0.01);
    grads.forEach((g, k) => {
      if (split && k === 4) {
        const saved = adam.state();
        adam = new Adam(0.01);
        adam.restore(saved);
      }
      tf.tidy(() =>
        adam.apply(
          new Map([
            ['x', x],
            ['y', y],
          ]),
          { x: tf.tensor1d(g) },
        ),
      );
    });
    const out = [Array.from(x.dataSync()), Array.from(y.dataSync())];
    tf.dispose([x, y]);
    return out;
  };
  const whole = run(false);
  assert.deepEqual(run(true), whole);
  assert.deepEqual(whole[1], [1, 2]);
});

test('an update leaves no tensor behind', () => {
  const x = tf.variable(tf.tensor1d(w0));
  const g = tf.tensor1d(grads[0]);
  const adam = new Adam(0.01);
  adam.apply(new Map([['x', x]]), { x: g });
  const before = tf.memory().numTensors;
  for (let k = 0; k < 5; k++) adam.apply(new Map([['x', x]]), { x: g });
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, g]);
});
