import { existsSync, statSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Plan } from '../compile/plan';
import type { NamedWeights } from '../train/types';
import { weightsMismatch } from '../train/weightCheck';
import { InputError } from '../util/inputError';

/** Weights for `--init` or `evaluate` must be exactly the graph's, or they are refused with the file named. */
export function requireMatchingWeights(plan: Plan, weights: NamedWeights, file: string): void {
  const wrong = weightsMismatch(plan, weights);
  if (wrong) throw new InputError('weights', `do not fit the graph: ${wrong}`, file);
}

/**
 * Bytes one sequence takes while a dataset is generated and trained on: the float64 fields,
 * the float32 copies training packs, and the protocol object. Measured at samples = 100 it is
 * about 4 KB, so 10⁷ sequences need about 40 GB.
 */
function bytesPerSequence(samples: number, maxJumps: number): number {
  return samples * (4 * 8 + 4 * 4) + maxJumps * 32 + 512;
}

/** The memory a dataset may take: what the machine (or its cgroup) has, less room for the rest. */
function memoryForData(): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() || Number.POSITIVE_INFINITY;
  return Math.min(totalmem(), constrained) * 0.75;
}

/** Refuses a --count whose dataset cannot fit in memory, before minutes are spent generating it. */
export function requireDatasetFits(count: number, samples: number, maxJumps: number, field: string, budget = memoryForData()): void {
  const need = count * bytesPerSequence(samples, maxJumps);
  if (need > budget) {
    const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
    const most = Math.floor(budget / bytesPerSequence(samples, maxJumps));
    throw new InputError(
      field,
      `${count} sequences need about ${gb(need)} of memory, this machine allows ${gb(budget)} (free now: ${gb(freemem())}); use at most ${most}`,
    );
  }
}

/** An output file must go into an existing folder and not onto a folder: said before any work is done. */
export function requireWritableTarget(file: string, field: string): void {
  const folder = dirname(file);
  if (!existsSync(folder)) throw new InputError(field, `the folder ${folder} does not exist`, file);
  if (!statSync(folder).isDirectory()) throw new InputError(field, `${folder} is a file, not a folder`, file);
  if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(field, 'is a folder; give a file name', file);
}
