import type { NamedWeights, TermLosses, TrainEvent } from '../../train/types';
import type { WorkerEvent } from './protocol';
import type { RecordScale } from './recordScale';

type RunStatus = 'idle' | 'preparing' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

/** One row of the metrics table: an `epoch` event as the runtime sent it. */
type EpochRow = Omit<Extract<TrainEvent, { type: 'epoch' }>, 'type'>;

/** Everything the run panel and the charts show, folded from the worker's events. */
export interface RunState {
  status: RunStatus;
  message: string;
  /** every loss term the run has had: a term a swap removed keeps its history on the charts */
  terms: string[];
  /** the terms a swap removed from the loss (still in `terms`) */
  dropped: string[];
  epochs: number;
  stepsPerEpoch: number;
  epoch: number;
  step: number;
  startedAt: number;
  /** batch losses, thinned to at most MAX_BATCH_POINTS so a long run stays cheap to draw */
  batches: { x: number; losses: TermLosses }[];
  batchStride: number;
  rows: EpochRow[];
  swaps: { x: number; epoch: number; step: number; note: string; refused?: string }[];
  histogram: { edges: number[]; counts: number[] } | null;
  predictions: { index: number; prediction: Float32Array; target: Float32Array; features: Float32Array }[];
  weights: NamedWeights | null;
  /** the units of the dataset file the run trains on, for the prediction chart; null for generated data */
  scale: RecordScale | null;
}

export const MAX_BATCH_POINTS = 1500;

export const initialRunState: RunState = {
  status: 'idle',
  message: '',
  terms: [],
  dropped: [],
  epochs: 0,
  stepsPerEpoch: 1,
  epoch: 0,
  step: 0,
  startedAt: 0,
  batches: [],
  batchStride: 1,
  rows: [],
  swaps: [],
  histogram: null,
  predictions: [],
  weights: null,
  scale: null,
};

export function runReducer(s: RunState, e: WorkerEvent, now: number): RunState {
  const x = (step: number) => step / Math.max(1, s.stepsPerEpoch);
  switch (e.type) {
    case 'start':
      return {
        ...initialRunState,
        scale: s.scale,
        status: 'running',
        message: `${e.train} train / ${e.test} test sequences, ${e.parameters} weights`,
        terms: e.terms,
        epochs: e.epochs,
        stepsPerEpoch: e.stepsPerEpoch,
        epoch: e.fromEpoch,
        startedAt: now,
      };
    case 'batch': {
      const next = { ...s, epoch: e.epoch, step: e.step };
      if (e.step % s.batchStride !== 0) return next;
      let batches = [...s.batches, { x: x(e.step), losses: e.losses }];
      let batchStride = s.batchStride;
      if (batches.length > MAX_BATCH_POINTS) {
        batches = batches.filter((_, i) => i % 2 === 1);
        batchStride *= 2;
      }
      return { ...next, batches, batchStride };
    }
    case 'epoch':
      return {
        ...s,
        epoch: e.epoch,
        step: e.step,
        rows: [
          ...s.rows,
          {
            epoch: e.epoch,
            step: e.step,
            train: e.train,
            test: e.test,
            testErrorPercent: e.testErrorPercent,
            learningRate: e.learningRate,
            numTensors: e.numTensors,
            seconds: e.seconds,
          },
        ],
      };
    case 'evaluation':
      return { ...s, histogram: e.histogram, predictions: e.predictions };
    case 'swap':
      return {
        ...s,
        ...(e.refused
          ? {}
          : { terms: [...s.terms, ...e.terms.filter((t) => !s.terms.includes(t))], dropped: s.terms.filter((t) => !e.terms.includes(t)) }),
        swaps: [...s.swaps, { x: x(e.step), epoch: e.epoch, step: e.step, note: e.note, ...(e.refused ? { refused: e.refused } : {}) }],
      };
    case 'paused':
      return { ...s, status: 'paused' };
    case 'resumed':
      return { ...s, status: 'running' };
    case 'done':
      return {
        ...s,
        status: e.stopped ? 'stopped' : 'done',
        message: `${e.stopped ? 'stopped' : 'finished'} after ${e.step} steps in ${e.seconds.toFixed(1)} s`,
        weights: e.weights,
      };
    case 'error':
      return { ...s, status: 'error', message: e.message };
    case 'checkpoint':
      return s;
  }
}

/** Seconds left, from the pace so far; null before the first step. */
export function eta(s: RunState, now: number): number | null {
  const total = s.epochs * s.stepsPerEpoch;
  if (!s.step || s.status !== 'running' || !s.startedAt) return null;
  const rate = (now - s.startedAt) / 1000 / s.step;
  return Math.max(0, (total - s.step) * rate);
}
