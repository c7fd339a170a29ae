import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { filter, lastValueFrom, map, Observable, type Subscription } from 'rxjs';
import { dataShapeOf } from '../../nodes/fields';
import type { Resolver } from '../compile/expand';
import type { Plan } from '../compile/plan';
import { type GraphDocument, type ResolvedDataConfig, serializeGraph } from '../graph';
import { type Dataset, dataConfig } from '../physics/dataset';
import { type ResolvedRun, resolveRun } from '../run/runSpec';
import { datasetSplit } from '../train/data';
import { mainNetArtifacts } from '../train/exportMainNet';
import { metricsCsv, type RunMetrics } from '../train/metrics';
import { planAtStep } from '../train/replayedEdits';
import { train } from '../train/train';
import { checkTrainOptions } from '../train/trainChecks';
import type { Checkpoint, NamedWeights, ReplayedEdit, SplitData, TrainEvent, TrainOptions } from '../train/types';
import { weightsText } from '../train/weightsFile';
import { InputError } from '../util/inputError';
import { removeStaleTemps, writeErrorOf, writeFileAtomic } from './atomicWrite';
import { type BackendName, useBackend } from './backend';
import { checkpointHeader, checkpointsToPrune, newestUsableCheckpoint, recoveredMetrics } from './checkpoints';
import { writeRunEvaluation } from './evaluationFile';
import { faultPoint } from './faults';
import { compileRunDoc, fileResolver, readGraphFile } from './graphFiles';
import { readRunMetrics, writeRunMetrics } from './metricsFile';
import { packageVersion } from './packageRoot';
import { requireDatasetFits, requireMatchingWeights } from './preflight';
import { datasetHash, datasetOf, type RecordedData, readDatasetFile, recordedData } from './recordedData';
import { RunDiverged, RunInterrupted } from './runErrors';
import type { RunEvent } from './runEvents';
import { checkpointFile, copyMode, copySubgraphs, createRunFolder, readRunWeights, runFiles, writeJson, writeModel } from './runFolder';
import { acquireRunLock } from './runLock';
import { type RunRecord, readRunRecord, runRecordHeader, writeRunRecord } from './runRecord';

/** A resolved run and where its documents come from. */
export interface PreparedRun {
  run: ResolvedRun;
  /** the file the document is read as: its sub-graphs are found from there */
  graphFile: string;
  resolve: Resolver;
}

export interface RunOptions {
  dir: string;
  backend: BackendName;
  /** what run.json records besides the dataset, versions and times */
  provenance?: Record<string, unknown>;
  /** a dataset file (`data` or `import` wrote it) to train on instead of the run section's data */
  dataFile?: string;
  /**
   * Stops the run as Ctrl-C does: the epoch in progress is dropped, metrics.json is saved as
   * interrupted, and the stream fails with RunInterrupted. Unsubscribing does the same.
   */
  signal?: AbortSignal;
  /** checkpoints kept: the newest this many and the best (default 2; 0 keeps all) */
  keepCheckpoints?: number;
}

type Emit = (e: RunEvent) => void;

export function versions(backend: BackendName): Record<string, string> {
  return { slidegraph: packageVersion, tfjs: tf.version_core, node: process.version, backend };
}

function runExists(dir: string): boolean {
  return existsSync(join(dir, runFiles.graph));
}

const shapeOf = (c: { samples: number; maxJumps: number; extra?: readonly string[] }) => ({ data: dataShapeOf(c) });

/** run.json's dataset entry. */
function datasetEntry(data: RecordedData): RunRecord['dataset'] {
  const { ds, sha256 } = data;
  const split = ds.sequences.reduce((n, s) => n + (s.split === 'train' ? 1 : 0), 0);
  return {
    sha256,
    count: ds.sequences.length,
    train: split,
    test: ds.sequences.length - split,
    seed: ds.config.seed,
    rule: ds.config.rule,
    ...(data.file ? { file: data.file } : {}),
    ...(data.settings ? { settings: data.settings } : {}),
  };
}

/**
 * Trains a prepared run into a new run folder: graph.json (with its sub-graphs) reruns it alone.
 * Nothing happens until the stream is subscribed; it ends with `finished`, or fails with an
 * InputError (nothing written), RunDiverged or RunInterrupted.
 */
export function trainRun(p: PreparedRun, o: RunOptions): Observable<RunEvent> {
  return runStream(o, (emit, signal) => trainInto(p, o, emit, signal));
}

/** Continues an interrupted run folder from its last checkpoint, as a stream like trainRun's. */
export function resumeRun(o: RunOptions): Observable<RunEvent> {
  return runStream(o, (emit, signal) => resumeIn(o, emit, signal));
}

/** The metrics of a run stream that has finished: for callers that want no events. */
export function runToEnd(events: Observable<RunEvent>): Promise<RunMetrics> {
  return lastValueFrom(
    events.pipe(
      filter((e) => e.type === 'finished'),
      map((e) => e.metrics),
    ),
  );
}

function runStream(o: RunOptions, body: (emit: Emit, signal: AbortSignal) => Promise<RunMetrics>): Observable<RunEvent> {
  return new Observable<RunEvent>((subscriber) => {
    const stop = new AbortController();
    const abort = () => stop.abort();
    if (o.signal?.aborted) abort();
    o.signal?.addEventListener('abort', abort, { once: true });
    body((e) => subscriber.next(e), stop.signal)
      .then(
        (metrics) => {
          subscriber.next({ type: 'finished', dir: o.dir, metrics });
          subscriber.complete();
        },
        (err) => subscriber.error(err),
      )
      .finally(() => o.signal?.removeEventListener('abort', abort));
    // An unsubscribe is an interrupt: the run saves its metrics and frees its tensors.
    return abort;
  });
}

const backendNote = (emit: Emit) => (message: string) => emit({ type: 'note', message, warning: true });

async function trainInto(p: PreparedRun, o: RunOptions, emit: Emit, signal: AbortSignal): Promise<RunMetrics> {
  const { dir } = o;
  await useBackend(o.backend, backendNote(emit));
  // Everything is checked before the folder exists (a dataset file is read in full, the graph is
  // compiled for the data's shape, --init's weights are matched against it): a refusal leaves
  // nothing behind, and no folder whose advice ("use --resume") would not work.
  const fileData = o.dataFile ? readDatasetFile(o.dataFile) : undefined;
  const shape = fileData?.config ?? dataConfig(p.run.data);
  if (!fileData) requireDatasetFits(p.run.data.count, shape.samples, shape.maxJumps, '--count');
  const { plan } = compileRunDoc(p.run.doc, p.graphFile, shapeOf(shape), p.resolve);
  const initialWeights = p.run.init ? readRunWeights(p.run.init) : undefined;
  if (initialWeights) requireMatchingWeights(plan, initialWeights, join(p.run.init!, runFiles.weights));
  // The data is made and every training setting checked (no Loss block, no Predictions output,
  // no test sequences, a schedule's min above the rate) before the folder exists too.
  const data: RecordedData = fileData
    ? { ds: fileData, sha256: datasetHash(fileData), file: o.dataFile! }
    : { ...generated(p.run.data), settings: p.run.data };
  const split = datasetSplit(data.ds);
  checkTrainOptions(plan, split, trainOptions(p.run, initialWeights));
  const fresh = !existsSync(dir);
  const release = createRunFolder(dir);
  emit({ type: 'folder', dir, resumed: false });
  try {
    // run.json before graph.json: a folder with graph.json always says which data it trains on.
    const record: RunRecord = {
      ...runRecordHeader,
      ...o.provenance,
      ...(p.run.init ? { init: p.run.init } : {}),
      versions: versions(o.backend),
      startedAt: new Date().toISOString(),
      dataset: datasetEntry(data),
    };
    writeRunRecord(dir, record);
    // Sub-graphs are copied in (references that leave the folder rewritten), and the run is
    // compiled from the folder, where they now are.
    const doc = copySubgraphs(p.run.doc, p.graphFile, dir, p.resolve);
    const graphFile = join(dir, runFiles.graph);
    writeFileAtomic(graphFile, serializeGraph(doc), copyMode(p.graphFile));
    return await trainInFolder(o, emit, signal, {
      run: { ...p.run, doc },
      ...compileRunDoc(doc, graphFile, shapeOf(shape), fileResolver),
      ds: data.ds,
      split,
      record,
      ...(initialWeights ? { initialWeights } : {}),
    });
  } catch (e) {
    // Failed before it became a run (no graph.json, e.g. a full disk): leave no half-made folder behind.
    if (!runExists(dir)) {
      release();
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
      if (fresh) rmSync(dir, { recursive: true, force: true });
    }
    throw e;
  } finally {
    // The lock lasts as long as the run, not the process: a library caller may resume the folder next.
    release();
  }
}

function generated(settings: ResolvedDataConfig): { ds: Dataset; sha256: string } {
  const ds = datasetOf(settings);
  return { ds, sha256: datasetHash(ds) };
}

async function resumeIn(o: RunOptions, emit: Emit, signal: AbortSignal): Promise<RunMetrics> {
  const { dir } = o;
  if (!runExists(dir)) throw new InputError('--resume', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const release = acquireRunLock(dir);
  try {
    return await resumeLocked(o, emit, signal, graphFile, doc);
  } finally {
    release();
  }
}

async function resumeLocked(o: RunOptions, emit: Emit, signal: AbortSignal, graphFile: string, doc: GraphDocument): Promise<RunMetrics> {
  const { dir } = o;
  // Without run.json nothing says which data the epochs so far trained on: regenerating it under
  // today's settings would go on with other data and say nothing.
  const record = readRunRecord(dir);
  if (!record)
    throw new InputError(
      '--resume',
      `${dir} has no ${runFiles.run}, so the data its epochs trained on cannot be known; train it again into a new folder (slidegraph train ${join(dir, runFiles.graph)} --out NEW)`,
    );
  // What writes killed half-way left behind goes, now that no other process writes here.
  for (const sub of ['', runFiles.checkpoints, runFiles.model]) removeStaleTemps(join(dir, sub));
  const onDisk = readMetrics(join(dir, runFiles.metrics));
  if (onDisk?.status === 'done') throw new InputError('--resume', `${dir} has already finished all its epochs`);
  const run = resolveRun(doc);
  // The data, checkpoints and --init weights are all checked before a byte is written.
  const data = recordedData(run.doc, record);
  if (data.differs) throw new InputError('dataset', `${data.differs}; --resume needs the data the run trained on`, dir);
  const { plan, edits } = compileRunDoc(run.doc, graphFile, shapeOf(data.ds.config), fileResolver);
  const found = newestUsableCheckpoint(dir, runFiles.checkpoints, (step) => planAtStep(plan, edits, step).plan);
  for (const why of found?.skipped ?? []) emit({ type: 'note', message: `passed over ${why}` });
  // Keep the epochs the checkpoint covers (from the checkpoint itself when metrics.json lags);
  // the epoch that was in progress is trained again. No checkpoint: epoch 1 starts again.
  const metrics = recoveredMetrics(found, onDisk, doc.name);
  const init = found ? undefined : run.init;
  const initialWeights = init ? readRunWeights(init) : undefined;
  if (initialWeights) requireMatchingWeights(plan, initialWeights, join(init!, runFiles.weights));
  await useBackend(o.backend, backendNote(emit));
  // An older run.json is written again as the current version, with the settings now confirmed by its hash.
  const now = new Date().toISOString();
  const entry = datasetEntry(data);
  const resumed: RunRecord = {
    ...record,
    ...runRecordHeader,
    dataset: { ...entry, ...record.dataset, ...(entry.settings ? { settings: entry.settings } : {}) },
    resumedAt: now,
  };
  writeRunRecord(dir, resumed);
  // The checkpoints may have been moved away (to train again from epoch 1): new ones need their folder.
  try {
    mkdirSync(join(dir, runFiles.checkpoints), { recursive: true });
  } catch (e) {
    throw writeErrorOf(dir, e);
  }
  emit({ type: 'folder', dir, resumed: true });
  return trainInFolder(o, emit, signal, {
    run,
    plan,
    edits,
    ds: data.ds,
    record: resumed,
    ...(initialWeights ? { initialWeights } : {}),
    resume: { ...(found ? { checkpoint: found.checkpoint } : {}), metrics },
  });
}

/** metrics.json, or undefined when it is missing or damaged (the checkpoints then tell the story). */
function readMetrics(file: string): RunMetrics | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readRunMetrics(file);
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

/** The training settings of a run section, as train() takes them. */
function trainOptions(run: ResolvedRun, initialWeights?: NamedWeights): TrainOptions {
  const t = run.training;
  return {
    epochs: t.epochs,
    batchSize: t.batchSize,
    learningRate: t.learningRate,
    schedule: t.schedule,
    seed: t.seed,
    ...(t.divergence !== undefined ? { divergence: t.divergence } : {}),
    ...(initialWeights ? { initialWeights } : {}),
  };
}

interface Start {
  run: ResolvedRun;
  /** the graph compiled for the data's shape, every weight and checkpoint already matched against it */
  plan: Plan;
  /** a live-edited run's recorded edits (run.edits), replayed at their steps */
  edits: ReplayedEdit[];
  ds: Dataset;
  /** the dataset split as training packs it, when it was made already */
  split?: SplitData;
  /** run.json as written when the run started or resumed */
  record: RunRecord;
  initialWeights?: NamedWeights;
  /** without a checkpoint (stopped in epoch 1) the run starts again from epoch 1 */
  resume?: { checkpoint?: Checkpoint; metrics: RunMetrics };
}

/**
 * The training itself. Metrics and a checkpoint are written after every epoch, so an interrupted
 * run loses at most the epoch in progress and `--resume` continues it. run.json records when the
 * run started and finished, so the overlap of parallel runs can be seen.
 */
async function trainInFolder(o: RunOptions, emit: Emit, signal: AbortSignal, start: Start): Promise<RunMetrics> {
  const { dir } = o;
  const { run, plan } = start;
  const split = start.split ?? datasetSplit(start.ds);
  const t = run.training;
  const metrics: RunMetrics = start.resume?.metrics ?? { graph: run.doc.name, status: 'running', epochs: [], timings: [], swaps: [] };
  metrics.status = 'running';
  const save = () => {
    writeRunMetrics(join(dir, runFiles.metrics), metrics);
    writeFileAtomic(join(dir, runFiles.csv), metricsCsv(metrics.epochs));
  };
  const events = train(plan, split, {
    ...trainOptions(run, start.initialWeights),
    ...(start.resume?.checkpoint ? { resume: start.resume.checkpoint } : {}),
    ...(start.edits.length ? { edits: start.edits } : {}),
  });
  let finalWeights: NamedWeights | undefined;
  let finalStep = 0;
  const handle = (e: TrainEvent) => {
    if (e.type === 'epoch') {
      const { type: _t, seconds, ...numbers } = e;
      metrics.epochs.push(numbers);
      metrics.timings.push({ epoch: e.epoch, seconds });
    } else if (e.type === 'evaluation') {
      writeRunEvaluation(join(dir, runFiles.evaluation), { epoch: e.epoch, errorsPercent: Array.from(e.errors), histogram: e.histogram });
    } else if (e.type === 'checkpoint') {
      // The checkpoint carries metrics.json's rows up to its epoch, so a kill before save() loses nothing.
      const { epochs, timings, swaps } = metrics;
      const file = join(dir, runFiles.checkpoints, checkpointFile(e.checkpoint.epoch));
      writeJson(file, {
        ...checkpointHeader,
        ...e.checkpoint,
        metrics: { epochs, timings, swaps },
      });
      faultPoint('after-checkpoint-write');
      save();
      pruneCheckpoints(join(dir, runFiles.checkpoints), metrics, o.keepCheckpoints ?? DEFAULT_KEEP_CHECKPOINTS);
      return emit({ type: 'checkpoint', epoch: e.checkpoint.epoch, epochs: t.epochs, file });
    } else if (e.type === 'swap') {
      // A replayed edit (run.edits), recorded where it took effect as the editor records a live one.
      if (!e.refused) metrics.swaps.push({ epoch: e.epoch, step: e.step, note: e.note });
    } else if (e.type === 'done') {
      finalWeights = e.weights;
      finalStep = e.step;
      return;
    } else if (e.type === 'error') {
      metrics.status = 'error';
      metrics.error = { epoch: e.epoch, step: e.step, ...(e.term ? { term: e.term } : {}), message: e.message };
    }
    emit(e);
  };
  const started = performance.now();
  await consume(events, handle, signal, () => {
    metrics.status = 'interrupted';
    save();
    return new RunInterrupted(dir, `interrupted after epoch ${metrics.epochs.length}; continue with --resume ${dir}`);
  });
  if ((metrics.status as RunMetrics['status']) === 'error') {
    save();
    const kept = metrics.epochs.length
      ? `the last good checkpoint is ${join(dir, runFiles.checkpoints, checkpointFile(metrics.epochs.length))}`
      : 'no epoch had finished, so there is no checkpoint';
    throw new RunDiverged(dir, `${dir}: training stopped at ${metrics.error!.message}; ${kept}`);
  }
  metrics.status = 'done';
  metrics.totalSeconds = (metrics.totalSeconds ?? 0) + (performance.now() - started) / 1000;
  writeFileAtomic(join(dir, runFiles.weights), `${weightsText(finalWeights!)}\n`);
  // The weights are those of the graph the run ended with: a replayed edit may have changed their shapes.
  const { artifacts, layersModel } = await mainNetArtifacts(planAtStep(plan, start.edits, finalStep).plan, finalWeights!);
  writeModel(dir, artifacts);
  metrics.model = layersModel ? 'tf.LayersModel' : 'weights only';
  save();
  writeRunRecord(dir, { ...start.record, finishedAt: new Date().toISOString() });
  return metrics;
}

/** Runs the stream to its end; an abort unsubscribes (freeing every tensor) and rejects. */
function consume(
  events: Observable<TrainEvent>,
  handle: (e: TrainEvent) => void,
  signal: AbortSignal,
  onInterrupt: () => Error,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let sub: Subscription | undefined;
    const interrupt = () => {
      done();
      sub?.unsubscribe();
      reject(onInterrupt());
    };
    const done = () => signal.removeEventListener('abort', interrupt);
    if (signal.aborted) return interrupt();
    signal.addEventListener('abort', interrupt, { once: true });
    sub = events.subscribe({
      // A failed write in a handler (a full disk) ends the run with that error, not as an unhandled throw.
      next: (e) => {
        try {
          handle(e);
        } catch (err) {
          done();
          sub?.unsubscribe();
          reject(err);
        }
      },
      error: (e) => {
        done();
        reject(e);
      },
      complete: () => {
        done();
        resolvePromise();
      },
    });
  });
}

/**
 * A finished run folder as `evaluate` and `predict` read it: its graph, its final weights and the
 * dataset it is scored on. A run trained on a dataset file is scored on that file unless `data`
 * names another; generated data is regenerated with the settings run.json records.
 */
export function openFinishedRun(dir: string, data?: string) {
  if (!runExists(dir)) throw new InputError('RUNDIR', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const record = readRunRecord(dir);
  if (!record && data === undefined)
    throw new InputError(
      'RUNDIR',
      `${dir} has no ${runFiles.run}, so the data the run trained on cannot be known; name the dataset to score it on with --data FILE`,
    );
  const weights = readRunWeights(dir);
  const found = recordedData({ ...doc, run: doc.run }, record, data);
  // Scoring on other data than the run trained on is allowed, but said.
  const note = found.differs
    ? `${dir}: ${found.differs}${found.settings ? ` (regenerated with hold "${found.settings.hold}")` : ''}`
    : undefined;
  return { doc, graphFile, weights, dataFile: found.file, ds: found.ds, sha256: found.sha256, ...(note ? { note } : {}) };
}

const DEFAULT_KEEP_CHECKPOINTS = 2;

/** Deletes the checkpoints checkpointsToPrune names, after the newest one and metrics.json are safely written. */
function pruneCheckpoints(folder: string, metrics: RunMetrics, keep: number): void {
  const epochs = readdirSync(folder)
    .map((f) => /^epoch-(\d+)\.json$/.exec(f))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]));
  const errors = new Map(metrics.epochs.map((e) => [e.epoch, e.testErrorPercent]));
  for (const e of checkpointsToPrune(epochs, errors, keep)) rmSync(join(folder, checkpointFile(e)), { force: true });
}
