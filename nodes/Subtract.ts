import { binary } from './elementwise';
import { tf } from './tfjs';
export default binary('Subtract', 'a - b, entry by entry.', (a, b) => tf.sub(a, b), {
  forward: (a, b) => a - b,
  da: (_a, _b, g) => g,
  db: (_a, _b, g) => -g,
});
