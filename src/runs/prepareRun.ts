import { resolve as resolvePath } from 'node:path';
import { validateGraph } from '../graph';
import { applySets, withFiles } from '../run/overrides';
import { completeRun, type RunPatch, resolveRun } from '../run/runSpec';
import { InputError } from '../util/inputError';
import { fileResolver, readGraphFile } from './graphFiles';
import type { PreparedRun } from './runTraining';

/**
 * A graph file, run-section patches (flags, a sweep's `run`, a seed) and `--set` overrides, in
 * that order, resolved into one run: the single place where the CLI turns what it was given into
 * what it trains. `source` names the file the patches came from in a refusal.
 */
export function prepareRun(
  graphFile: string,
  patches: readonly RunPatch[],
  sets: readonly (readonly [string, unknown])[] = [],
  source = graphFile,
): PreparedRun {
  const { doc } = readGraphFile(graphFile);
  const complete = { ...doc, run: completeRun(doc.run, ...patches) };
  // Flags are checked by their parsers; a sweep file's `run` is checked here, by the graph schema.
  const bad = validateGraph(complete, source).find((e) => e.path.startsWith('run'));
  if (bad) throw new InputError(bad.path, bad.message.slice(`${source}: ${bad.path}: `.length), source);
  const applied = applySets(
    complete,
    resolvePath(graphFile),
    sets.map(([path, value]) => ({ path, value })),
    fileResolver,
  );
  return { run: resolveRun(applied.doc), graphFile, resolve: withFiles(applied.files, fileResolver) };
}
