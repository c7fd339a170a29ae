import { minOf } from '../util/extent';

/**
 * What the reproduction tables report about a run's test error beside the last epoch (the paper's
 * measure): the mean over the last `tail` epochs, steadier, and the best epoch, optimistic because it
 * picks the minimum with the test set.
 */
export function epochSummary(errors: readonly number[], tail = 10): { last: number; meanOfLast: number; best: number; epochs: number } {
  if (errors.length === 0) throw new RangeError('a run with no epochs has no summary');
  const lastOnes = errors.slice(-tail);
  return {
    last: errors[errors.length - 1],
    meanOfLast: lastOnes.reduce((a, x) => a + x, 0) / lastOnes.length,
    best: minOf(errors),
    epochs: errors.length,
  };
}
