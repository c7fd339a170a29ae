import { reduce } from './reduce';
import { tf } from './tfjs';
export default reduce(
  'Total',
  'Sum of all entries of one sequence (per sequence, not over the batch).',
  (x, axes) => tf.sum(x, axes),
  () => 1,
);
