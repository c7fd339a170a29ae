import type { io } from '@tensorflow/tfjs-core';
import type { Dataset } from '../../physics/dataset';
import type { ResolvedRun } from '../../run/runSpec';
import type { NamedWeights, TrainEvent } from '../../train/types';
import type { Files } from '../doc/files';

/**
 * Messages between the editor and the training worker. A compiled Plan holds block
 * definitions with functions, which structured clone cannot carry, so the documents travel
 * and the worker compiles them itself.
 */
export interface RunRequest {
  files: Files;
  top: string;
  data: ResolvedRun['data'];
  /** base rate, schedule and the resolved seed (src/run/runSpec.ts) */
  training: ResolvedRun['training'];
  /** a dataset file's contents (from `slidegraph import` or `data`) that replaces the generator */
  dataset?: Dataset;
  /** test sequences whose predictions each evaluation carries */
  watch: number[];
  initialWeights?: NamedWeights;
  /** where the tfjs wasm binaries are (the app passes bundled URLs); cpu when absent */
  wasmPaths?: Record<string, string>;
  /** threads for the GRU kernel (src/kernels/gru/browserThreads.ts); navigator.hardwareConcurrency when absent */
  gruThreads?: number;
}

export type ToWorker =
  | ({ type: 'start' } & RunRequest)
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'swap'; files: Files; top: string; note: string }
  | { type: 'export' }
  /** how many tensors the worker holds: what a stopped run leaves behind */
  | { type: 'memory' };

/** Checkpoints stay in the worker (Adam moments are large); the editor gets their epoch. */
export type WorkerEvent = Exclude<TrainEvent, { type: 'checkpoint' }> | { type: 'checkpoint'; epoch: number };

export type FromWorker =
  | { type: 'event'; event: WorkerEvent }
  | { type: 'status'; text: string }
  /** something the user should know that does not stop the run (the GRU kernel fell back) */
  | { type: 'notice'; text: string }
  /** the graph was not run or not swapped in; the run, if any, goes on as it was */
  | { type: 'refused'; text: string; swap: boolean }
  | { type: 'exported'; artifacts: io.ModelArtifacts; layersModel: boolean }
  | { type: 'failed'; message: string }
  | { type: 'memory'; numTensors: number };
