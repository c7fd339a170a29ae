import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { type BackendName, useBackend } from '../../runs/backend';
import { compileGraphDoc, readGraphFile } from '../../runs/graphFiles';
import { requireMatchingWeights } from '../../runs/preflight';
import { readRunWeights, runFiles } from '../../runs/runFolder';
import { ensembleDocument } from '../../train/ensemble';
import { muUnits } from '../../train/predictionsFile';
import { InputError } from '../../util/inputError';
import { printNote } from '../followRun';

/**
 * The run folders of `--ensemble`: a comma-separated list, or one sweep folder (every point
 * under DIR/runs/ that holds a graph), in name order so the file is the same on every machine.
 */
function ensembleRuns(list: string): string[] {
  const items = list.split(',').filter((x) => x !== '');
  if (items.length === 1 && existsSync(join(items[0], 'runs'))) {
    const runs = join(items[0], 'runs');
    return readdirSync(runs)
      .sort()
      .map((name) => join(runs, name))
      .filter((dir) => existsSync(join(dir, runFiles.graph)));
  }
  return items;
}

function openRunNet(dir: string) {
  const graphFile = join(dir, runFiles.graph);
  if (!existsSync(graphFile)) throw new InputError('--ensemble', `${dir} is not a run folder (no ${runFiles.graph})`);
  return { doc: readGraphFile(graphFile).doc, graphFile, weights: readRunWeights(dir) };
}

/**
 * Every net of the ensemble predicts the same dataset (`--data`, or the first run's own), so a
 * seed ensemble's nets, each trained on its own seed's data, are compared on one set of targets.
 */
export async function ensembleCommand(list: string, opts: { data?: string; out: string; backend: BackendName }): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { createModel } = await import('../../compile/model');
  const { openFinishedRun } = await import('../../runs/runTraining');
  const { evaluateSplit } = await import('../../train/evaluateSplit');
  const { pack } = await import('../../train/pack');
  const { toInitial } = await import('../../train/weights');
  const runs = ensembleRuns(list);
  if (runs.length < 2)
    throw new InputError('--ensemble', `needs at least two run folders (a list RUN1,RUN2 or a sweep folder), got ${runs.length}`);
  const first = openFinishedRun(runs[0], opts.data);
  if (first.note) printNote(first.note);
  const { ds } = first;
  if (ds.sequences.length === 0) throw new InputError('sequences', 'is empty: nothing to predict', first.dataFile ?? runs[0]);
  await useBackend(opts.backend, (m) => printNote(m, true));
  const batch = pack(ds.sequences, ds.config.samples, ds.config.maxJumps);
  const predictions = runs.map((dir, i) => {
    // the other runs' own data are not read: only their nets
    const { doc, graphFile, weights } = i === 0 ? first : openRunNet(dir);
    const plan = compileGraphDoc(doc, graphFile, { data: dataShapeOf(ds.config) });
    requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
    const model = createModel(plan, { seed: 0, initial: toInitial(weights) });
    const ev = evaluateSplit(model, batch);
    model.dispose();
    return ev.predictions;
  });
  const doc = ensembleDocument(ds, predictions, {
    runs,
    data: first.dataFile ?? `regenerated with the settings ${runs[0]}/run.json records`,
    datasetSha256: first.sha256,
  });
  writeFileAtomic(opts.out, `${JSON.stringify(doc)}\n`);
  process.stdout.write(
    `${JSON.stringify({ file: opts.out, runs, sequences: ds.sequences.length, calibration: doc.calibration, mu: muUnits(ds.config) }, null, 2)}\n`,
  );
}
