/**
 * Smallest and largest of many numbers in one loop. `Math.min(...xs)` passes every value as an
 * argument, and past about 10⁵ of them (a 400-setting × 400-epoch sweep's curves) the engine
 * throws "Maximum call stack size exceeded"; this has no such limit.
 */
export function extent(values: Iterable<number>): { lo: number; hi: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}

/** The smallest value; Infinity for none, as Math.min() gives. */
export const minOf = (values: Iterable<number>): number => extent(values).lo;

/** The largest value; -Infinity for none, as Math.max() gives. */
export const maxOf = (values: Iterable<number>): number => extent(values).hi;
