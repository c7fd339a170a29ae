import * as tf from '@tensorflow/tfjs-core';
import { unary } from './elementwise';
export default unary('Log', 'Natural logarithm, entry by entry (NaN for x ≤ 0 stops training with an error).', tf.log, {
  forward: (x) => Math.log(x),
  dx: (x, g) => g / x,
});
