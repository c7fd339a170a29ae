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

/** One row per epoch: train and test losses per term, the eq. (15) error, the tensor count. */
export function metricsCsv(m: RunMetrics): string {
  const terms = m.epochs.length ? Object.keys(m.epochs[0].train) : [];
  const header = ['epoch', 'step', ...terms.map((t) => `train_${t}`), ...terms.map((t) => `test_${t}`), 'testErrorPercent', 'numTensors'];
  const rows = m.epochs.map((e) => [e.epoch, e.step, ...terms.map((t) => e.train[t]), ...terms.map((t) => e.test[t]), e.testErrorPercent, e.numTensors].join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}
