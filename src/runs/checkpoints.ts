import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import checkpointSchema from '../../schema/checkpoint.schema.json' with { type: 'json' };
import weightsSchema from '../../schema/weights.schema.json' with { type: 'json' };
import type { Plan } from '../compile/plan';
import type { RunMetrics } from '../train/metrics';
import type { Checkpoint } from '../train/types';
import { optimizerMismatch, weightsMismatch } from '../train/weightCheck';
import { namedWeights, type PlainTensor } from '../train/weightsFile';
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { NonFiniteValue } from '../util/nonFinite';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';
import { readJson } from './files';

/** What a checkpoint file carries besides the checkpoint: metrics.json's rows up to its epoch. */
type CheckpointMetrics = Pick<RunMetrics, 'epochs' | 'timings' | 'swaps'>;

export interface UsableCheckpoint {
  checkpoint: Checkpoint;
  file: string;
  /** the metrics rows written with it (absent in checkpoints from before they were kept) */
  metrics?: CheckpointMetrics;
  /** newer checkpoint files passed over, each with the reason */
  skipped: string[];
}

const isEpochFile = (f: string) => /^epoch-\d{4,}\.json$/.test(f);
const epochOf = (f: string) => Number(f.slice(6, -5));

/** A checkpoint file as the schema describes it (schema/checkpoint.schema.json). */
export interface CheckpointFile {
  epoch: number;
  step: number;
  weights: Record<string, PlainTensor>;
  optimizer: { step: number; m: Record<string, PlainTensor>; v: Record<string, PlainTensor> };
  metrics?: CheckpointMetrics;
}

export const checkpointHeader = { format: 'slidegraph/checkpoint', version: 1 } as const;

/**
 * Version 0 is a checkpoint from before checkpoints had a format and version. Some of those
 * have no Adam moments: they read as empty, which the optimizer check then refuses after the
 * first step (resuming without them would change the numbers).
 */
export const checkpointFormat: FileFormat = {
  ...checkpointHeader,
  what: 'a Slidegraph checkpoint',
  migrations: [
    stampVersion1(checkpointHeader.format, (doc) => {
      const o = doc.optimizer;
      if (typeof o !== 'object' || o === null || Array.isArray(o)) return doc;
      const { m = {}, v = {} } = o as Record<string, unknown>;
      return { ...doc, optimizer: { ...o, m, v } };
    }),
  ],
  validate: schemaValidator(checkpointSchema, weightsSchema),
};

/** Reads one checkpoint file; throws an InputError naming the file and the field when it is not usable. */
function readCheckpointFile(file: string, planAt?: (step: number) => Plan): { checkpoint: Checkpoint; metrics?: CheckpointMetrics } {
  const raw = readVersioned(readJson(file), file, checkpointFormat) as unknown as CheckpointFile;
  let checkpoint: Checkpoint;
  try {
    checkpoint = {
      epoch: raw.epoch,
      step: raw.step,
      weights: namedWeights(raw.weights),
      optimizer: {
        step: raw.optimizer.step,
        m: namedWeights(raw.optimizer.m, 'optimizer.m'),
        v: namedWeights(raw.optimizer.v, 'optimizer.v'),
      },
    };
  } catch (e) {
    // a weight that overflows makes the checkpoint unusable, like a torn one: an older one is used
    if (e instanceof NonFiniteValue) throw new InputError(e.what, `is ${e.value}, not a finite number`, file);
    throw e instanceof InputError ? e.withSource(file) : e;
  }
  if (planAt) {
    // A live-edited run's checkpoint holds the graph in force at its step, not the one it started from.
    const plan = planAt(checkpoint.step);
    const wrong = weightsMismatch(plan, checkpoint.weights) ?? optimizerMismatch(plan, checkpoint.optimizer);
    if (wrong) throw new InputError('checkpoint', wrong, file);
  }
  return raw.metrics ? { checkpoint, metrics: raw.metrics } : { checkpoint };
}

/**
 * The newest checkpoint that loads and fits the graph. A torn or damaged newer file (a kill or
 * a full disk while it was written by an older Slidegraph, a disk fault) is passed over with its
 * reason, so one bad file never strands a run whose earlier checkpoint is intact.
 */
export function newestUsableCheckpoint(dir: string, folder: string, planAt?: (step: number) => Plan): UsableCheckpoint | undefined {
  const path = join(dir, folder);
  if (!existsSync(path)) return undefined;
  const files = readdirSync(path)
    .filter(isEpochFile)
    .sort((a, b) => epochOf(b) - epochOf(a));
  const skipped: string[] = [];
  for (const f of files) {
    const file = join(path, f);
    try {
      return { ...readCheckpointFile(file, planAt), file, skipped };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      skipped.push(e.message);
    }
  }
  if (skipped.length)
    throw new InputError(
      '--resume',
      `no checkpoint in ${path} can be used (${skipped.join('; ')}); move them away to train the run again from epoch 1 with --resume ${dir}`,
    );
  return undefined;
}

/**
 * metrics.json as the checkpoint says it was: when a kill fell between the checkpoint write and
 * the metrics.json write (or metrics.json is damaged), the rows come from the checkpoint, so a
 * resumed run never skips an epoch. Rows after the checkpoint's epoch are trained again.
 */
export function recoveredMetrics(found: UsableCheckpoint | undefined, onDisk: RunMetrics | undefined, graph: string): RunMetrics {
  const epoch = found?.checkpoint.epoch ?? 0;
  const base: RunMetrics = onDisk ?? { graph, status: 'interrupted', epochs: [], timings: [], swaps: [] };
  const covers = base.epochs.filter((e) => e.epoch <= epoch).length === epoch;
  const rows = covers || !found?.metrics ? base : { ...base, ...found.metrics };
  return {
    ...rows,
    epochs: rows.epochs.filter((e) => e.epoch <= epoch),
    timings: rows.timings.filter((e) => e.epoch <= epoch),
    swaps: rows.swaps.filter((e) => e.epoch <= epoch),
  };
}

/**
 * The checkpoints to delete once `epochs` have been written: all but the newest `keep` and the one
 * with the lowest test error (eq. 15), so a run folder stays small while `--resume` still has a
 * fallback when the newest file is torn. `keep` 0 keeps every checkpoint.
 */
export function checkpointsToPrune(epochs: readonly number[], testError: ReadonlyMap<number, number>, keep: number): number[] {
  if (keep === 0) return [];
  const sorted = [...epochs].sort((a, b) => b - a);
  const kept = new Set(sorted.slice(0, keep));
  let best: number | undefined;
  for (const e of sorted) {
    const err = testError.get(e);
    if (err !== undefined && Number.isFinite(err) && (best === undefined || err < (testError.get(best) ?? Infinity))) best = e;
  }
  if (best !== undefined) kept.add(best);
  return sorted.filter((e) => !kept.has(e)).sort((a, b) => a - b);
}
