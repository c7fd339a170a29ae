import { unary } from './elementwise';
import { tf } from './tfjs';
export default unary('Log', 'Natural logarithm, entry by entry (NaN for x ≤ 0 stops training with an error).', (x) => tf.log(x), {
  forward: (x) => Math.log(x),
  dx: (x, g) => g / x,
});
