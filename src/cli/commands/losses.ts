import { createModel } from '../../compile/model';
import { parseDataset } from '../../physics/datasetFile';
import { evaluateSplit } from '../../train/evaluateSplit';
import { pack } from '../../train/pack';
import { InputError } from '../../util/inputError';
import { type BackendName, useBackend } from '../backend';
import { readJson } from '../files';
import { requireFiniteResults } from '../finiteResults';
import { compileGraphFile } from '../graphFiles';

function readPredictions(file: string, count: number, samples: number): Float32Array {
  const raw = readJson(file);
  if (!Array.isArray(raw)) throw new InputError('predictions', `must be an array with one ${samples}-long array per sequence`, file);
  if (raw.length !== count) throw new InputError('predictions', `has ${raw.length} sequences, the dataset has ${count}`, file);
  const out = new Float32Array(count * samples);
  raw.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== samples)
      throw new InputError(`predictions[${i}]`, `must be an array of ${samples} numbers`, file);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`predictions[${i}][${j}]`, `must be a finite number, got ${JSON.stringify(v)}`, file);
      out[i * samples + j] = v;
    });
  });
  return out;
}

/** Scores given predictions with a graph's loss terms, averaged over every sequence in the file. */
export async function lossesCommand(graph: string, opts: { data: string; predictions: string; backend: BackendName }): Promise<void> {
  const ds = parseDataset(readJson(opts.data), opts.data);
  const { plan } = compileGraphFile(graph, {
    predictionsFromData: true,
    data: { samples: ds.config.samples, maxJumps: ds.config.maxJumps },
  });
  if (plan.losses.length === 0) throw new InputError('graph', 'has no Loss blocks to score with', graph);
  const packed = pack(ds.sequences, ds.config.samples, ds.config.maxJumps);
  packed.predictions = readPredictions(opts.predictions, packed.count, packed.samples);
  await useBackend(opts.backend);
  const model = createModel(plan, { seed: 0 });
  const ev = evaluateSplit(model, packed);
  model.dispose();
  const { total, ...terms } = ev.losses;
  requireFiniteResults(
    { ...ev.losses, ...Object.fromEntries(Object.entries(ev.weighted).map(([k, v]) => [`weighted ${k}`, v])) },
    opts.predictions,
  );
  process.stdout.write(`${JSON.stringify({ terms, weighted: ev.weighted, total, sequences: packed.count }, null, 2)}\n`);
}
