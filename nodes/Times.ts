import * as tf from '@tensorflow/tfjs-core';
import { binary } from './elementwise';
export default binary('Times', 'a × b, entry by entry (e.g. weighting by LogTerms or masking by HoldPairs).', tf.mul, {
  forward: (a, b) => a * b,
  da: (_a, b, g) => g * b,
  db: (a, _b, g) => g * a,
});
