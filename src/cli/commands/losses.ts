import { dataShapeOf } from '../../../nodes/fields';
import { parseDataset } from '../../physics/datasetFile';
import { type BackendName, useBackend } from '../../runs/backend';
import { readJson } from '../../runs/files';
import { compileGraphFile } from '../../runs/graphFiles';
import { datasetHash } from '../../runs/recordedData';
import { readPredictionsValue } from '../../train/predictionsFile';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { requireFiniteResults } from '../finiteResults';
import { printNote } from '../followRun';

/** Scores given predictions with a graph's loss terms, averaged over every sequence in the file. */
export async function lossesCommand(graph: string, opts: { data: string; predictions: string; backend: BackendName }): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { createModel } = await import('../../compile/model');
  const { evaluateSplit } = await import('../../train/evaluateSplit');
  const { pack } = await import('../../train/pack');
  const ds = parseDataset(readJson(opts.data), opts.data);
  const { plan } = compileGraphFile(graph, {
    predictionsFromData: true,
    data: dataShapeOf(ds.config),
  });
  if (plan.losses.length === 0) throw new InputError('graph', 'has no Loss blocks to score with', graph);
  const packed = pack(ds.sequences, ds.config.samples, ds.config.maxJumps);
  packed.predictions = readPredictionsValue(readJson(opts.predictions), opts.predictions, {
    count: packed.count,
    samples: packed.samples,
    sha256: () => datasetHash(ds),
    splits: ds.sequences.map((s) => s.split),
  });
  await useBackend(opts.backend, (m) => printNote(m, true));
  const model = createModel(plan, { seed: 0 });
  const ev = evaluateSplit(model, packed);
  model.dispose();
  const { total, ...terms } = ev.losses;
  requireFiniteResults(
    { ...ev.losses, ...Object.fromEntries(Object.entries(ev.weighted).map(([k, v]) => [`weighted ${k}`, v])) },
    opts.predictions,
  );
  process.stdout.write(`${jsonText({ terms, weighted: ev.weighted, total, sequences: packed.count }, 2)}\n`);
}
