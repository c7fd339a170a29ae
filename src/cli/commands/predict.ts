import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import { createModel } from '../../compile/model';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { type BackendName, useBackend } from '../../runs/backend';
import { compileGraphDoc } from '../../runs/graphFiles';
import { requireMatchingWeights } from '../../runs/preflight';
import { runFiles } from '../../runs/runFolder';
import { openFinishedRun } from '../../runs/runTraining';
import { evaluateSplit } from '../../train/evaluateSplit';
import { pack } from '../../train/pack';
import { predictionsDocument } from '../../train/predictionsFile';
import { toInitial } from '../../train/weights';
import { InputError } from '../../util/inputError';

/**
 * The trained main net's predictions for every sequence of a dataset (both splits, in dataset
 * order), in normalized units and in mu, as a file `losses --predictions` reads.
 */
export async function predictCommand(dir: string, opts: { data?: string; out: string; backend: BackendName }): Promise<void> {
  const { doc, graphFile, weights, dataFile, ds, sha256 } = openFinishedRun(dir, opts.data);
  if (ds.sequences.length === 0) throw new InputError('sequences', 'is empty: nothing to predict', dataFile ?? dir);
  const plan = compileGraphDoc(doc, graphFile, { data: dataShapeOf(ds.config) });
  requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
  await useBackend(opts.backend);
  const model = createModel(plan, { seed: 0, initial: toInitial(weights) });
  const ev = evaluateSplit(model, pack(ds.sequences, ds.config.samples, ds.config.maxJumps));
  model.dispose();
  const doc1 = predictionsDocument(ds, ev.predictions, ev.errors, {
    run: dir,
    data: dataFile ?? 'regenerated with the settings run.json records',
    datasetSha256: sha256,
  });
  writeFileAtomic(opts.out, `${JSON.stringify(doc1)}\n`);
  process.stdout.write(
    `${JSON.stringify({ file: opts.out, run: dir, data: doc1.data, datasetSha256: sha256, sequences: ds.sequences.length }, null, 2)}\n`,
  );
}
