import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RUN_DEFAULTS, type RunSection, resolveDataConfig, validateGraph } from '../../graph';
import type { RunMetrics } from '../../train/metrics';
import { InputError } from '../../util/inputError';
import { type BackendName, useBackend } from '../backend';
import { newestUsableCheckpoint, recoveredMetrics } from '../checkpoints';
import { oneLine } from '../cleanText';
import { readJson } from '../files';
import { GraphFileRefused, readGraphFile } from '../graphFiles';
import { planForRun, requireDatasetFits, requireMatchingWeights } from '../preflight';
import { copySubgraphs, createRunFolder, readRunWeights, runFiles } from '../runFolder';
import { acquireRunLock } from '../runLock';
import { type RunnableGraph, runExists, runTraining, versions } from '../runTraining';

export interface TrainFlags {
  count?: number;
  epochs?: number;
  seed?: number;
  batch?: number;
  lr?: number;
  divergence?: number;
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
      ...(f.divergence !== undefined ? { divergence: f.divergence } : {}),
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
  // Everything is checked before the folder exists: a refusal leaves nothing to clean up.
  const settings = validateGraph(ran, graph);
  if (settings.length)
    throw new GraphFileRefused(
      settings.map((e) => e.message),
      graph,
    );
  const plan = planForRun(ran, graph);
  requireDatasetFits(resolveDataConfig(run.data).count, plan.data.samples, plan.data.maxJumps, '--count');
  const initialWeights = run.init ? readRunWeights(resolve(run.init)) : undefined;
  if (initialWeights) requireMatchingWeights(plan, initialWeights, join(resolve(run.init!), runFiles.weights));
  const fresh = !existsSync(dir);
  createRunFolder(dir);
  const release = acquireRunLock(dir);
  try {
    const placed = copySubgraphs(ran, graph, dir);
    return await runTraining({
      ...(flags.label ? { label: flags.label } : {}),
      doc: placed,
      // compiled from the folder, where its sub-graphs now are
      graphFile: join(dir, runFiles.graph),
      dir,
      backend: flags.backend,
      ...(initialWeights ? { initialWeights } : {}),
      ...(flags.data ? { dataFile: flags.data } : {}),
      provenance: { graphFile: graph, ...(run.init ? { init: run.init } : {}), versions: versions(flags.backend) },
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

async function resumeRun(flags: TrainFlags): Promise<RunMetrics> {
  const dir = flags.resume!;
  if (!runExists(dir)) throw new InputError('--resume', `${dir} is not a run folder (no ${runFiles.graph})`);
  acquireRunLock(dir);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const ran: RunnableGraph = { ...doc, run: doc.run };
  const plan = planForRun(ran, graphFile);
  const provenance = readJson(join(dir, runFiles.run)) as Record<string, unknown>;
  const onDisk = readMetrics(join(dir, runFiles.metrics));
  if (onDisk?.status === 'done') throw new InputError('--resume', `${dir} has already finished all its epochs`);
  const found = newestUsableCheckpoint(dir, runFiles.checkpoints, plan);
  for (const why of found?.skipped ?? []) process.stderr.write(`slidegraph: note: passed over ${oneLine(why)}\n`);
  // Keep the epochs the checkpoint covers (from the checkpoint itself when metrics.json lags);
  // the epoch that was in progress is trained again. No checkpoint: epoch 1 starts again.
  const metrics = recoveredMetrics(found, onDisk, doc.name);
  const init = found ? undefined : doc.run.init;
  const initialWeights = init ? readRunWeights(resolve(init)) : undefined;
  if (initialWeights) requireMatchingWeights(plan, initialWeights, join(resolve(init!), runFiles.weights));
  const dataFile = (provenance.dataset as { file?: string } | undefined)?.file;
  return runTraining({
    doc: ran,
    ...(dataFile ? { dataFile } : {}),
    graphFile,
    dir,
    backend: flags.backend,
    ...(initialWeights ? { initialWeights } : {}),
    resume: { ...(found ? { checkpoint: found.checkpoint } : {}), metrics },
    provenance,
  });
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
