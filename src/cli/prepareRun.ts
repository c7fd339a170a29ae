import { resolve as resolvePath } from 'node:path';
import { applySets, withFiles } from '../run/overrides';
import { completeRun, type RunPatch, resolveRun } from '../run/runSpec';
import { fileResolver, readGraphFile } from './graphFiles';
import type { PreparedRun } from './runTraining';

/**
 * A graph file, run-section patches (flags, a sweep's `run`) and `--set` overrides, in that
 * order, resolved into one run: the single place where the CLI turns what it was given into
 * what it trains.
 */
export function prepareRun(
  graphFile: string,
  patches: readonly RunPatch[],
  sets: readonly { path: string; value: unknown }[] = [],
): PreparedRun {
  const { doc } = readGraphFile(graphFile);
  const complete = { ...doc, run: completeRun(doc.run, ...patches) };
  const applied = applySets(complete, resolvePath(graphFile), sets, fileResolver);
  return { run: resolveRun(applied.doc), graphFile, resolve: withFiles(applied.files, fileResolver) };
}
