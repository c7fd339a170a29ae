import type { RunMetrics } from '../train/metrics';
import type { TrainEvent } from '../train/types';

/**
 * What a run in a folder reports as it goes: the training's own events (its checkpoints and final
 * weights are the folder's business and are replaced by `checkpoint` and `finished`), plus the
 * folder it writes, notes for the user, and each checkpoint once it is on disk.
 */
export type RunEvent =
  | Exclude<TrainEvent, { type: 'checkpoint' } | { type: 'done' }>
  | { type: 'folder'; dir: string; resumed: boolean }
  | { type: 'note'; message: string; warning?: boolean }
  | { type: 'checkpoint'; epoch: number; epochs: number; file: string }
  | { type: 'finished'; dir: string; metrics: RunMetrics };
