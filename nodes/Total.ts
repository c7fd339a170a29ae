import * as tf from '@tensorflow/tfjs-core';
import { reduce } from './reduce';
export default reduce(
  'Total',
  'Sum of all entries of one sequence (per sequence, not over the batch).',
  (x, axes) => tf.sum(x, axes),
  () => 1,
);
