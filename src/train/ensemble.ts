import schemaJson from '../../schema/ensemble.schema.json' with { type: 'json' };
import type { Dataset } from '../physics/dataset';
import { muStart } from '../physics/muStart';
import { schemaValidator } from '../util/ajv';
import { testErrorPercent } from '../util/testError';

const ensembleFormat = 'slidegraph/ensemble';
const ensembleVersion = 1;

export interface EnsembleFile {
  format: typeof ensembleFormat;
  version: typeof ensembleVersion;
  runs: string[];
  data: string;
  datasetSha256: string;
  samples: number;
  dmuCh: number;
  calibration: { within2sd: number | null; samples: number; testErrorPercent: number | null };
  sequences: { index: number; split: 'train' | 'test'; muStart: number; mean: number[]; sd: number[]; testErrorPercent: number | null }[];
}

/**
 * Several nets' predictions ([count × samples] each, normalized) as one ensemble: the per-sample
 * mean and sample sd (n − 1), the eq. (15) error of the mean, and the calibration of the spread on
 * the test split: the fraction of target samples within ±2 sd of the mean. A spread that held the
 * whole error, Gaussian, would put about 95 % inside; seed ensembles usually put far fewer.
 */
export function ensembleDocument(
  ds: Dataset,
  predictions: readonly Float32Array[],
  meta: { runs: string[]; data: string; datasetSha256: string },
): EnsembleFile {
  const T = ds.config.samples;
  const n = predictions.length;
  let inside = 0;
  let counted = 0;
  const testErrors: number[] = [];
  const sequences = ds.sequences.map((s, q) => {
    const mean = new Array<number>(T).fill(0);
    const sd = new Array<number>(T).fill(0);
    for (let i = 0; i < T; i++) {
      for (const p of predictions) mean[i] += p[q * T + i] / n;
      let ss = 0;
      for (const p of predictions) ss += (p[q * T + i] - mean[i]) ** 2;
      sd[i] = Math.sqrt(ss / (n - 1));
      if (s.split === 'test') {
        counted++;
        if (Math.abs(s.Targets[i] - mean[i]) <= 2 * sd[i]) inside++;
      }
    }
    const e = testErrorPercent(mean, s.Targets);
    if (s.split === 'test' && Number.isFinite(e)) testErrors.push(e);
    return { index: q, split: s.split, muStart: muStart(s, ds.config), mean, sd, testErrorPercent: Number.isFinite(e) ? e : null };
  });
  const doc: EnsembleFile = {
    format: ensembleFormat,
    version: ensembleVersion,
    ...meta,
    samples: T,
    dmuCh: ds.config.dmuCh,
    calibration: {
      within2sd: counted ? inside / counted : null,
      samples: counted,
      testErrorPercent: testErrors.length ? testErrors.reduce((a, x) => a + x, 0) / testErrors.length : null,
    },
    sequences,
  };
  const problem = check(doc);
  if (problem) throw new Error(`ensemble document does not satisfy its schema: ${problem.path} ${problem.message}`);
  return doc;
}

const check = schemaValidator(schemaJson);
