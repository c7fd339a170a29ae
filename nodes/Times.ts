import { binary } from './elementwise';
import { tf } from './tfjs';
export default binary('Times', 'a × b, entry by entry (e.g. weighting by LogTerms or masking by HoldPairs).', (a, b) => tf.mul(a, b), {
  forward: (a, b) => a * b,
  da: (_a, b, g) => g * b,
  db: (a, _b, g) => g * a,
});
