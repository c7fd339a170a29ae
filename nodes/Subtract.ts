import * as tf from '@tensorflow/tfjs';
import { binary } from './elementwise';
export default binary('Subtract', 'a - b, entry by entry.', tf.sub);
