import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
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
import { type BackendName, useBackend } from './backend';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from './fail';
import { readJson } from './files';
import { compileGraphDoc, fileResolver, readGraphFile } from './graphFiles';
import { packageVersion } from './packageRoot';
import { type Progress, progressBar } from './progress';
import {
  checkpointFile,
  copySubgraphs,
  createRunFolder,
  latestCheckpoint,
  readRunWeights,
  runFiles,
  writeJson,
  writeModel,
} from './runFolder';

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
export function runDataset(doc: RunnableGraph, dataFile?: string): Dataset {
  return dataFile ? parseDataset(readJson(dataFile), dataFile) : datasetOf(resolveRun(doc).data);
}

export function versions(backend: BackendName): Record<string, string> {
  return { slidegraph: packageVersion, tfjs: tf.version.tfjs, node: process.version, backend };
}

export function runExists(dir: string): boolean {
  return existsSync(join(dir, runFiles.graph));
}

/** Trains a prepared run into a new run folder: graph.json (with its sub-graphs) reruns it alone. */
export async function runInto(p: PreparedRun, o: RunOptions): Promise<RunMetrics> {
  await useBackend(o.backend);
  const initialWeights = p.run.init ? readRunWeights(p.run.init) : undefined;
  createRunFolder(o.dir);
  copySubgraphs(p.run.doc, p.graphFile, o.dir, p.resolve);
  writeFileSync(join(o.dir, runFiles.graph), serializeGraph(p.run.doc));
  const provenance = { ...o.provenance, ...(p.run.init ? { init: p.run.init } : {}), versions: versions(o.backend) };
  return trainInFolder(p, o, { provenance, ...(initialWeights ? { initialWeights } : {}) });
}

/** Continues an interrupted run folder from its last checkpoint. */
export async function resumeRun(o: RunOptions): Promise<RunMetrics> {
  const { dir } = o;
  if (!runExists(dir)) throw new InputError('--resume', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const provenance = readJson(join(dir, runFiles.run)) as Record<string, unknown>;
  const metrics = readJson(join(dir, runFiles.metrics)) as RunMetrics;
  const checkpoint = latestCheckpoint(dir);
  if (!checkpoint) throw new InputError('--resume', `${dir} has no checkpoint yet; start it again instead`);
  if (metrics.status === 'done') throw new InputError('--resume', `${dir} has already finished all its epochs`);
  // Keep the epochs the checkpoint covers; the epoch that was in progress is trained again.
  metrics.epochs = metrics.epochs.filter((e) => e.epoch <= checkpoint.epoch);
  metrics.timings = metrics.timings.filter((e) => e.epoch <= checkpoint.epoch);
  await useBackend(o.backend);
  const dataFile = (provenance.dataset as { file?: string } | undefined)?.file;
  return trainInFolder(
    { run: resolveRun(doc), graphFile, resolve: fileResolver },
    { ...o, ...(dataFile ? { dataFile } : {}) },
    {
      provenance,
      resume: { checkpoint, metrics },
    },
  );
}

interface Start {
  provenance: Record<string, unknown>;
  initialWeights?: NamedWeights;
  resume?: { checkpoint: Checkpoint; metrics: RunMetrics };
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
  if (start.resume) {
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
    writeFileSync(join(dir, runFiles.csv), metricsCsv(metrics.epochs));
  };
  const events = train(plan, split, {
    epochs: t.epochs,
    batchSize: t.batchSize,
    learningRate: t.learningRate,
    schedule: t.schedule,
    seed: t.seed,
    ...(start.initialWeights ? { initialWeights: start.initialWeights } : {}),
    ...(start.resume ? { resume: start.resume.checkpoint } : {}),
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
      writeJson(join(dir, runFiles.checkpoints, checkpointFile(e.checkpoint.epoch)), e.checkpoint);
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
  writeFileSync(join(dir, runFiles.weights), `${weightsText(finalWeights!)}\n`);
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
      next: handle,
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
