import * as tf from '@tensorflow/tfjs-core';
import { unary } from './elementwise';
export default unary('Square', 'x², entry by entry.', tf.square, {
  forward: (x) => x * x,
  dx: (x, g) => 2 * x * g,
});
