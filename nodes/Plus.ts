import * as tf from '@tensorflow/tfjs';
import { binary } from './elementwise';
export default binary('Plus', 'a + b, entry by entry.', tf.add);
