import * as tf from '@tensorflow/tfjs-core';
import { reduce } from './reduce';
export default reduce(
  'Mean',
  'Mean of all entries of one sequence (per sequence, not over the batch).',
  (x, axes) => tf.mean(x, axes),
  (n) => 1 / n,
);
