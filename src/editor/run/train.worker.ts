/// <reference lib="webworker" />

import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { Subject, type Subscription } from 'rxjs';
import type { DataShape } from '../../../nodes/block';
import { dataShapeOf } from '../../../nodes/fields';
import { compileGraph } from '../../compile/compile';
import { formatCompileError } from '../../compile/errors';
import type { Plan } from '../../compile/plan';
import { setBrowserGruThreads } from '../../kernels/gru/browserThreads';
import { gruKernelNotice } from '../../kernels/gru/kernel';
import { dataConfig, generateDataset } from '../../physics/dataset';
import { datasetSplit } from '../../train/data';
import { mainNetArtifacts } from '../../train/exportMainNet';
import { train } from '../../train/train';
import type { NamedWeights, TrainCommand } from '../../train/types';
import type { Files } from '../doc/files';
import { filesResolver } from '../doc/workspace';
import type { FromWorker, RunRequest, ToWorker, WorkerEvent } from './protocol';

/**
 * Training off the main thread: compile the documents, generate the data, run the runtime's
 * stream, and post its events. Commands from the editor go into the stream's command subject.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let commands: Subject<TrainCommand> | null = null;
let running: Subscription | null = null;
let plan: Plan | null = null;
let weights: NamedWeights | null = null;

// Small batches take a few ms each: posting every one would keep the page busy drawing. At most
// ten batch events a second cross over; the latest one waits for the next slot or event.
const BATCH_INTERVAL_MS = 100;
let heldBatch: WorkerEvent | null = null;
let lastBatchPost = 0;
function postEvent(e: WorkerEvent): void {
  if (e.type === 'batch') {
    const now = performance.now();
    if (now - lastBatchPost < BATCH_INTERVAL_MS) {
      heldBatch = e;
      return;
    }
    lastBatchPost = now;
    heldBatch = null;
  } else if (heldBatch) {
    post({ type: 'event', event: heldBatch });
    heldBatch = null;
  }
  post({ type: 'event', event: e });
}

/** a loaded dataset's shape, so a swap compiles for the same data; the generator's when absent */
let shape: DataShape | undefined;

function compile(files: Files, top: string): Plan | string {
  const r = compileGraph(files[top], { file: top, resolve: filesResolver(files), ...(shape ? { data: shape } : {}) });
  return r.ok ? r.plan : r.errors.map(formatCompileError).join('; ');
}

async function useBackend(wasmPaths: Record<string, string> | undefined): Promise<void> {
  if (wasmPaths) {
    // The threaded wasm build hangs once minified; the plain SIMD build is what ships.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(wasmPaths);
    if (await tf.setBackend('wasm').catch(() => false)) return void (await tf.ready());
    post({ type: 'status', text: 'wasm backend unavailable, training on cpu' });
  }
  await tf.setBackend('cpu');
  await tf.ready();
}

/** The GRU kernel on every core the browser reports, the same bits as on one (chunked.ts). */
async function useGruThreads(threads = navigator.hardwareConcurrency || 1): Promise<void> {
  const r = await setBrowserGruThreads(threads);
  post({ type: 'status', text: `GRU kernel on ${r.threads} thread${r.threads === 1 ? '' : 's'}` });
  if (r.reason) post({ type: 'notice', text: `GRU kernel on one thread: ${r.reason}` });
}

async function start(req: RunRequest): Promise<void> {
  running?.unsubscribe();
  shape = req.dataset ? dataShapeOf(req.dataset.config) : undefined;
  const compiled = compile(req.files, req.top);
  if (typeof compiled === 'string') return post({ type: 'refused', text: compiled, swap: false });
  plan = compiled;
  weights = null;
  await useBackend(req.wasmPaths);
  await useGruThreads(req.gruThreads);
  const kernelNotice = gruKernelNotice();
  if (kernelNotice) post({ type: 'notice', text: kernelNotice });
  if (!req.dataset) post({ type: 'status', text: `generating ${req.data.count} sequences (seed ${req.data.seed})` });
  const data = datasetSplit(req.dataset ?? generateDataset(dataConfig(req.data)));
  commands = new Subject<TrainCommand>();
  running = train(plan, data, {
    ...req.training,
    watch: req.watch,
    commands,
    ...(req.initialWeights ? { initialWeights: req.initialWeights } : {}),
  }).subscribe({
    next: (e) => {
      if (e.type === 'checkpoint') {
        weights = e.checkpoint.weights;
        return postEvent({ type: 'checkpoint', epoch: e.checkpoint.epoch });
      }
      if (e.type === 'done') weights = e.weights;
      postEvent(e);
    },
    error: (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
  });
}

function swap(files: Files, top: string, note: string): void {
  const next = compile(files, top);
  if (typeof next === 'string') return post({ type: 'refused', text: next, swap: true });
  if (!commands) return;
  plan = next;
  commands.next({ type: 'swap', plan: next, note });
}

async function exportNet(): Promise<void> {
  if (!plan || !weights) return post({ type: 'failed', message: 'nothing to export yet: train at least one epoch' });
  const { artifacts, layersModel } = await mainNetArtifacts(plan, weights);
  post({ type: 'exported', artifacts, layersModel });
}

scope.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  const fail = (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  switch (m.type) {
    case 'start':
      return void start(m).catch(fail);
    case 'swap':
      return swap(m.files, m.top, m.note);
    case 'export':
      return void exportNet().catch(fail);
    case 'memory':
      return post({ type: 'memory', numTensors: tf.memory().numTensors });
    default:
      commands?.next({ type: m.type });
  }
});
post({ type: 'status', text: 'ready' });
