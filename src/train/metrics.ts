import type { TrainEvent } from './types';

/** An `epoch` event as metrics.json keeps it: the numbers without the wall time. */
export type EpochMetrics = Omit<Extract<TrainEvent, { type: 'epoch' }>, 'type' | 'seconds'>;

/**
 * metrics.json. `epochs` holds only what the seed determines, so two runs of one graph file
 * compare equal there; wall times live apart in `timings` and `totalSeconds`.
 */
export interface RunMetrics {
  graph: string;
  status: 'running' | 'done' | 'error' | 'interrupted';
  epochs: EpochMetrics[];
  timings: { epoch: number; seconds: number }[];
  swaps: { epoch: number; step: number; note: string }[];
  totalSeconds?: number;
  model?: string;
  error?: { epoch: number; step: number; term?: string; message: string };
}

/**
 * One row per epoch: train and test losses per term, the eq. (15) error, the tensor count, and
 * the wall time when the rows carry it. The columns are every term any row has (a hot swap can
 * add or drop terms; a row without a term leaves it empty). Plain CSV with no comment lines, so any
 * CSV reader takes it; the swaps go to their own table (`swapsCsv`, and `swaps` in metrics.json).
 */
export function metricsCsv(epochs: readonly (EpochMetrics & { seconds?: number })[]): string {
  const terms = [...new Set(epochs.flatMap((e) => Object.keys(e.train)).filter((t) => t !== 'total')), 'total'];
  const timed = epochs.some((e) => e.seconds !== undefined);
  const header = [
    'epoch',
    'step',
    ...terms.map((t) => `train_${t}`),
    ...terms.map((t) => `test_${t}`),
    'testErrorPercent',
    'numTensors',
    ...(timed ? ['seconds'] : []),
  ];
  const rows = epochs.map((e) =>
    [
      e.epoch,
      e.step,
      ...terms.map((t) => e.train[t] ?? ''),
      ...terms.map((t) => e.test[t] ?? ''),
      e.testErrorPercent,
      e.numTensors,
      ...(timed ? [e.seconds ?? ''] : []),
    ].join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** RFC 4180 quoting: a swap's note may hold commas and quotes. */
const field = (v: string | number) => (typeof v === 'string' && /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

/** The hot swaps of a run, one row each: where in the run it happened, what changed, and why it was refused if it was. */
export function swapsCsv(swaps: readonly { epoch: number; step: number; note: string; refused?: string }[]): string {
  const rows = swaps.map((w) => [w.epoch, w.step, w.note, w.refused ?? ''].map(field).join(','));
  return `${['epoch,step,note,refused', ...rows].join('\n')}\n`;
}
