import { basename, join, resolve } from 'node:path';
import { RUN_DEFAULTS, type RunSection } from '../../graph';
import type { RunMetrics } from '../../train/metrics';
import { InputError } from '../../util/inputError';
import { type BackendName, useBackend } from '../backend';
import { readJson } from '../files';
import { readGraphFile } from '../graphFiles';
import { copySubgraphs, createRunFolder, latestCheckpoint, readRunWeights, runFiles } from '../runFolder';
import { type RunnableGraph, runExists, runTraining, versions } from '../runTraining';

export interface TrainFlags {
  count?: number;
  epochs?: number;
  seed?: number;
  batch?: number;
  lr?: number;
  init?: string;
  out?: string;
  resume?: string;
  backend: BackendName;
  label?: string;
  /** train on this dataset file instead of generating the run section's data */
  data?: string;
}

/** The run section with the flags applied; one --seed drives the data and the training. */
function withRunSettings(run: RunSection | undefined, f: Omit<TrainFlags, 'backend' | 'out' | 'resume' | 'data'>): RunSection {
  // Only what the document leaves open is filled from the defaults; count stays implicit as written.
  const data = { seed: RUN_DEFAULTS.data.seed, rule: RUN_DEFAULTS.data.rule, ...run?.data };
  const training = { ...RUN_DEFAULTS.training, ...run?.training };
  return {
    data: { ...data, ...(f.count !== undefined ? { count: f.count } : {}), ...(f.seed !== undefined ? { seed: f.seed } : {}) },
    training: {
      ...training,
      ...(f.epochs !== undefined ? { epochs: f.epochs } : {}),
      ...(f.batch !== undefined ? { batchSize: f.batch } : {}),
      ...(f.lr !== undefined ? { learningRate: f.lr } : {}),
      ...(f.seed !== undefined ? { seed: f.seed } : {}),
    },
    ...(f.init !== undefined ? { init: f.init } : run?.init !== undefined ? { init: run.init } : {}),
  };
}

export async function trainCommand(graph: string | undefined, flags: TrainFlags): Promise<void> {
  const metrics = await trainCommandQuiet(graph, flags);
  const last = metrics.epochs[metrics.epochs.length - 1];
  process.stdout.write(
    `${JSON.stringify(
      {
        dir: flags.resume ?? flags.out,
        status: metrics.status,
        epochs: metrics.epochs.length,
        final: last,
        totalSeconds: metrics.totalSeconds,
      },
      null,
      2,
    )}\n`,
  );
}

/** A run without the summary on stdout, for `reproduce`. */
export async function trainCommandQuiet(graph: string | undefined, flags: TrainFlags): Promise<RunMetrics> {
  await useBackend(flags.backend);
  return flags.resume ? resumeRun(flags) : newRun(graph, flags);
}

async function newRun(graph: string | undefined, flags: TrainFlags): Promise<RunMetrics> {
  if (!graph) throw new InputError('GRAPH', 'is missing: give a graph file, or --resume DIR');
  if (flags.data && flags.count !== undefined)
    throw new InputError('--count', 'does not apply with --data: the dataset file fixes the sequences');
  const { doc } = readGraphFile(graph);
  const run = withRunSettings(doc.run, flags);
  const ran: RunnableGraph = { ...doc, run };
  const dir = (flags.out ??= join('runs', basename(graph).replace(/\.json$/, '')));
  const initialWeights = run.init ? readRunWeights(resolve(run.init)) : undefined;
  createRunFolder(dir);
  copySubgraphs(ran, graph, dir);
  return runTraining({
    ...(flags.label ? { label: flags.label } : {}),
    doc: ran,
    graphFile: graph,
    dir,
    backend: flags.backend,
    ...(initialWeights ? { initialWeights } : {}),
    ...(flags.data ? { dataFile: flags.data } : {}),
    provenance: { graphFile: graph, ...(run.init ? { init: run.init } : {}), versions: versions(flags.backend) },
  });
}

async function resumeRun(flags: TrainFlags): Promise<RunMetrics> {
  const dir = flags.resume!;
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
  const dataFile = (provenance.dataset as { file?: string } | undefined)?.file;
  return runTraining({
    doc: { ...doc, run: doc.run },
    ...(dataFile ? { dataFile } : {}),
    graphFile,
    dir,
    backend: flags.backend,
    resume: { checkpoint, metrics },
    provenance,
  });
}
