import * as tf from '@tensorflow/tfjs';
import { binary } from './elementwise';
export default binary('Times', 'a × b, entry by entry (e.g. weighting by LogTerms or masking by HoldPairs).', tf.mul);
