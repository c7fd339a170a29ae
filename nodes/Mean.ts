import { reduce } from './reduce';
import { tf } from './tfjs';
export default reduce(
  'Mean',
  'Mean of all entries of one sequence (per sequence, not over the batch).',
  (x, axes) => tf.mean(x, axes),
  (n) => 1 / n,
);
