import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { type BackendName, useBackend } from '../../runs/backend';
import { readText } from '../../runs/files';
import { compileGraphDoc } from '../../runs/graphFiles';
import { isInside, refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireMatchingWeights } from '../../runs/preflight';
import { runFiles } from '../../runs/runFolder';
import { muUnits, predictionsDocument } from '../../train/predictionsFile';
import { InputError } from '../../util/inputError';
import { requireFiniteValues } from '../../util/nonFinite';
import { jsonText } from '../cleanText';
import { printNote } from '../followRun';

/**
 * The run folder's own files, which predict reads or which must outlive it: its record, graph,
 * weights, model and checkpoints, and (for an --out inside the folder) a sub-graph it names.
 */
function runInputs(dir: string, out: string): { path: string; what: string }[] {
  const own = Object.values(runFiles).map((name) => ({ path: join(dir, name), what: `the run's ${name}` }));
  if (!isInside(out, dir)) return own;
  const inFolder = ['model', 'checkpoints', 'subgraphs'].flatMap((sub) => {
    try {
      return readdirSync(join(dir, sub)).map((f) => ({ path: join(dir, sub, f), what: `the run's ${sub}/${f}` }));
    } catch {
      return [];
    }
  });
  return [...own, ...inFolder, ...(isGraph(out) ? [{ path: out, what: 'a graph file of the run' }] : [])];
}

const isGraph = (path: string) => {
  try {
    return (JSON.parse(readText(path)) as { format?: unknown }).format === 'slidegraph/graph';
  } catch {
    return false;
  }
};

/**
 * The trained main net's predictions for every sequence of a dataset (both splits, in dataset
 * order), in normalized units and in mu, as a file `losses --predictions` reads.
 */
export async function predictCommand(dir: string, opts: { data?: string; out: string; backend: BackendName }): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { createModel } = await import('../../compile/model');
  const { openFinishedRun } = await import('../../runs/runTraining');
  const { evaluateSplit } = await import('../../train/evaluateSplit');
  const { pack } = await import('../../train/pack');
  const { toInitial } = await import('../../train/weights');
  const { doc, graphFile, weights, dataFile, ds, sha256, note } = openFinishedRun(dir, opts.data);
  if (note) printNote(note);
  refuseOutputOverInput(opts.out, [...(dataFile ? [{ path: dataFile, what: 'the dataset file' }] : []), ...runInputs(dir, opts.out)]);
  if (ds.sequences.length === 0) throw new InputError('sequences', 'is empty: nothing to predict', dataFile ?? dir);
  const plan = compileGraphDoc(doc, graphFile, { data: dataShapeOf(ds.config) });
  requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
  await useBackend(opts.backend, (m) => printNote(m, true));
  const model = createModel(plan, { seed: 0, initial: toInitial(weights) });
  const ev = evaluateSplit(model, pack(ds.sequences, ds.config.samples, ds.config.maxJumps));
  model.dispose();
  const T = ds.config.samples;
  requireFiniteValues(
    ev.predictions,
    'Predictions',
    dir,
    (i) => `the main net's output (Predictions) for sequence ${Math.floor(i / T)}, sample ${i % T},`,
  );
  const doc1 = predictionsDocument(ds, ev.predictions, ev.errors, {
    run: dir,
    data: dataFile ?? 'regenerated with the settings run.json records',
    datasetSha256: sha256,
  });
  writeFileAtomic(opts.out, `${JSON.stringify(doc1)}\n`);
  process.stdout.write(
    `${jsonText({ file: opts.out, run: dir, data: doc1.data, datasetSha256: sha256, sequences: ds.sequences.length, mu: muUnits(ds.config) }, 2)}\n`,
  );
}
