import * as tf from '@tensorflow/tfjs';
import { createModel } from '../../compile/model';
import { parseDataset } from '../../physics/datasetFile';
import { batchOf, pack } from '../../train/pack';
import { InputError } from '../../util/inputError';
import { useBackend, type BackendName } from '../backend';
import { readJson } from '../files';
import { compileGraphFile } from '../graphFiles';

function readPredictions(file: string, count: number, samples: number): Float32Array {
  const raw = readJson(file);
  if (!Array.isArray(raw)) throw new InputError('predictions', `must be an array with one ${samples}-long array per sequence`, file);
  if (raw.length !== count) throw new InputError('predictions', `has ${raw.length} sequences, the dataset has ${count}`, file);
  const out = new Float32Array(count * samples);
  raw.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== samples) throw new InputError(`predictions[${i}]`, `must be an array of ${samples} numbers`, file);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`predictions[${i}][${j}]`, `must be a finite number, got ${JSON.stringify(v)}`, file);
      out[i * samples + j] = v;
    });
  });
  return out;
}

/** Scores given predictions with a graph's loss terms, averaged over every sequence in the file. */
export async function lossesCommand(graph: string, opts: { data: string; predictions: string; backend: BackendName }): Promise<void> {
  const { plan } = compileGraphFile(graph, { predictionsFromData: true });
  if (plan.losses.length === 0) throw new InputError('graph', 'has no Loss blocks to score with', graph);
  const ds = parseDataset(readJson(opts.data), opts.data);
  const packed = pack(ds.sequences, ds.config.samples, ds.config.maxJumps);
  packed.predictions = readPredictions(opts.predictions, packed.count, packed.samples);
  await useBackend(opts.backend);
  const model = createModel(plan, { seed: 0 });
  const sums = { terms: {} as Record<string, number>, weighted: {} as Record<string, number>, total: 0 };
  const chunk = 512;
  for (let start = 0; start < packed.count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, packed.count - start) }, (_, i) => start + i);
    tf.tidy(() => {
      const ev = model.evaluate(batchOf(packed, rows, plan.fields));
      for (const l of plan.losses) {
        sums.terms[l.name] = (sums.terms[l.name] ?? 0) + ev.terms[l.name].dataSync()[0] * rows.length;
        sums.weighted[l.name] = (sums.weighted[l.name] ?? 0) + ev.weighted[l.name].dataSync()[0] * rows.length;
      }
      sums.total += ev.total.dataSync()[0] * rows.length;
    });
  }
  model.dispose();
  const mean = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / packed.count]));
  process.stdout.write(JSON.stringify({ terms: mean(sums.terms), weighted: mean(sums.weighted), total: sums.total / packed.count, sequences: packed.count }, null, 2) + '\n');
}
