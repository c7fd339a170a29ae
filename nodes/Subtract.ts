import * as tf from '@tensorflow/tfjs-core';
import { binary } from './elementwise';
export default binary('Subtract', 'a - b, entry by entry.', tf.sub, {
  forward: (a, b) => a - b,
  da: (_a, _b, g) => g,
  db: (_a, _b, g) => -g,
});
