import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Observable, Subscription } from 'rxjs';
import type { Resolver } from '../compile/expand';
import { type ResolvedDataConfig, serializeGraph } from '../graph';
import { type Dataset, dataConfig, generateDataset } from '../physics/dataset';
import { datasetJsonChunks, parseDataset } from '../physics/datasetFile';
import { type ResolvedRun, type RunnableGraph, resolveRun } from '../run/runSpec';
import { datasetSplit } from '../train/data';
import { mainNetArtifacts } from '../train/exportMainNet';
import { metricsCsv, type RunMetrics } from '../train/metrics';
import { train } from '../train/train';
import type { Checkpoint, NamedWeights, TrainEvent } from '../train/types';
import { weightsText } from '../train/weightsFile';
import { InputError } from '../util/inputError';
import { writeFileAtomic } from './atomicWrite';
import { type BackendName, useBackend } from './backend';
import { newestUsableCheckpoint, recoveredMetrics } from './checkpoints';
import { oneLine } from './cleanText';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from './fail';
import { faultPoint } from './faults';
import { readJson } from './files';
import { compileGraphDoc, fileResolver, readGraphFile } from './graphFiles';
import { packageVersion } from './packageRoot';
import { requireDatasetFits, requireMatchingWeights } from './preflight';
import { type Progress, progressBar } from './progress';
import { checkpointFile, copySubgraphs, createRunFolder, readRunWeights, runFiles, writeJson, writeModel } from './runFolder';
import { acquireRunLock } from './runLock';

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
  /** label on the progress bar */
  label?: string;
  /** a dataset file (`data` or `import` wrote it) to train on instead of the run section's data */
  dataFile?: string;
  /** called after every epoch, e.g. to report progress to a parent process */
  onEpoch?: (epoch: number, epochs: number) => void;
}

export function datasetHash(ds: Dataset): string {
  const hash = createHash('sha256');
  for (const chunk of datasetJsonChunks(ds)) hash.update(chunk);
  return hash.digest('hex');
}

export function datasetOf(data: ResolvedDataConfig): Dataset {
  return generateDataset(dataConfig(data));
}

/** The dataset a run trains on: a dataset file when one is given, else the run section's. */
function runDataset(doc: RunnableGraph, dataFile?: string): Dataset {
  return dataFile ? parseDataset(readJson(dataFile), dataFile) : datasetOf(resolveRun(doc).data);
}

export function versions(backend: BackendName): Record<string, string> {
  return { slidegraph: packageVersion, tfjs: tf.version.tfjs, node: process.version, backend };
}

function runExists(dir: string): boolean {
  return existsSync(join(dir, runFiles.graph));
}

/** Trains a prepared run into a new run folder: graph.json (with its sub-graphs) reruns it alone. */
export async function runInto(p: PreparedRun, o: RunOptions): Promise<RunMetrics> {
  const { dir } = o;
  await useBackend(o.backend);
  // Everything is checked before the folder exists: a refusal leaves nothing to clean up.
  // (With a dataset file its shape is known only once it is read, in trainInFolder.)
  const plan = o.dataFile ? undefined : planFor(p);
  if (!o.dataFile) requireDatasetFits(p.run.data.count, plan!.data.samples, plan!.data.maxJumps, '--count');
  const initialWeights = p.run.init ? readRunWeights(p.run.init) : undefined;
  if (initialWeights && plan) requireMatchingWeights(plan, initialWeights, join(p.run.init!, runFiles.weights));
  const fresh = !existsSync(dir);
  createRunFolder(dir);
  const release = acquireRunLock(dir);
  try {
    // Sub-graphs are copied in (references that leave the folder rewritten), and the run is
    // compiled from the folder, where they now are.
    const doc = copySubgraphs(p.run.doc, p.graphFile, dir, p.resolve);
    const graphFile = join(dir, runFiles.graph);
    writeFileAtomic(graphFile, serializeGraph(doc));
    const provenance = { ...o.provenance, ...(p.run.init ? { init: p.run.init } : {}), versions: versions(o.backend) };
    return await trainInFolder({ run: { ...p.run, doc }, graphFile, resolve: fileResolver }, o, {
      provenance,
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
  }
}

/** The plan a run will train, compiled for its data's shape without generating the data. */
function planFor(p: PreparedRun) {
  const c = dataConfig(p.run.data);
  return compileGraphDoc(p.run.doc, p.graphFile, { data: { samples: c.samples, maxJumps: c.maxJumps } }, p.resolve);
}

/** Continues an interrupted run folder from its last checkpoint. */
export async function resumeRun(o: RunOptions): Promise<RunMetrics> {
  const { dir } = o;
  if (!runExists(dir)) throw new InputError('--resume', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  acquireRunLock(dir);
  // run.json is missing only when a kill fell right after graph.json was written; it is written again.
  const provenance = existsSync(join(dir, runFiles.run)) ? (readJson(join(dir, runFiles.run)) as Record<string, unknown>) : {};
  const onDisk = readMetrics(join(dir, runFiles.metrics));
  if (onDisk?.status === 'done') throw new InputError('--resume', `${dir} has already finished all its epochs`);
  const dataFile = (provenance.dataset as { file?: string } | undefined)?.file;
  const prepared: PreparedRun = { run: resolveRun(doc), graphFile, resolve: fileResolver };
  // Checkpoints are checked against the graph (with a dataset file, against its own shape in trainInFolder).
  const plan = dataFile ? undefined : planFor(prepared);
  const found = newestUsableCheckpoint(dir, runFiles.checkpoints, plan);
  for (const why of found?.skipped ?? []) process.stderr.write(`slidegraph: note: passed over ${oneLine(why)}\n`);
  // Keep the epochs the checkpoint covers (from the checkpoint itself when metrics.json lags);
  // the epoch that was in progress is trained again. No checkpoint: epoch 1 starts again.
  const metrics = recoveredMetrics(found, onDisk, doc.name);
  const init = found ? undefined : prepared.run.init;
  const initialWeights = init ? readRunWeights(init) : undefined;
  if (initialWeights && plan) requireMatchingWeights(plan, initialWeights, join(init!, runFiles.weights));
  await useBackend(o.backend);
  return trainInFolder(
    prepared,
    { ...o, ...(dataFile ? { dataFile } : {}) },
    {
      provenance,
      ...(initialWeights ? { initialWeights } : {}),
      resume: { ...(found ? { checkpoint: found.checkpoint } : {}), metrics },
    },
  );
}

/** metrics.json, or undefined when it is missing or damaged (the checkpoints then tell the story). */
function readMetrics(file: string): RunMetrics | undefined {
  try {
    const m = readJson(file) as RunMetrics;
    return Array.isArray(m?.epochs) && Array.isArray(m.timings) && Array.isArray(m.swaps) ? m : undefined;
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

interface Start {
  provenance: Record<string, unknown>;
  initialWeights?: NamedWeights;
  /** without a checkpoint (stopped in epoch 1) the run starts again from epoch 1 */
  resume?: { checkpoint?: Checkpoint; metrics: RunMetrics };
}

/**
 * The training itself. Metrics and a checkpoint are written after every epoch, so an interrupted
 * run loses at most the epoch in progress and `--resume` continues it. run.json records when the
 * run started and finished, so the overlap of parallel runs can be seen.
 */
async function trainInFolder(p: PreparedRun, o: RunOptions, start: Start): Promise<RunMetrics> {
  const { dir } = o;
  const { run } = p;
  const ds = runDataset(run.doc, o.dataFile);
  const sha256 = datasetHash(ds);
  const plan = compileGraphDoc(run.doc, p.graphFile, { data: { samples: ds.config.samples, maxJumps: ds.config.maxJumps } }, p.resolve);
  const split = datasetSplit(ds);
  let provenance = start.provenance;
  if (start.resume && provenance.dataset) {
    const was = (provenance.dataset as { sha256?: string } | undefined)?.sha256;
    if (was && was !== sha256)
      throw new InputError(
        'dataset',
        `regenerates with hash ${sha256}, the run was made with ${was}; this Slidegraph cannot resume it exactly`,
        dir,
      );
    provenance = { ...provenance, resumedAt: new Date().toISOString() };
  } else {
    provenance = {
      ...provenance,
      startedAt: new Date().toISOString(),
      dataset: {
        sha256,
        count: ds.sequences.length,
        train: split.train.count,
        test: split.test.count,
        seed: ds.config.seed,
        rule: ds.config.rule,
        ...(o.dataFile ? { file: o.dataFile } : {}),
      },
    };
  }
  writeJson(join(dir, runFiles.run), provenance);
  const t = run.training;
  const metrics: RunMetrics = start.resume?.metrics ?? { graph: run.doc.name, status: 'running', epochs: [], timings: [], swaps: [] };
  metrics.status = 'running';
  const save = () => {
    writeJson(join(dir, runFiles.metrics), metrics);
    writeFileAtomic(join(dir, runFiles.csv), metricsCsv(metrics.epochs));
  };
  const events = train(plan, split, {
    epochs: t.epochs,
    batchSize: t.batchSize,
    learningRate: t.learningRate,
    schedule: t.schedule,
    seed: t.seed,
    ...(t.divergence !== undefined ? { divergence: t.divergence } : {}),
    ...(start.initialWeights ? { initialWeights: start.initialWeights } : {}),
    ...(start.resume?.checkpoint ? { resume: start.resume.checkpoint } : {}),
  });
  let bar: Progress = { update() {}, stop() {} };
  let finalWeights: NamedWeights | undefined;
  const handle = (e: TrainEvent) => {
    if (e.type === 'start') {
      bar.stop();
      bar = progressBar(e.epochs * e.stepsPerEpoch, o.label ?? 'training', 'epoch {epoch} loss {loss}', {
        epoch: e.fromEpoch + 1,
        loss: '-',
      });
      bar.update(e.fromEpoch * e.stepsPerEpoch);
    } else if (e.type === 'batch') bar.update(e.step, { epoch: e.epoch, loss: e.losses.total.toPrecision(4) });
    else if (e.type === 'epoch') {
      const { type: _t, seconds, ...numbers } = e;
      metrics.epochs.push(numbers);
      metrics.timings.push({ epoch: e.epoch, seconds });
    } else if (e.type === 'evaluation') {
      writeJson(join(dir, runFiles.evaluation), { epoch: e.epoch, errorsPercent: e.errors, histogram: e.histogram });
    } else if (e.type === 'checkpoint') {
      // The checkpoint carries metrics.json's rows up to its epoch, so a kill before save() loses nothing.
      const { epochs, timings, swaps } = metrics;
      writeJson(join(dir, runFiles.checkpoints, checkpointFile(e.checkpoint.epoch)), {
        ...e.checkpoint,
        metrics: { epochs, timings, swaps },
      });
      faultPoint('after-checkpoint-write');
      save();
      o.onEpoch?.(e.checkpoint.epoch, t.epochs);
    } else if (e.type === 'done') finalWeights = e.weights;
    else if (e.type === 'error') {
      metrics.status = 'error';
      metrics.error = { epoch: e.epoch, step: e.step, ...(e.term ? { term: e.term } : {}), message: e.message };
    }
  };
  const started = performance.now();
  try {
    await consume(events, handle, () => {
      metrics.status = 'interrupted';
      save();
      return new CliExit(EXIT_INTERRUPTED, `interrupted after epoch ${metrics.epochs.length}; continue with --resume ${dir}`);
    });
  } finally {
    bar.stop();
  }
  if ((metrics.status as RunMetrics['status']) === 'error') {
    save();
    const kept = metrics.epochs.length
      ? `the last good checkpoint is ${join(dir, runFiles.checkpoints, checkpointFile(metrics.epochs.length))}`
      : 'no epoch had finished, so there is no checkpoint';
    throw new CliExit(EXIT_DIVERGED, `${dir}: training stopped at ${metrics.error!.message}; ${kept}`);
  }
  metrics.status = 'done';
  metrics.totalSeconds = (metrics.totalSeconds ?? 0) + (performance.now() - started) / 1000;
  writeFileAtomic(join(dir, runFiles.weights), `${weightsText(finalWeights!)}\n`);
  const { artifacts, layersModel } = await mainNetArtifacts(plan, finalWeights!);
  writeModel(dir, artifacts);
  metrics.model = layersModel ? 'tf.LayersModel' : 'weights only';
  save();
  writeJson(join(dir, runFiles.run), { ...provenance, finishedAt: new Date().toISOString() });
  return metrics;
}

/** Runs the stream to its end; Ctrl-C unsubscribes (freeing every tensor) and rejects. */
function consume(events: Observable<TrainEvent>, handle: (e: TrainEvent) => void, onInterrupt: () => Error): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let sub: Subscription | undefined;
    const interrupt = () => {
      done();
      sub?.unsubscribe();
      reject(onInterrupt());
    };
    // SIGTERM too: that is how Slurm (scancel, a time limit) and a sweep's parent stop a run.
    const done = () => {
      process.removeListener('SIGINT', interrupt);
      process.removeListener('SIGTERM', interrupt);
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
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
 * names another.
 */
export function openFinishedRun(dir: string, data?: string) {
  if (!runExists(dir)) throw new InputError('RUNDIR', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const weights = readRunWeights(dir);
  const trainedOn = (readJson(join(dir, runFiles.run)) as { dataset?: { file?: string } }).dataset?.file;
  const dataFile = data ?? trainedOn;
  const ds = runDataset({ ...doc, run: doc.run }, dataFile);
  return { doc, graphFile, weights, dataFile, ds };
}
