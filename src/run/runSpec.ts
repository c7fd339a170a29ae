import {
  type DataConfig,
  type GraphDocument,
  type ResolvedDataConfig,
  RUN_DEFAULTS,
  type RunSection,
  resolveDataConfig,
  type TrainingConfig,
} from '../graph';

/**
 * The one run specification: a graph document, its run section and what the caller changes
 * (flags, a sweep point, a reproduce stage) become one resolved run. The CLI's train, evaluate,
 * reproduce and sweep and the editor's worker all read their settings from here, so a setting
 * cannot mean one thing on the command line and another in the editor.
 */

export type RunnableGraph = GraphDocument & { run: RunSection };

/** Part of a run section; patches apply in order, later ones win. */
export interface RunPatch {
  data?: Partial<DataConfig>;
  training?: Partial<TrainingConfig>;
  init?: string;
}

/** The settings `train` and `reproduce` take as flags. */
export interface RunFlags {
  count?: number;
  epochs?: number;
  seed?: number;
  batch?: number;
  lr?: number;
  divergence?: number;
  init?: string;
}

/** Flags as a patch: one seed drives the data, the initialisation and the shuffling. */
export function flagsPatch(f: RunFlags): RunPatch {
  const pick = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    data: pick({ count: f.count, seed: f.seed }),
    training: pick({ epochs: f.epochs, batchSize: f.batch, learningRate: f.lr, seed: f.seed, divergence: f.divergence }),
    ...(f.init !== undefined ? { init: f.init } : {}),
  };
}

/**
 * A complete run section: what the document leaves open comes from the paper's defaults, then
 * the patches apply. The data count stays implicit when nothing sets it, as the file wrote it.
 */
export function completeRun(run: RunSection | undefined, ...patches: RunPatch[]): RunSection {
  let data: DataConfig = { seed: RUN_DEFAULTS.data.seed, rule: RUN_DEFAULTS.data.rule, ...run?.data };
  let training: TrainingConfig = { ...RUN_DEFAULTS.training, ...run?.training };
  let init = run?.init;
  for (const p of patches) {
    data = { ...data, ...p.data };
    training = { ...training, ...p.training };
    if (p.init !== undefined) init = p.init;
  }
  // A live-edited run's edits stay with it: train replays them (src/graph/patch.ts).
  return { data, training, ...(init !== undefined ? { init } : {}), ...(run?.edits ? { edits: run.edits } : {}) };
}

/** The seed of initialisation and shuffling: the training seed, else the data seed. */
export function trainingSeed(run: RunSection): number {
  return run.training.seed ?? run.data.seed;
}

/** Everything a run needs besides the graph's blocks, with every default filled in. */
export interface ResolvedRun {
  /** the document as the run folder's graph.json holds it */
  doc: RunnableGraph;
  data: ResolvedDataConfig;
  training: Required<Omit<TrainingConfig, 'optimizer' | 'seed' | 'divergence'>> & { seed: number; divergence?: number };
  init?: string;
}

export function resolveRun(doc: GraphDocument, ...patches: RunPatch[]): ResolvedRun {
  const run = completeRun(doc.run, ...patches);
  const t = run.training;
  return {
    doc: { ...doc, run },
    data: resolveDataConfig(run.data),
    training: {
      epochs: t.epochs,
      batchSize: t.batchSize,
      learningRate: t.learningRate,
      seed: trainingSeed(run),
      schedule: t.schedule ?? { type: 'constant' },
      ...(t.divergence !== undefined ? { divergence: t.divergence } : {}),
    },
    ...(run.init !== undefined ? { init: run.init } : {}),
  };
}
