import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Observable, Subscription } from 'rxjs';
import { type GraphDocument, type RunSection, resolveDataConfig, serializeGraph } from '../graph';
import { type Dataset, dataConfig, generateDataset } from '../physics/dataset';
import { datasetJsonChunks, parseDataset } from '../physics/datasetFile';
import { datasetSplit } from '../train/data';
import { mainNetArtifacts } from '../train/exportMainNet';
import { metricsCsv, type RunMetrics } from '../train/metrics';
import { train } from '../train/train';
import type { Checkpoint, NamedWeights, TrainEvent } from '../train/types';
import { weightsText } from '../train/weightsFile';
import { InputError } from '../util/inputError';
import { writeFileAtomic } from './atomicWrite';
import type { BackendName } from './backend';
import { CliExit } from './fail';
import { faultPoint } from './faults';
import { readJson } from './files';
import { compileGraphDoc } from './graphFiles';
import { type Progress, progressBar } from './progress';
import { checkpointFile, runFiles, writeJson, writeModel } from './runFolder';

const EXIT_DIVERGED = 3;
const EXIT_INTERRUPTED = 130;

export type RunnableGraph = GraphDocument & { run: RunSection };

export interface RunRequest {
  /** the document to run, its run section complete */
  doc: RunnableGraph;
  /** where the document's sub-graphs are found */
  graphFile: string;
  dir: string;
  backend: BackendName;
  initialWeights?: NamedWeights;
  /** continue a run folder; without a checkpoint (stopped in epoch 1) it starts again from epoch 1 */
  resume?: { checkpoint?: Checkpoint; metrics: RunMetrics };
  /** what run.json records as the provenance of this run */
  provenance: Record<string, unknown>;
  /** label on the progress bar */
  label?: string;
  /** a dataset file (`data` or `import` wrote it) to train on instead of the run section's data */
  dataFile?: string;
}

export function datasetHash(ds: Dataset): string {
  const hash = createHash('sha256');
  for (const chunk of datasetJsonChunks(ds)) hash.update(chunk);
  return hash.digest('hex');
}

export function datasetOf(doc: RunnableGraph): Dataset {
  const d = resolveDataConfig(doc.run.data);
  return generateDataset(dataConfig({ count: d.count, seed: d.seed, rule: d.rule, testFraction: d.testFraction }));
}

/** The dataset a run trains on: a dataset file when one is given, else the run section's. */
export function runDataset(doc: RunnableGraph, dataFile?: string): Dataset {
  return dataFile ? parseDataset(readJson(dataFile), dataFile) : datasetOf(doc);
}

export function versions(backend: BackendName): Record<string, string> {
  const require = createRequire(import.meta.url);
  const own = require('../../package.json') as { version: string };
  return { slidegraph: own.version, tfjs: tf.version.tfjs, node: process.version, backend };
}

/**
 * Trains one graph into a run folder. Metrics and a checkpoint are written after every epoch,
 * so an interrupted run loses at most the epoch in progress and `--resume` continues it.
 */
export async function runTraining(req: RunRequest): Promise<RunMetrics> {
  const { doc, dir } = req;
  const ds = runDataset(doc, req.dataFile);
  const sha256 = datasetHash(ds);
  const plan = compileGraphDoc(doc, req.graphFile, { data: { samples: ds.config.samples, maxJumps: ds.config.maxJumps } });
  const split = datasetSplit(ds);
  if (req.resume) {
    const was = (req.provenance.dataset as { sha256?: string } | undefined)?.sha256;
    if (was && was !== sha256)
      throw new InputError(
        'dataset',
        `regenerates with hash ${sha256}, the run was made with ${was}; this Slidegraph cannot resume it exactly`,
        dir,
      );
  } else {
    // run.json first: a folder with graph.json is a run, and a run always has its run.json
    writeJson(join(dir, runFiles.run), {
      ...req.provenance,
      dataset: {
        ...(req.dataFile ? { file: req.dataFile } : {}),
        sha256,
        count: ds.sequences.length,
        train: split.train.count,
        test: split.test.count,
        seed: ds.config.seed,
        rule: ds.config.rule,
      },
    });
    writeFileAtomic(join(dir, runFiles.graph), serializeGraph(doc));
  }
  const t = doc.run.training;
  const metrics: RunMetrics = req.resume?.metrics ?? { graph: doc.name, status: 'running', epochs: [], timings: [], swaps: [] };
  metrics.status = 'running';
  const save = () => {
    writeJson(join(dir, runFiles.metrics), metrics);
    writeFileAtomic(join(dir, runFiles.csv), metricsCsv(metrics.epochs, metrics.swaps));
  };
  const events = train(plan, split, {
    epochs: t.epochs,
    batchSize: t.batchSize,
    learningRate: t.learningRate,
    seed: t.seed ?? doc.run.data.seed,
    ...(t.divergence !== undefined ? { divergence: t.divergence } : {}),
    ...(req.initialWeights ? { initialWeights: req.initialWeights } : {}),
    ...(req.resume?.checkpoint ? { resume: req.resume.checkpoint } : {}),
  });
  let bar: Progress = { update() {}, stop() {} };
  let finalWeights: NamedWeights | undefined;
  const handle = (e: TrainEvent) => {
    if (e.type === 'start') {
      bar.stop();
      bar = progressBar(e.epochs * e.stepsPerEpoch, req.label ?? 'training', 'epoch {epoch} loss {loss}', {
        epoch: e.fromEpoch + 1,
        loss: '-',
      });
      bar.update(e.fromEpoch * e.stepsPerEpoch);
    } else if (e.type === 'batch') bar.update(e.step, { epoch: e.epoch, loss: e.losses.total.toPrecision(4) });
    else if (e.type === 'epoch') {
      metrics.epochs.push({
        epoch: e.epoch,
        step: e.step,
        train: e.train,
        test: e.test,
        testErrorPercent: e.testErrorPercent,
        numTensors: e.numTensors,
      });
      metrics.timings.push({ epoch: e.epoch, seconds: e.seconds });
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
  return metrics;
}

/** Runs the stream to its end; Ctrl-C unsubscribes (freeing every tensor) and rejects. */
function consume(events: Observable<TrainEvent>, handle: (e: TrainEvent) => void, onInterrupt: () => Error): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let sub: Subscription | undefined;
    const interrupt = () => {
      sub?.unsubscribe();
      reject(onInterrupt());
    };
    process.once('SIGINT', interrupt);
    const done = () => process.removeListener('SIGINT', interrupt);
    sub = events.subscribe({
      // A failed write in a handler (a full disk) ends the run with that error, not as an unhandled throw.
      next: (e) => {
        try {
          handle(e);
        } catch (err) {
          sub?.unsubscribe();
          done();
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

export function runExists(dir: string): boolean {
  return existsSync(join(dir, runFiles.graph));
}
