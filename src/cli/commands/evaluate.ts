import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import { type BackendName, useBackend } from '../../runs/backend';
import { compileGraphDoc } from '../../runs/graphFiles';
import { requireMatchingWeights } from '../../runs/preflight';
import { runFiles } from '../../runs/runFolder';
import { InputError } from '../../util/inputError';
import { requireFiniteValues } from '../../util/nonFinite';
import { histogram, summarizeErrors } from '../../util/testError';
import { jsonText } from '../cleanText';
import { printNote } from '../followRun';

/** The test-error summary of a finished run, on its own test split or on another dataset file. */
export async function evaluateCommand(dir: string, opts: { data?: string; backend: BackendName }): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { createModel } = await import('../../compile/model');
  const { openFinishedRun } = await import('../../runs/runTraining');
  const { datasetSplit } = await import('../../train/data');
  const { evaluateSplit } = await import('../../train/evaluateSplit');
  const { toInitial } = await import('../../train/weights');
  const { doc, graphFile, weights, dataFile, ds, sha256, note } = openFinishedRun(dir, opts.data);
  if (note) printNote(note);
  const plan = compileGraphDoc(doc, graphFile, { data: dataShapeOf(ds.config) });
  const { test } = datasetSplit(ds);
  if (test.count === 0) throw new InputError('data', 'has no test sequences', dataFile ?? dir);
  requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
  await useBackend(opts.backend, (m) => printNote(m, true));
  const model = createModel(plan, { seed: 0, initial: toInitial(weights) });
  const ev = evaluateSplit(model, test);
  model.dispose();
  const T = ds.config.samples;
  requireFiniteValues(
    ev.predictions,
    'Predictions',
    dir,
    (i) => `the main net's output (Predictions) for test sequence ${Math.floor(i / T)}, sample ${i % T},`,
  );
  for (const [term, v] of Object.entries(ev.losses)) requireFiniteValues([v], term, dir, () => `the test loss ${term}`);
  const s = summarizeErrors(ev.errors);
  const result = {
    run: dir,
    data: dataFile ?? 'regenerated with the settings run.json records',
    datasetSha256: opts.data ? undefined : sha256,
    testSequences: test.count,
    testErrorPercent: { mean: s.mean, median: s.median, undefinedCount: s.undefinedCount },
    testLosses: ev.losses,
    histogram: histogram(ev.errors),
  };
  process.stdout.write(`${jsonText(result, 2)}\n`);
}
