import { unary } from './elementwise';
import { tf } from './tfjs';
export default unary('Square', 'x², entry by entry.', (x) => tf.square(x), {
  forward: (x) => x * x,
  dx: (x, g) => 2 * x * g,
});
