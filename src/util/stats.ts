/** Mean and sample standard deviation (n − 1): what the sweep summary and reproduce --seeds report. */
export interface Stat {
  mean: number;
  /** null for a single value, which has no spread to estimate */
  sd: number | null;
  n: number;
}

export function stat(xs: readonly number[]): Stat {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : null;
  return { mean, sd, n };
}

/**
 * `mean ± sd` to `digits` decimals; the mean alone when there is no spread to show (n = 1). A
 * negative mean has a true minus sign, as formatSigned's; `signed` also gives a positive one its `+`.
 */
export function formatStat(x: Stat, digits: number, signed = false): string {
  const mean = signed ? formatSigned(x.mean, digits) : `${x.mean < 0 ? '−' : ''}${Math.abs(x.mean).toFixed(digits)}`;
  return `${mean}${x.sd === null ? '' : ` ± ${x.sd.toFixed(digits)}`}`;
}

/** A difference with its sign, `+0.12` or `−0.12` (a true minus sign, as the tables print it). */
export function formatSigned(x: number, digits = 2): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
}
