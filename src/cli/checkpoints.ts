import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../compile/plan';
import type { RunMetrics } from '../train/metrics';
import type { Checkpoint, NamedWeights } from '../train/types';
import { optimizerMismatch, weightsMismatch } from '../train/weightCheck';
import { namedWeights } from '../train/weightsFile';
import { InputError } from '../util/inputError';
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

function weightsAt(value: unknown, file: string, field: string): NamedWeights {
  const w = namedWeights(value);
  if (typeof w === 'string') throw new InputError(field, w, file);
  return w;
}

/** Reads one checkpoint file; throws an InputError naming the file and the field when it is not usable. */
function readCheckpointFile(file: string, plan?: Plan): { checkpoint: Checkpoint; metrics?: CheckpointMetrics } {
  const raw = readJson(file) as {
    epoch?: unknown;
    step?: unknown;
    weights?: unknown;
    optimizer?: { step?: unknown; m?: unknown; v?: unknown };
    metrics?: CheckpointMetrics;
  };
  if (!Number.isInteger(raw?.epoch) || !Number.isInteger(raw.step) || !raw.optimizer || !Number.isInteger(raw.optimizer.step)) {
    throw new InputError('checkpoint', 'is not a Slidegraph checkpoint (epoch, step, weights, optimizer)', file);
  }
  const checkpoint: Checkpoint = {
    epoch: raw.epoch as number,
    step: raw.step as number,
    weights: weightsAt(raw.weights, file, 'weights'),
    optimizer: {
      step: raw.optimizer.step as number,
      m: weightsAt(raw.optimizer.m ?? {}, file, 'optimizer.m'),
      v: weightsAt(raw.optimizer.v ?? {}, file, 'optimizer.v'),
    },
  };
  if (plan) {
    const wrong = weightsMismatch(plan, checkpoint.weights) ?? optimizerMismatch(plan, checkpoint.optimizer);
    if (wrong) throw new InputError('checkpoint', wrong, file);
  }
  const m = raw.metrics;
  const metrics = m && Array.isArray(m.epochs) && Array.isArray(m.timings) && Array.isArray(m.swaps) ? m : undefined;
  return metrics ? { checkpoint, metrics } : { checkpoint };
}

/**
 * The newest checkpoint that loads and fits the graph. A torn or damaged newer file (a kill or
 * a full disk while it was written by an older Slidegraph, a disk fault) is passed over with its
 * reason, so one bad file never strands a run whose earlier checkpoint is intact.
 */
export function newestUsableCheckpoint(dir: string, folder: string, plan?: Plan): UsableCheckpoint | undefined {
  const path = join(dir, folder);
  if (!existsSync(path)) return undefined;
  const files = readdirSync(path)
    .filter(isEpochFile)
    .sort((a, b) => epochOf(b) - epochOf(a));
  const skipped: string[] = [];
  for (const f of files) {
    const file = join(path, f);
    try {
      return { ...readCheckpointFile(file, plan), file, skipped };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      skipped.push(e.message);
    }
  }
  if (skipped.length) throw new InputError('--resume', `no checkpoint in ${path} can be used: ${skipped.join('; ')}`);
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
