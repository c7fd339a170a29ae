import { field, type PointResult } from './summary';

/**
 * Every point's per-epoch losses in long ("tidy") form: one row per run × epoch × split × term,
 * the shape pandas (`pd.read_csv` then `pivot_table`), R's tidyverse and W&B's table import take
 * without reshaping. The swept parameters come first as columns of their own, then the seed; the
 * eq. (15) error is the term `testErrorPercent` of the test split.
 */
export function metricsLongCsv(parameters: readonly string[], points: readonly PointResult[]): string {
  const header = ['run', ...parameters, 'seed', 'epoch', 'step', 'split', 'term', 'value'];
  const rows: unknown[][] = [];
  for (const p of points) {
    const head = [p.name, ...parameters.map((k) => p.values[k]), p.seed ?? ''];
    for (const e of p.metrics.epochs) {
      for (const split of ['train', 'test'] as const)
        for (const [term, value] of Object.entries(e[split])) rows.push([...head, e.epoch, e.step, split, term, value]);
      rows.push([...head, e.epoch, e.step, 'test', 'testErrorPercent', e.testErrorPercent]);
    }
  }
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
