import type { Observable } from 'rxjs';
import type { Plan } from '../compile/plan';
import type { Schedule } from '../graph';
import type { PackedData } from './pack';
import type { ReplayedEdit } from './replayedEdits';

/**
 * The contract between the training runtime and everything that watches it (CLI, editor
 * worker, tests). Events are plain data (numbers, arrays, typed arrays) so they cross a
 * worker boundary with structured clone unchanged.
 */

/** Per-term losses by the Loss blocks' names (ME, ICs, DE, H for fig. 6), plus the objective. */
export type TermLosses = Record<string, number> & { total: number };

/** Trained values by weight name (`<stepId>/<weight>`), enough to rebuild or continue a model. */
export type NamedWeights = Record<string, { shape: number[]; values: Float32Array }>;

export interface OptimizerState {
  step: number;
  /** Adam's first and second moments, by weight name */
  m: NamedWeights;
  v: NamedWeights;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** the base rate; `schedule` sets each epoch's rate from it */
  learningRate: number;
  /** constant when absent */
  schedule?: Schedule;
  /** drives weight initialisation and batch shuffling */
  seed: number;
  /** start from these weights (a staged run, fig. 7) instead of the seeded initialisation */
  initialWeights?: NamedWeights;
  /** continue an interrupted run exactly: weights, Adam moments, epoch and step */
  resume?: Checkpoint;
  /** test sequences whose predictions each `evaluation` event carries (figs. 9–10) */
  watch?: number[];
  /** histogram bins of the eq. (15) error, in percent (default 0..40 in 20 bins of 2, last bin open) */
  histogramEdges?: number[];
  /** emit `batch` events every this many steps (default 1) */
  batchEvery?: number;
  /** pause / resume / stop / swap while the run goes on */
  commands?: Observable<TrainCommand>;
  /**
   * Swaps fixed in advance (a recorded live-edited run replayed, `run.edits`): each takes effect
   * once `step` optimizer steps are done, where a live swap sent during that step would.
   */
  edits?: ReplayedEdit[];
  /** stop when the objective exceeds this many times its lowest value so far (default DEFAULT_DIVERGENCE in ./train) */
  divergence?: number;
}

/** The dataset split as the run uses it; `datasetSplit()` in ./data builds it from a dataset. */
export interface SplitData {
  train: PackedData;
  test: PackedData;
}

export interface Checkpoint {
  epoch: number;
  step: number;
  weights: NamedWeights;
  optimizer: OptimizerState;
}

/** Commands a watcher may send while a run goes on. */
export type TrainCommand =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** a new compiled graph (loss rewired, a Scale changed): training continues from the current weights */
  | { type: 'swap'; plan: Plan; note: string };

export type TrainEvent =
  | {
      type: 'start';
      epochs: number;
      stepsPerEpoch: number;
      train: number;
      test: number;
      terms: string[];
      parameters: number;
      fromEpoch: number;
    }
  | { type: 'batch'; epoch: number; step: number; losses: TermLosses }
  | {
      type: 'epoch';
      epoch: number;
      step: number;
      train: TermLosses;
      test: TermLosses;
      /** mean eq. (15) error over the test split, percent */
      testErrorPercent: number;
      /** the rate the schedule gave this epoch (absent in runs made before schedules) */
      learningRate?: number;
      numTensors: number;
      seconds: number;
    }
  | {
      type: 'evaluation';
      epoch: number;
      /** eq. (15) error of every test sequence, percent, in test-split order */
      errors: Float64Array;
      histogram: { edges: number[]; counts: number[] };
      predictions: { index: number; prediction: Float32Array; target: Float32Array; features: Float32Array }[];
    }
  | { type: 'checkpoint'; checkpoint: Checkpoint }
  /** `refused` says why a swap was not applied (the run goes on with the graph it had) */
  | { type: 'swap'; epoch: number; step: number; note: string; terms: string[]; refused?: string }
  | { type: 'paused'; epoch: number; step: number }
  | { type: 'resumed'; epoch: number; step: number }
  /** `weights` are the main net's weights at the end, also after a Stop mid-epoch */
  | { type: 'done'; epoch: number; step: number; stopped: boolean; seconds: number; weights: NamedWeights }
  | { type: 'error'; epoch: number; step: number; term?: string; message: string; lastCheckpoint?: Checkpoint };
