import evaluationSchema from '../../schema/evaluation.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';
import { readJson } from './files';
import { writeJson } from './runFolder';

export interface RunEvaluation {
  epoch: number;
  /** eq. (15) per test sequence, percent; NaN where the target never moves */
  errorsPercent: number[];
  histogram: { edges: number[]; counts: number[] };
}

const evaluationHeader = { format: 'slidegraph/evaluation', version: 1 } as const;

/** Version 0 is evaluation.json as written before it had a format and version: the same fields. */
const evaluationFormat: FileFormat = {
  ...evaluationHeader,
  what: 'a Slidegraph evaluation.json',
  migrations: [stampVersion1(evaluationHeader.format)],
  validate: schemaValidator(evaluationSchema),
};

/** evaluation.json (schema/evaluation.schema.json) read, upgraded and checked; JSON's null errors come back as NaN. */
export function readRunEvaluation(file: string): RunEvaluation {
  const doc = readVersioned(readJson(file), file, evaluationFormat) as unknown as Omit<RunEvaluation, 'errorsPercent'> & {
    errorsPercent: (number | null)[];
  };
  return { epoch: doc.epoch, errorsPercent: doc.errorsPercent.map((e) => e ?? NaN), histogram: doc.histogram };
}

export function writeRunEvaluation(file: string, evaluation: RunEvaluation): void {
  writeJson(file, { ...evaluationHeader, ...evaluation });
}
