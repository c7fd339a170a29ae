import { join } from 'node:path';
import { createModel } from '../../compile/model';
import { datasetSplit } from '../../train/data';
import { evaluateSplit } from '../../train/evaluateSplit';
import { histogram, summarizeErrors } from '../../train/testError';
import { toInitial } from '../../train/weights';
import { InputError } from '../../util/inputError';
import { type BackendName, useBackend } from '../backend';
import { readJson } from '../files';
import { compileGraphDoc, readGraphFile } from '../graphFiles';
import { requireMatchingWeights } from '../preflight';
import { readRunWeights, runFiles } from '../runFolder';
import { datasetHash, runDataset, runExists } from '../runTraining';

/** The test-error summary of a finished run, on its own test split or on another dataset file. */
export async function evaluateCommand(dir: string, opts: { data?: string; backend: BackendName }): Promise<void> {
  if (!runExists(dir)) throw new InputError('RUNDIR', `${dir} is not a run folder (no ${runFiles.graph})`);
  const graphFile = join(dir, runFiles.graph);
  const { doc } = readGraphFile(graphFile);
  if (!doc.run) throw new InputError('run', 'is missing from the run folder graph', graphFile);
  const weights = readRunWeights(dir);
  // A run trained on a dataset file is evaluated on that file unless --data names another.
  const trainedOn = (readJson(join(dir, runFiles.run)) as { dataset?: { file?: string } }).dataset?.file;
  const dataFile = opts.data ?? trainedOn;
  const ds = runDataset({ ...doc, run: doc.run }, dataFile);
  const plan = compileGraphDoc(doc, graphFile, { data: { samples: ds.config.samples, maxJumps: ds.config.maxJumps } });
  const { test } = datasetSplit(ds);
  if (test.count === 0) throw new InputError('data', 'has no test sequences', dataFile ?? dir);
  requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
  await useBackend(opts.backend);
  const model = createModel(plan, { seed: 0, initial: toInitial(weights) });
  const ev = evaluateSplit(model, test);
  model.dispose();
  const s = summarizeErrors(ev.errors);
  const result = {
    run: dir,
    data: dataFile ?? 'regenerated from graph.json',
    datasetSha256: opts.data ? undefined : datasetHash(ds),
    testSequences: test.count,
    testErrorPercent: { mean: s.mean, median: s.median, undefinedCount: s.undefinedCount },
    testLosses: ev.losses,
    histogram: histogram(ev.errors),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
