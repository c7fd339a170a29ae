import schemaJson from '../../schema/predictions.schema.json' with { type: 'json' };
import type { Dataset } from '../physics/dataset';
import { muStart } from '../physics/muStart';
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import type { FileFormat } from '../util/versionedFile';

const predictionsFormat = 'slidegraph/predictions';
const predictionsVersion = 1;

export interface PredictionsFile {
  format: typeof predictionsFormat;
  version: typeof predictionsVersion;
  run: string;
  data: string;
  datasetSha256: string;
  samples: number;
  dmuCh: number;
  sequences: {
    index: number;
    split: 'train' | 'test';
    muStart: number;
    normalized: number[];
    mu: number[];
    testErrorPercent: number | null;
  }[];
}

/**
 * How predict's μ is read, for its summary: μ in the record's own units (the friction coefficient,
 * τ/σn when the record gave stresses), back from the normalized output with the dataset's scale,
 * which `import --window` chose from the record or the user gave.
 */
export function muUnits(config: Dataset['config']): { units: string; from: string; dmuCh: number; vCh: number } {
  return {
    units: 'friction coefficient (dimensionless, as the record: mu, or shear / normal stress)',
    from: 'mu = muStart + dmuCh × normalized, muStart and dmuCh from the dataset',
    dmuCh: config.dmuCh,
    vCh: config.vCh,
  };
}

/** The main net's outputs ([count × samples], normalized) as the versioned predictions file. */
export function predictionsDocument(
  ds: Dataset,
  predictions: Float32Array,
  errors: ArrayLike<number>,
  meta: { run: string; data: string; datasetSha256: string },
): PredictionsFile {
  const T = ds.config.samples;
  const dmuCh = ds.config.dmuCh;
  return {
    format: predictionsFormat,
    version: predictionsVersion,
    ...meta,
    samples: T,
    dmuCh,
    sequences: ds.sequences.map((s, i) => {
      const normalized = Array.from(predictions.subarray(i * T, (i + 1) * T));
      const m0 = muStart(s, ds.config);
      return {
        index: i,
        split: s.split,
        muStart: m0,
        normalized,
        mu: normalized.map((p) => m0 + dmuCh * p),
        testErrorPercent: Number.isFinite(errors[i]) ? errors[i] : null,
      };
    }),
  };
}

const check = schemaValidator(schemaJson);

/** The predictions file in the table of formats (src/runs/fileFormats.ts); version 1 is the first. */
export const predictionsFileFormat: FileFormat = {
  format: predictionsFormat,
  version: predictionsVersion,
  what: 'a Slidegraph predictions file',
  migrations: [],
  validate: check,
};

/**
 * Normalized predictions for `losses`, from a predictions file (checked against its schema and
 * the dataset's hash) or from the older plain array with one array per sequence.
 */
export function readPredictionsValue(
  raw: unknown,
  file: string,
  want: { count: number; samples: number; sha256: () => string; splits?: readonly string[] },
): Float32Array {
  const { count, samples } = want;
  if (Array.isArray(raw)) return fromArrays(raw, file, count, samples);
  const obj = raw as Record<string, unknown> | null;
  if (typeof obj !== 'object' || obj === null || obj.format !== predictionsFormat)
    throw new InputError(
      'predictions',
      `must be a "${predictionsFormat}" file or an array with one ${samples}-long array per sequence`,
      file,
    );
  if (obj.version !== predictionsVersion)
    throw new InputError('version', `must be ${predictionsVersion}, got ${JSON.stringify(obj.version)}`, file);
  const problem = check(raw);
  if (problem) throw new InputError(problem.path, problem.message, file);
  const doc = raw as PredictionsFile;
  const sha = want.sha256();
  if (doc.datasetSha256 !== sha)
    throw new InputError('datasetSha256', `the predictions are for dataset ${doc.datasetSha256}, --data has ${sha}`, file);
  // Paired by each entry's index, never by its place in the file: a reordered file scores the same.
  if (doc.sequences.length !== count)
    throw new InputError('predictions', `has ${doc.sequences.length} sequences, the dataset has ${count}`, file);
  const byIndex: number[][] = new Array(count);
  const at: number[] = new Array(count);
  doc.sequences.forEach((s, k) => {
    if (s.index >= count) throw new InputError(`sequences[${k}].index`, `is ${s.index}, the dataset has ${count} sequences`, file);
    if (byIndex[s.index] !== undefined)
      throw new InputError(`sequences[${k}].index`, `is ${s.index}, as sequences[${at[s.index]}].index is: each sequence once`, file);
    const split = want.splits?.[s.index];
    if (split !== undefined && s.split !== split)
      throw new InputError(`sequences[${k}].split`, `is "${s.split}", the dataset's sequence ${s.index} is in "${split}"`, file);
    byIndex[s.index] = s.normalized;
    at[s.index] = k;
  });
  return fromArrays(byIndex, file, count, samples, (i) => `sequences[${at[i]}].normalized`);
}

function fromArrays(raw: unknown[], file: string, count: number, samples: number, name = (i: number) => `predictions[${i}]`): Float32Array {
  if (raw.length !== count) throw new InputError('predictions', `has ${raw.length} sequences, the dataset has ${count}`, file);
  const out = new Float32Array(count * samples);
  raw.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== samples) throw new InputError(name(i), `must be an array of ${samples} numbers`, file);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`${name(i)}[${j}]`, `must be a finite number, got ${JSON.stringify(v)}`, file);
      out[i * samples + j] = v;
    });
  });
  return out;
}
